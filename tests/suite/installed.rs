//! The installed package, as a user has it after `apt install ./patchbay_….deb` (run by
//! `make test-package`, which installs it first and removes it after): `patchbay://` links open
//! the installed app, a sign-in link handed to the OS reaches the running app, and the installed
//! command line's doctor is satisfied.

use crate::desktop::oauth::{add_sandbox_tiktok, browser};
use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;
use std::process::Command;
use std::time::{Duration, Instant};

const INSTALLED: &str = "runs against the installed package: make test-package";

#[test]
#[ignore = "runs against the installed package: make test-package"]
fn the_installed_command_line_passes_its_doctor() {
    let _ = INSTALLED;
    let ws = TestWorkspace::new();
    let out = Command::new("/usr/bin/patchbay")
        .args(["doctor", "--json"])
        .envs(ws.env())
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let checks = report["checks"].as_array().expect("the checks");
    assert_eq!(checks.len(), 4, "{report:#}");
    assert!(checks.iter().all(|c| c["ok"] == true), "{report:#}");
    let handler = Command::new("xdg-mime")
        .args(["query", "default", "x-scheme-handler/patchbay"])
        .envs(ws.env())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&handler.stdout).trim(),
        "Patchbay.desktop"
    );
}

#[test]
#[ignore = "runs against the installed package: make test-package"]
fn a_link_handed_to_the_os_reaches_the_installed_app() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the installed app opens");
    let s = &app.session;
    add_sandbox_tiktok(s);
    let id = s
        .attribute(&s.wait_for("[data-connection]").unwrap(), "data-connection")
        .unwrap()
        .unwrap();
    let script = format!(
        "const done = arguments[arguments.length - 1]; window.__TAURI_INTERNALS__.invoke('start_connect', {{ id: '{id}', style: 'deep-link' }}).then(r => done(r.url), e => done('ERR ' + JSON.stringify(e)));"
    );
    let url = s
        .execute_async(&script)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    let resp = browser(false).get(&url).send().unwrap();
    let link = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(link.starts_with("patchbay://oauth/callback?"), "{link}");

    // As a browser would: hand the link to the desktop, which starts the installed handler.
    let mut opened = Command::new("gio")
        .args(["open", &link])
        .envs(ws.env())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while opened.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "gio open did not return");
        std::thread::sleep(Duration::from_millis(100));
    }
    s.wait_for_text("[data-toast]", "Connected as maya_tiktok1")
        .unwrap();
    s.screenshot(&screenshot_path("installed-app-connected"))
        .unwrap();
}

/// Resident memory of the app and its WebKit helpers, in KiB, from /proc.
fn resident_kib() -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let dir = entry.path();
        let cmd = std::fs::read(dir.join("cmdline")).unwrap_or_default();
        let cmd = String::from_utf8_lossy(&cmd);
        if cmd.contains("patchbay-desktop")
            || cmd.contains("WebKitWebProcess")
            || cmd.contains("WebKitNetworkProcess")
        {
            let status = std::fs::read_to_string(dir.join("status")).unwrap_or_default();
            total += status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    total
}

/// Measures (prints, never asserts) what docs/benchmarks.md reports for the installed release
/// build: cold start to the first view, and idle memory with every WebKit process.
#[test]
#[ignore = "runs against the installed package: make test-package"]
fn the_installed_app_starts_and_idles_within_what_is_measured() {
    let ws = TestWorkspace::new();
    let started = Instant::now();
    let app = Desktop::open(&ws).expect("the installed app opens");
    app.session.wait_for("[data-connector]").unwrap();
    let first_view = started.elapsed();
    std::thread::sleep(Duration::from_secs(5));
    let rss = resident_kib();
    println!(
        "installed app: first view after {} ms (WebDriver session included); idle resident memory {} MiB (app + WebKit processes)",
        first_view.as_millis(),
        rss / 1024
    );
    assert!(rss > 0, "the app's processes were found");
}
