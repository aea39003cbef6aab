//! The systemd user unit the README shows for servers: its ExecStart runs `patchbay sync
//! --watch`, which starts, syncs on schedule and stops cleanly on the SIGTERM systemd sends.

use patchbay_tests::workspace::TestWorkspace;
use std::process::Stdio;
use std::time::{Duration, Instant};

const UNIT: &str = include_str!("../../docs/patchbay-sync.service");

#[test]
fn the_documented_service_starts_watching_and_stops_cleanly_on_sigterm() {
    let exec = UNIT
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("the unit has an ExecStart");
    let mut words = exec.split_whitespace();
    assert_eq!(words.next(), Some("/usr/bin/patchbay"), "the .deb's path");
    let args: Vec<&str> = words.collect();
    assert_eq!(args, ["sync", "--watch"]);
    assert!(
        UNIT.contains("EnvironmentFile=-%h/.config/patchbay/env"),
        "the vault passphrase's home"
    );

    let ws = TestWorkspace::new();
    let mut child = ws
        .cli()
        .args(&args)
        .env("PATCHBAY_VAULT_PASSPHRASE", "service-test-passphrase")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Under systemd stdout is no terminal: it writes JSON lines, one per finished sync.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "it keeps running");
    // systemctl stop sends SIGTERM.
    let stopped = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "a clean stop, not a kill: {status}");
            break;
        }
        assert!(Instant::now() < deadline, "sync --watch ignored SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}
