//! `send_email` against a real SMTP server: headers, both alternatives, cc/bcc and the
//! attachment's bytes arrive; attachments come only from the attachments folder; bad input is
//! refused before anything is sent; every call is in the action log, no secret in it.

use base64::Engine;
use patchbay_tests::peer;
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::{Value, json};
use std::process::Output;

const PASSWORD: &str = "smtp-app-password-4242";

fn add(ws: &TestWorkspace, port: u16, password: &str) -> String {
    super::smtp::add(ws, "127.0.0.1", port, password)
}

fn send(ws: &TestWorkspace, id: &str, input: &Value) -> Output {
    ws.run(&[
        "actions",
        "run",
        id,
        "send_email",
        "--input",
        &input.to_string(),
        "--json",
    ])
}

fn received(inbox: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(inbox)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn an_email_with_both_alternatives_and_an_attachment_arrives_whole() {
    let ws = TestWorkspace::new();
    let inbox = ws.root().join("inbox.jsonl");
    let server = peer::smtp("creator", PASSWORD, &inbox);
    let id = add(&ws, server.port, PASSWORD);
    let folder = ws.data_dir().join("attachments");
    std::fs::create_dir_all(&folder).unwrap();
    let csv = b"week,followers\n47,12045\n48,12310\n";
    std::fs::write(folder.join("report.csv"), csv).unwrap();

    let out = send(
        &ws,
        &id,
        &json!({
            "to": ["client@example.com"], "cc": ["boss@example.com"], "bcc": ["archive@example.com"],
            "subject": "Weekly report", "text": "Followers up 2.2 %.", "html": "<p>Followers up <b>2.2 %</b>.</p>",
            "attachments": [{"filename": "report.csv", "path": "report.csv"}]
        }),
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let output: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(output["accepted"].as_array().unwrap().len(), 3);
    let message_id = output["message_id"].as_str().unwrap().to_owned();

    let mail = received(&inbox);
    assert_eq!(mail.len(), 1);
    let m = &mail[0];
    assert_eq!(m["from"], "creator@example.com");
    let mut to: Vec<&str> = m["to"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    to.sort_unstable();
    assert_eq!(
        to,
        [
            "archive@example.com",
            "boss@example.com",
            "client@example.com"
        ],
        "bcc travels in the envelope"
    );
    let data = m["data"].as_str().unwrap();
    assert!(data.contains("Subject: Weekly report"), "{data}");
    assert!(data.contains("Cc: boss@example.com"), "{data}");
    assert!(
        !data.contains("archive@example.com"),
        "bcc is never a header"
    );
    assert!(
        data.contains(&message_id),
        "the Message-ID answered is the one sent"
    );
    assert!(data.contains("multipart/alternative"), "{data}");
    assert!(
        data.contains("Followers up 2.2 %.") && data.contains("<b>2.2 %</b>"),
        "{data}"
    );
    assert!(data.contains("filename=\"report.csv\""), "{data}");
    // The attachment's bytes: base64, or as they are when they are plain 7-bit text.
    let encoded = base64::engine::general_purpose::STANDARD.encode(csv);
    let part = &data[data.find("filename=\"report.csv\"").unwrap()..];
    let part_lines = part.replace("\r\n", "\n");
    assert!(
        part_lines.replace('\n', "").contains(&encoded)
            || part_lines.contains(std::str::from_utf8(csv).unwrap()),
        "the attachment's bytes: {part}"
    );

    // A file outside the attachments folder is refused, and nothing is sent.
    let outside = ws.root().join("secret-notes.txt");
    std::fs::write(&outside, "not for mail").unwrap();
    let refused = send(
        &ws,
        &id,
        &json!({"to": ["client@example.com"], "subject": "x", "text": "x",
        "attachments": [{"filename": "notes.txt", "path": outside.display().to_string()}]}),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).1.contains("attaches files only from"),
        "{:?}",
        text(&refused)
    );
    let escaped = send(
        &ws,
        &id,
        &json!({"to": ["client@example.com"], "subject": "x", "text": "x",
        "attachments": [{"filename": "notes.txt", "path": "../../secret-notes.txt"}]}),
    );
    assert!(
        text(&escaped)
            .1
            .contains("error[action.attachment_refused]"),
        "{:?}",
        text(&escaped)
    );

    // Input that fails the schema is refused with every path, before any connection is made.
    let bad = send(&ws, &id, &json!({"to": ["not-an-address"], "text": "x"}));
    let (_, err) = text(&bad);
    assert!(err.contains("/subject") && err.contains("/to/0"), "{err}");
    assert_eq!(received(&inbox).len(), 1, "nothing else was sent");

    let log: Vec<Value> =
        serde_json::from_slice(&ws.run(&["actions", "log", "--json"]).stdout).unwrap();
    let outcomes: Vec<&str> = log.iter().map(|c| c["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["invalid", "invalid", "invalid", "ok"]);
    assert_eq!(log[3]["created_id"], message_id.as_str());
    let db = std::fs::read(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    assert!(
        !db.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()),
        "no password in the database"
    );
    assert!(
        !db.windows(19).any(|w| w == b"Followers up 2.2 %."),
        "no message body in the log"
    );
}

#[test]
fn a_refused_login_is_a_sentence_and_an_unknown_action_names_the_known_ones() {
    let ws = TestWorkspace::new();
    let inbox = ws.root().join("inbox.jsonl");
    let server = peer::smtp("creator", PASSWORD, &inbox);
    let id = add(&ws, server.port, "wrong-password");
    let out = send(
        &ws,
        &id,
        &json!({"to": ["a@example.com"], "subject": "Hi", "text": "Hello"}),
    );
    assert_eq!(out.status.code(), Some(1));
    let (_, err) = text(&out);
    assert!(
        err.contains("error[action.refused]") && err.contains("535"),
        "{err}"
    );
    assert!(!err.contains("wrong-password"));
    let unknown = ws.run(&["actions", "run", &id, "send_fax", "--input", "{}"]);
    assert!(
        text(&unknown).1.contains("Its actions: send_email"),
        "{:?}",
        text(&unknown)
    );
    let listed = text(&ws.run(&["actions", "list", "--connection", &id])).0;
    assert!(
        listed.contains("send_email") && !listed.contains("coming soon"),
        "{listed}"
    );
}

/// A provider's server: STARTTLS on 587 with a certificate for `localhost`, AUTH refused before
/// the upgrade. Patchbay upgrades, checks the certificate against the trusted roots (here the
/// test's own authority, through `SSL_CERT_FILE`), logs in and delivers.
#[test]
fn starttls_upgrades_before_logging_in_and_the_certificate_is_checked() {
    let ws = TestWorkspace::new();
    let tls = peer::tls(ws.root());
    let inbox = ws.root().join("tls-inbox.jsonl");
    let server = peer::smtp_starttls("creator", PASSWORD, &inbox, &tls);
    let out = ws.run_with_stdin(
        &[
            "connections",
            "add",
            "smtp",
            "--name",
            "Provider",
            "--set",
            "host=localhost",
            "--set",
            &format!("port={}", server.port),
            "--set",
            "security=starttls",
            "--set",
            "username=creator",
            "--set",
            "from_address=creator@example.com",
            "--secret",
            "password",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let id = serde_json::from_slice::<Value>(&out.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let trusted = |args: &[&str]| {
        ws.cli()
            .env("SSL_CERT_FILE", &tls.ca)
            .args(args)
            .output()
            .unwrap()
    };

    let verified = trusted(&["connections", "verify", &id]);
    assert!(
        text(&verified).0.contains("Logged in"),
        "{:?}",
        text(&verified)
    );
    let input = json!({"to": ["client@example.com"], "subject": "Over TLS", "text": "Sealed."});
    let sent = trusted(&[
        "actions",
        "run",
        &id,
        "send_email",
        "--input",
        &input.to_string(),
    ]);
    assert!(sent.status.success(), "{:?}", text(&sent));
    let mail = received(&inbox);
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["tls"], true, "the message travelled after STARTTLS");
    assert!(
        mail[0]["data"]
            .as_str()
            .unwrap()
            .contains("Subject: Over TLS")
    );

    // Without the authority trusted, the certificate is refused and nothing is sent.
    let untrusted = ws.run(&[
        "actions",
        "run",
        &id,
        "send_email",
        "--input",
        &input.to_string(),
    ]);
    assert_eq!(untrusted.status.code(), Some(1), "{:?}", text(&untrusted));
    assert!(
        text(&untrusted).1.contains("certificate"),
        "{:?}",
        text(&untrusted)
    );
    assert_eq!(received(&inbox).len(), 1);
}

/// A folder the user allowed can be attached from; removing it (or any other path) is refused
/// with the allowed folders named, and nothing is sent.
#[test]
fn attachments_come_only_from_folders_the_user_allowed() {
    let ws = TestWorkspace::new();
    let inbox = ws.root().join("inbox.jsonl");
    let server = peer::smtp("creator", PASSWORD, &inbox);
    let id = add(&ws, server.port, PASSWORD);
    let invoices = ws.root().join("Invoices");
    std::fs::create_dir_all(&invoices).unwrap();
    let pdf = invoices.join("nov.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 november").unwrap();
    let input = json!({"to": ["client@example.com"], "subject": "Invoice", "text": "Attached.",
        "attachments": [{"filename": "nov.pdf", "path": pdf.display().to_string()}]});

    let refused = send(&ws, &id, &input);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).1.contains("Settings → Attachments"),
        "{:?}",
        text(&refused)
    );

    let folder = invoices.display().to_string();
    let out = ws.run(&["attachments", "add", &folder]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("Invoices"));
    assert!(send(&ws, &id, &input).status.success());
    assert_eq!(received(&inbox).len(), 1);

    let out = ws.run(&["attachments", "add", "relative/path"]);
    assert!(text(&out).1.contains("not a full path"), "{:?}", text(&out));
    ws.run(&["attachments", "remove", &folder]);
    assert_eq!(
        send(&ws, &id, &input).status.code(),
        Some(1),
        "allowed no more"
    );
    assert_eq!(received(&inbox).len(), 1);
}
