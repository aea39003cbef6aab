//! The AppImage, as a user runs it after downloading (run by `make test-package`, which builds
//! it): it starts under Xvfb and shows its first view, the app inside is this version, and the
//! command line it carries works. The runtime unpacks it into a temporary folder
//! (`APPIMAGE_EXTRACT_AND_RUN=1`), since a container offers no FUSE to mount it.

use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::TestWorkspace;
use std::process::Command;

#[test]
#[ignore = "runs against the built AppImage: make test-package"]
fn the_appimage_starts_and_shows_its_first_view() {
    let image = std::env::var("PATCHBAY_DESKTOP_BIN").expect("the AppImage to run");
    assert!(image.ends_with(".AppImage"), "{image}");
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the AppImage opens");
    let s = &app.session;
    // A first run: the gallery, offering the sample accounts.
    s.wait_for("[data-connector]").unwrap();
    s.wait_for(r#"[data-action="try-samples"]"#).unwrap();
    s.screenshot(&screenshot_path("appimage-first-view"))
        .unwrap();
    s.click_on(r#"[data-view="about"]"#).unwrap();
    let version = s
        .text(&s.wait_for(r#"[data-fact="version"]"#).unwrap())
        .unwrap();
    assert_eq!(version, patchbay_core::VERSION);
    // The app inside made this workspace's database.
    assert!(ws.data_dir().join("patchbay.sqlite3").exists());

    // The command line travels inside, beside the app.
    let dir = tempfile::tempdir().unwrap();
    let extracted = Command::new(&image)
        .arg("--appimage-extract")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(extracted.status.success(), "{extracted:?}");
    let root = dir.path().join("squashfs-root");
    let cli = Command::new(root.join("usr/bin/patchbay"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&cli.stdout).contains(patchbay_core::VERSION),
        "{cli:?}"
    );
    let entry = std::fs::read_to_string(root.join("patchbay.desktop")).unwrap();
    assert!(entry.contains("Exec=patchbay-desktop %u"), "{entry}");
    assert!(
        entry.contains("MimeType=x-scheme-handler/patchbay;"),
        "{entry}"
    );
    let valid = Command::new("desktop-file-validate")
        .arg(root.join("patchbay.desktop"))
        .output()
        .unwrap();
    assert!(valid.status.success(), "{valid:?}");
}
