//! Launches the real desktop app under tauri-driver and hands back a WebDriver session.

use crate::webdriver::Session;
use crate::workspace::TestWorkspace;
use anyhow::{Context, Result, bail};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One desktop window at a time: WebKitWebDriver and the single-instance lock both want it so.
static ONE_WINDOW: Mutex<()> = Mutex::new(());

/// A running tauri-driver with the app open. Dropping it closes the app and the driver.
#[derive(Debug)]
pub struct Desktop {
    // Field order matters: the session closes the app before the driver is killed.
    pub session: Session,
    _driver: Driver,
    _app: AppReaper,
    _one_window: MutexGuard<'static, ()>,
}

/// Makes sure the app of this test is gone, even when a failed test left it behind: a stray
/// instance would otherwise receive the next test's launch through single-instance.
#[derive(Debug)]
struct AppReaper(String);

impl Drop for AppReaper {
    fn drop(&mut self) {
        reap(&format!("patchbay-desktop --data-dir {}", self.0));
    }
}

/// Kills the processes whose command line contains `pattern` and waits until they are gone, so
/// the next app does not find a dying instance on the session bus and try to forward to it.
fn reap(pattern: &str) {
    let _ = Command::new("pkill").args(["-9", "-f", pattern]).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let alive = Command::new("pgrep")
            .args(["-f", pattern])
            .stdout(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !alive {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The tauri-driver child process and the native WebDriver it started (on `native_port`),
/// both killed when dropped: an orphaned WebKitWebDriver would hold the test run's output open.
#[derive(Debug)]
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        reap(&format!("WebKitWebDriver --port={}", self.1));
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return path.into();
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// Where end-to-end screenshots go for review: `target/e2e-screenshots/`.
pub fn screenshot_path(name: &str) -> PathBuf {
    crate::bins::profile_dir()
        .parent()
        .map(|target| target.join("e2e-screenshots").join(format!("{name}.png")))
        .expect("the profile dir sits inside the target dir")
}

impl Desktop {
    /// Opens the desktop app on `workspace` and waits until its WebDriver session is ready.
    pub fn open(workspace: &TestWorkspace) -> Result<Self> {
        let one_window = ONE_WINDOW.lock().unwrap_or_else(|p| p.into_inner());
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            bail!("no display: run the end-to-end tests under xvfb-run (make test does)");
        }
        // A free port can be taken by another test between choosing it and binding it; one
        // more attempt with fresh ports covers that race.
        let mut last = None;
        for _ in 0..2 {
            match launch(workspace) {
                Ok((session, driver, reaper)) => {
                    return Ok(Desktop {
                        session,
                        _driver: driver,
                        _app: reaper,
                        _one_window: one_window,
                    });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| anyhow::anyhow!("the desktop app did not open")))
    }
}

fn launch(workspace: &TestWorkspace) -> Result<(Session, Driver, AppReaper)> {
    // The installed-package test drives the installed app instead of the build's.
    let app = std::env::var_os("PATCHBAY_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::bins::bin("patchbay-desktop"));
    // Only one window at a time: whatever an earlier test left behind goes first.
    reap("patchbay-desktop --data-dir /tmp/patchbay-test-");
    let port = free_port()?;
    let native_port = free_port()?;
    let driver = Driver(
        Command::new(tauri_driver())
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .envs(workspace.env())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("tauri-driver could not start: install it with `cargo install tauri-driver --locked` (make test does)")?,
        native_port,
    );
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("tauri-driver did not listen on port {port}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let args = vec![
        "--data-dir".to_owned(),
        workspace.data_dir().display().to_string(),
    ];
    let reaper = AppReaper(workspace.data_dir().display().to_string());
    let session = Session::start(&url, &app, &args)
        .map_err(|e| anyhow::anyhow!("the desktop app did not open under tauri-driver: {e}"))?;
    session.wait_for("body")?;
    Ok((session, driver, reaper))
}
