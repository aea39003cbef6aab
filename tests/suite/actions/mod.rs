//! Actions end to end through `patchbay actions run`: each connector against its sandbox (what
//! the emulator received is read back from `patchbay sandbox outbox`), the retry rules under
//! injected faults, and the platforms' own contracts served by Prism.

mod contracts;
pub(crate) mod custom;
mod declared;
mod discord;
mod http;
mod mail;
mod readme;
mod slack;
mod stripe;
mod twilio;

use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;
use std::process::Output;

/// Adds a connection; `secrets` are (field, value) pairs fed through stdin, never arguments.
pub(super) fn add(
    ws: &TestWorkspace,
    connector: &str,
    mode: &str,
    sets: &[&str],
    secrets: &[(&str, &str)],
) -> String {
    let mut args = vec![
        "connections",
        "add",
        connector,
        "--name",
        connector,
        "--mode",
        mode,
        "--json",
    ];
    for s in sets {
        args.extend(["--set", s]);
    }
    let mut stdin = String::new();
    for (field, value) in secrets {
        args.extend(["--secret", field]);
        stdin.push_str(value);
        stdin.push('\n');
    }
    let out = ws.run_with_stdin(&args, &stdin);
    assert!(out.status.success(), "{:?}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["id"].as_str().unwrap().to_owned()
}

pub(super) fn run(ws: &TestWorkspace, id: &str, action: &str, input: &Value) -> Output {
    ws.run(&[
        "actions",
        "run",
        id,
        action,
        "--input",
        &input.to_string(),
        "--json",
    ])
}

/// The action's JSON output, asserting it succeeded.
pub(super) fn ok(out: &Output) -> Value {
    assert!(out.status.success(), "{:?}", text(out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The sentence of a failed action, asserting it failed with `code`.
pub(super) fn refused(out: &Output, code: &str) -> String {
    let (stdout, stderr) = text(out);
    assert_eq!(out.status.code(), Some(1), "{stdout} {stderr}");
    assert!(stderr.contains(&format!("error[{code}]")), "{stderr}");
    stderr
}

/// What the sandbox received for `platform`, oldest first.
pub(super) fn outbox(ws: &TestWorkspace, platform: &str) -> Vec<Value> {
    let out = ws.run(&[
        "sandbox",
        "outbox",
        "--platform",
        platform,
        "--limit",
        "1000",
        "--json",
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    let mut items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    items.reverse();
    items
}

/// Injects the sandbox's faults for the processes that follow.
pub(super) fn faults(ws: &TestWorkspace, toml: &str) {
    std::fs::write(ws.data_dir().join("sandbox-faults.toml"), toml).unwrap();
}

/// The action log as the CLI prints it in JSON.
pub(super) fn log(ws: &TestWorkspace) -> Vec<Value> {
    let out = ws.run(&["actions", "log", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every byte of the data directory's database and logs, to look for a secret in.
pub(super) fn stored_bytes(ws: &TestWorkspace) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in walk(&ws.data_dir()) {
        all.extend(std::fs::read(entry).unwrap_or_default());
    }
    all
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

pub(super) fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Connects a sandbox OAuth connection the way a person does: `patchbay connect` prints the
/// sign-in address and waits on loopback; the test plays the browser, which the sandbox's
/// consent screen sends straight back.
pub(super) fn connect(ws: &TestWorkspace, id: &str) {
    use std::io::{BufRead, BufReader};
    let mut child = ws
        .cli()
        .args([
            "connect",
            id,
            "--no-browser",
            "--redirect",
            "loopback",
            "--timeout",
            "30",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.starts_with("http"))
        .expect("connect prints the sign-in address");
    // Keep reading what it prints after, as a terminal would.
    let rest = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());
    let answered = reqwest::blocking::get(&url).unwrap();
    assert!(answered.status().is_success(), "{}", answered.status());
    let out = child.wait_with_output().unwrap();
    let printed = rest.join().unwrap().join("\n");
    assert!(out.status.success(), "{printed} {:?}", text(&out));
    assert!(printed.contains("Connected"), "{printed}");
}
