//! The guide's chained example: a step fetches data over HTTP, the next sends an email whose
//! recipient and subject come from it (`{{ fetch_data.data.email }}`), received by a real SMTP
//! server. A value that is exactly one `{{ … }}` keeps its type; a missing one fails the step
//! with its path named; no secret is ever in a run's history.

use super::{install, run};
use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::peer;
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::{Value, json};

const PASSWORD: &str = "smtp-workflow-pass-5150";

fn mail(ws: &TestWorkspace, port: u16) {
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
            &format!("port={port}"),
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
}

#[test]
fn a_fetched_address_and_name_reach_a_real_mail_server() {
    let ws = TestWorkspace::new();
    let inbox = ws.root().join("inbox.jsonl");
    let smtp = peer::smtp("creator", PASSWORD, &inbox);
    mail(&ws, smtp.port);
    let api = StubServer::start(|req| match req.target.as_str() {
        "/user" => Reply::json(
            200,
            json!({"email": "riley@example.com", "name": "Riley", "followers": 1200}),
        ),
        _ => Reply::json(200, json!({"ok": true})),
    });
    install(
        &ws,
        "welcome",
        &json!({
            "name": "Welcome a new fan",
            "steps": [
                {"name": "fetch_data", "type": "http_request", "config": {"method": "GET", "url": format!("{}/user", api.url())}},
                {"name": "send", "type": "connector", "config": {"connectorType": "smtp", "action": "send_email", "credentialId": "Mail",
                    "input": {"to": ["{{ fetch_data.data.email }}"], "subject": "Welcome, {{ fetch_data.data.name }}!",
                              "text": "Your code: {{ input.code }}"}}},
                {"name": "record", "type": "http_request", "config": {"method": "POST", "url": format!("{}/log", api.url()),
                    "body": {"followers": "{{ fetch_data.data.followers }}", "message": "{{ send.message_id }}"}}}
            ]
        }),
    );
    let (ok, v) = run(&ws, "welcome", r#"{"code": "FAN10"}"#);
    assert!(ok, "{v:#}");
    let steps = v["steps"].as_array().unwrap();
    assert!(steps.iter().all(|s| s["status"] == "ok"), "{v:#}");

    let mail: Vec<Value> = std::fs::read_to_string(&inbox)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to"], json!(["riley@example.com"]));
    let data = mail[0]["data"].as_str().unwrap();
    assert!(
        data.contains("Subject: Welcome, Riley!") && data.contains("Your code: FAN10"),
        "{data}"
    );

    let logged = api
        .received()
        .into_iter()
        .find(|r| r.target == "/log")
        .unwrap();
    let body: Value = serde_json::from_str(&logged.body).unwrap();
    assert_eq!(
        body["followers"],
        json!(1200),
        "a whole-value template keeps its type"
    );
    assert!(
        body["message"].as_str().unwrap().contains('@'),
        "a later step reads an earlier step's output"
    );

    let history = std::fs::read(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    assert!(
        !history
            .windows(PASSWORD.len())
            .any(|w| w == PASSWORD.as_bytes()),
        "no secret in the run history"
    );
}

#[test]
fn a_missing_value_fails_its_step_with_the_path_named() {
    let ws = TestWorkspace::new();
    let api = StubServer::start(|_| Reply::json(200, json!({"name": "Riley"})));
    install(
        &ws,
        "broken",
        &json!({
            "name": "Broken",
            "steps": [
                {"name": "fetch_data", "type": "http_request", "config": {"url": format!("{}/user", api.url())}},
                {"name": "post", "type": "http_request", "config": {"method": "POST", "url": format!("{}/x", api.url()), "body": {"to": "{{ fetch_data.data.email }}"}}},
                {"name": "never", "type": "http_request", "config": {"url": format!("{}/never", api.url())}}
            ]
        }),
    );
    let (ok, v) = run(&ws, "broken", "{}");
    assert!(!ok);
    assert_eq!(v["run"]["status"], "failed");
    let error = v["steps"][1]["error"].as_str().unwrap();
    assert!(
        error.contains("`fetch_data.data.email` is not there") && error.contains("config.body.to"),
        "{error}"
    );
    assert_eq!(
        v["steps"].as_array().unwrap().len(),
        2,
        "the run stops at the failed step"
    );
    assert!(
        api.received()
            .iter()
            .all(|r| r.target != "/x" && r.target != "/never"),
        "nothing was sent with a hole in it"
    );
}

#[test]
fn validation_names_a_bad_path_a_later_step_and_a_missing_connection() {
    let ws = TestWorkspace::new();
    let file = ws.root().join("bad.json");
    std::fs::write(&file, json!({
        "name": "Bad",
        "steps": [
            {"name": "first", "type": "connector", "config": {"action": "send_email", "credentialId": "Nobody's mail", "input": {}}},
            {"name": "second", "type": "http_request", "config": {"url": "https://example.com/{{ third.data.id }}?q={{ nothere.x }}"}},
            {"name": "third", "type": "http_request", "config": {"url": "https://example.com/{{ second.data.id "}}
        ]
    }).to_string()).unwrap();
    let out = ws.run(&["workflows", "validate", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out).1;
    for expected in [
        "steps[0].config.credentialId: no connection is called `Nobody's mail`",
        "steps[1].config.url: `third.data.id` names step `third`, which runs later",
        "steps[1].config.url: `nothere.x` names no step",
        "steps[2].config.url: the template does not parse",
    ] {
        assert!(said.contains(expected), "missing «{expected}» in {said}");
    }
    assert!(said.contains("error[workflow.invalid]"), "{said}");
    let added = ws.run(&["workflows", "add", &file.display().to_string()]);
    assert_eq!(added.status.code(), Some(1));
    assert!(
        !ws.data_dir().join("workflows/bad.json").exists(),
        "an invalid workflow is not added"
    );
}

/// The same workflow by hand in TOML: the file form for people who edit in a text editor.
#[test]
fn a_toml_workflow_runs_like_a_json_one() {
    let ws = TestWorkspace::new();
    let api = StubServer::start(|req| match req.target.as_str() {
        "/user" => Reply::json(200, json!({"name": "Riley", "followers": 1200})),
        _ => Reply::json(200, json!({"ok": true})),
    });
    let dir = ws.data_dir().join("workflows");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("hand-written.toml"),
        format!(
            r#"name = "Hand written"

[trigger]
type = "manual"

[[steps]]
name = "fetch_data"
type = "http_request"
config = {{ url = "{0}/user" }}

[[steps]]
name = "big_enough"
type = "condition"
config = {{ if = "fetch_data.data.followers > 1000" }}

[[steps]]
name = "note"
type = "http_request"
config = {{ method = "POST", url = "{0}/note", body = {{ who = "{{{{ fetch_data.data.name }}}}", at = "{{{{ input.when }}}}" }} }}
"#,
            api.url()
        ),
    )
    .unwrap();
    let listed = text(&ws.run(&["workflows", "list"])).0;
    assert!(
        listed.contains("hand-written") && listed.contains(" on "),
        "{listed}"
    );
    let (ok, v) = run(&ws, "hand-written", r#"{"when": "today"}"#);
    assert!(ok, "{v:#}");
    let note = api
        .received()
        .into_iter()
        .find(|r| r.target == "/note")
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&note.body).unwrap(),
        json!({"who": "Riley", "at": "today"})
    );
}
