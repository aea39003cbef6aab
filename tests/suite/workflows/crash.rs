//! A run killed with SIGKILL in the middle goes on where it stopped the next time Patchbay
//! runs (here `patchbay sync`): the email sent before the kill is not sent again, a read that
//! was under way is simply read again, and a POST that was under way is not repeated but
//! reported as unknown, with where to check.

use super::{install, runs};
use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::peer;
use patchbay_tests::workspace::{TestWorkspace, sqlite, text};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const PASSWORD: &str = "smtp-crash-pass-8080";

/// How many slow requests have reached the server (counted as they arrive, before answering).
type Arrived = std::sync::Arc<std::sync::atomic::AtomicUsize>;

fn setup() -> (
    TestWorkspace,
    peer::Peer,
    std::path::PathBuf,
    StubServer,
    Arrived,
) {
    let ws = TestWorkspace::new();
    let inbox = ws.root().join("inbox.jsonl");
    let smtp = peer::smtp("creator", PASSWORD, &inbox);
    let out = ws.run_with_stdin(
        &[
            "connections",
            "add",
            "smtp",
            "--name",
            "Mail",
            "--set",
            "host=127.0.0.1",
            "--set",
            &format!("port={}", smtp.port),
            "--set",
            "security=none",
            "--set",
            "username=creator",
            "--set",
            "from_address=creator@example.com",
            "--secret",
            "password",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let arrived: Arrived = Default::default();
    let seen = arrived.clone();
    let api = StubServer::start(move |req| {
        if req.target.starts_with("/slow") {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(Duration::from_secs(3));
        }
        Reply::json(200, json!({"ok": true}))
    });
    (ws, smtp, inbox, api, arrived)
}

fn mails(inbox: &std::path::Path) -> usize {
    std::fs::read_to_string(inbox)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

/// Starts `patchbay workflows run ID` and kills it once step `idx` is under way and its request
/// has reached the server.
fn kill_during(ws: &TestWorkspace, id: &str, idx: i64, arrived: &Arrived) {
    let mut child = ws
        .cli()
        .args(["workflows", "run", id])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let running: i64 = sqlite(&ws.data_dir())
            .query_row(
                "SELECT count(*) FROM workflow_steps WHERE idx = ?1 AND status = 'running'",
                [idx],
                |r| r.get(0),
            )
            .unwrap_or(0);
        if running == 1 && arrived.load(std::sync::atomic::Ordering::SeqCst) >= 1 {
            break;
        }
        assert!(Instant::now() < deadline, "step {idx} never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

fn email_step() -> Value {
    json!({"name": "tell", "type": "connector", "config": {"connectorType": "smtp", "action": "send_email", "credentialId": "Mail",
        "input": {"to": ["me@example.com"], "subject": "Started", "text": "The run started."}}})
}

#[test]
fn a_killed_run_resumes_without_sending_the_email_twice() {
    let (ws, _smtp, inbox, api, arrived) = setup();
    install(
        &ws,
        "slow-read",
        &json!({"name": "Slow read", "steps": [
            email_step(),
            {"name": "wait", "type": "http_request", "config": {"url": format!("{}/slow", api.url())}},
            {"name": "after", "type": "http_request", "config": {"method": "POST", "url": format!("{}/after", api.url()), "body": {"ok": "{{ wait.data.ok }}"}}}
        ]}),
    );
    kill_during(&ws, "slow-read", 1, &arrived);
    assert_eq!(mails(&inbox), 1);
    assert_eq!(
        runs(&ws, "slow-read")[0]["status"],
        "running",
        "the dead process left it running"
    );

    let resumed = ws.run(&["sync"]);
    assert!(resumed.status.success(), "{:?}", text(&resumed));
    let run = &runs(&ws, "slow-read")[0];
    assert_eq!(run["status"], "ok", "{run}");
    assert_eq!(mails(&inbox), 1, "the email was not sent again");
    let hits = |p: &str| {
        api.received()
            .iter()
            .filter(|r| r.target.starts_with(p))
            .count()
    };
    assert_eq!(
        hits("/slow"),
        2,
        "the read that was under way was read again"
    );
    assert_eq!(hits("/after"), 1);
}

#[test]
fn a_post_under_way_at_the_kill_is_not_repeated_but_reported_unknown() {
    let (ws, _smtp, inbox, api, arrived) = setup();
    install(
        &ws,
        "slow-post",
        &json!({"name": "Slow post", "steps": [
            email_step(),
            {"name": "order", "type": "http_request", "config": {"method": "POST", "url": format!("{}/slow-order", api.url()), "body": {"item": "mug"}}},
            {"name": "after", "type": "http_request", "config": {"url": format!("{}/after", api.url())}}
        ]}),
    );
    kill_during(&ws, "slow-post", 1, &arrived);
    assert!(ws.run(&["sync"]).status.success());
    let run = &runs(&ws, "slow-post")[0];
    assert_eq!(run["status"], "unknown", "{run}");
    let shown = ws.run(&["workflows", "show", &run["id"].to_string()]);
    let said = text(&shown).0;
    assert!(
        said.contains("Unknown — check") && said.contains("/slow-order"),
        "{said}"
    );
    std::thread::sleep(Duration::from_secs(3));
    let orders = api
        .received()
        .iter()
        .filter(|r| r.target == "/slow-order")
        .count();
    assert_eq!(orders, 1, "the POST was not sent again");
    assert_eq!(
        api.received()
            .iter()
            .filter(|r| r.target == "/after")
            .count(),
        0
    );
    assert_eq!(mails(&inbox), 1);
}
