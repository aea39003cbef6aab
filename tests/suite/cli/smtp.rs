//! SMTP connections verify against a real SMTP server: log in, send nothing, say what failed.

use patchbay_tests::peer;
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;

const PASSWORD: &str = "smtp-app-password-7731";

/// Adds an SMTP connection to `host:port` (no TLS: a server on this machine); returns its id.
pub(super) fn add(ws: &TestWorkspace, host: &str, port: u16, password: &str) -> String {
    let out = ws.run_with_stdin(
        &[
            "connections",
            "add",
            "smtp",
            "--name",
            "Mail",
            "--set",
            &format!("host={host}"),
            "--set",
            &format!("port={port}"),
            "--set",
            "security=none",
            "--set",
            "username=creator",
            "--set",
            "from_address=creator@example.com",
            "--secret",
            "password",
            "--json",
        ],
        &format!("{password}\n"),
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["id"].as_str().unwrap().to_owned()
}

fn verify(ws: &TestWorkspace, id: &str) -> Value {
    let out = ws.run(&["connections", "verify", id, "--json"]);
    let (stdout, stderr) = text(&out);
    assert!(
        !stdout.contains(PASSWORD) && !stderr.contains(PASSWORD),
        "no password in output"
    );
    serde_json::from_str(&stdout).unwrap_or_else(|_| serde_json::json!({ "stderr": stderr }))
}

#[test]
fn verify_logs_in_to_a_real_smtp_server_and_names_a_wrong_password() {
    let ws = TestWorkspace::new();
    let inbox = ws.root().join("inbox.jsonl");
    let server = peer::smtp("creator", PASSWORD, &inbox);

    let wrong = add(&ws, "127.0.0.1", server.port, "not-the-password");
    let report = verify(&ws, &wrong);
    assert_eq!(report["outcome"], "credentials_rejected", "{report}");
    assert!(
        report["message"]
            .as_str()
            .unwrap()
            .contains("refused the username or password (535)"),
        "{report}"
    );

    let right = add(&ws, "127.0.0.1", server.port, PASSWORD);
    let report = verify(&ws, &right);
    assert_eq!(report["outcome"], "verified", "{report}");
    assert!(
        report["message"]
            .as_str()
            .unwrap()
            .contains("nothing was sent"),
        "{report}"
    );
    assert!(!inbox.exists(), "verify sent no message");

    // Nothing listens on this port: the sentence says so.
    let closed = add(&ws, "127.0.0.1", peer::free_port(), PASSWORD);
    assert_eq!(verify(&ws, &closed)["outcome"], "unreachable");
}

#[test]
fn an_unencrypted_login_to_another_machine_is_refused_before_connecting() {
    let ws = TestWorkspace::new();
    let remote = add(&ws, "smtp.example.com", 587, PASSWORD);
    let report = verify(&ws, &remote);
    assert_eq!(report["outcome"], "unexpected", "{report}");
    assert!(
        report["message"].as_str().unwrap().contains("unencrypted"),
        "{report}"
    );
}
