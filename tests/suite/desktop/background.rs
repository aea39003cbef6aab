//! Closing the window keeps Patchbay running in the tray (scheduled syncs go on); opening it
//! again shows the window; "Start Patchbay at login" writes and removes the login item.

use patchbay_tests::desktop::Desktop;
use patchbay_tests::workspace::TestWorkspace;
use patchbay_tests::x11;
use std::time::{Duration, Instant};

fn until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting until {what}: {}",
            x11::describe("Patchbay")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn app_alive(ws: &TestWorkspace) -> bool {
    std::process::Command::new("pgrep")
        .args([
            "-f",
            &format!("patchbay-desktop --data-dir {}", ws.data_dir().display()),
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[test]
fn closing_the_window_hides_it_to_the_tray_and_opening_patchbay_again_shows_it() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    app.session.wait_for("nav").unwrap();
    until("the window is shown", || {
        x11::shown("Patchbay").unwrap_or(false)
    });

    assert!(
        x11::request_close("Patchbay").unwrap() > 0,
        "the window was found"
    );
    until("the window is hidden", || {
        !x11::shown("Patchbay").unwrap_or(true)
    });
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        app_alive(&ws),
        "Patchbay keeps running after its window closed"
    );
    let notice: Option<String> = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3"))
        .unwrap()
        .query_row(
            "SELECT value FROM settings WHERE key = 'once.tray_notice'",
            [],
            |r| r.get(0),
        )
        .ok();
    assert!(notice.is_some(), "the one-time notice was given");

    // Opening Patchbay again (the launcher, a second instance) brings the window back.
    let status = std::process::Command::new(patchbay_tests::bins::bin("patchbay-desktop"))
        .args(["--data-dir", &ws.data_dir().display().to_string()])
        .envs(ws.env())
        .status()
        .unwrap();
    assert!(status.success(), "the second instance hands over and exits");
    until("the window is shown again", || {
        x11::shown("Patchbay").unwrap_or(false)
    });
    app.session.wait_for("nav").unwrap();
}

#[test]
fn start_at_login_writes_a_login_item_that_starts_hidden() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    s.click_on(r#"[data-view="settings"]"#).unwrap();
    let autostart = ws.root().join("home/.config/autostart");
    let entry = || {
        std::fs::read_dir(&autostart)
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| e.ok())
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
    };
    assert_eq!(entry(), None);
    s.click_on("#pref-autostart").unwrap();
    s.wait_for_text(".toasts", "start at login").unwrap();
    let item = entry().expect("a login item");
    assert!(item.contains("--background"), "{item}");
    assert!(
        item.contains(&ws.data_dir().display().to_string()),
        "the same data dir: {item}"
    );
    s.click_on("#pref-autostart").unwrap();
    s.wait_for_text(".toasts", "will not start").unwrap();
    until("the login item is gone", || entry().is_none());
}
