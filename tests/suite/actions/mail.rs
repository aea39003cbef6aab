//! SMTP in sandbox mode: the sandbox's mail sink takes the message over real SMTP (AUTH and
//! DATA), keeps it as an .eml file, and `patchbay sandbox outbox` lists it.

use super::{add, ok, outbox, refused, run};
use base64::Engine;
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::json;

fn mail(ws: &TestWorkspace, password: &str) -> String {
    add(
        ws,
        "smtp",
        "sandbox",
        &[
            "host=smtp.example.com",
            "port=587",
            "username=me",
            "from_address=me@example.com",
        ],
        &[("password", password)],
    )
}

#[test]
fn an_email_lands_in_the_sandbox_outbox_whole() {
    let ws = TestWorkspace::new();
    let id = mail(&ws, "app-password");
    let verified = ws.run(&["connections", "verify", &id]);
    assert!(
        text(&verified).0.contains("sandbox mail sink"),
        "{:?}",
        text(&verified)
    );

    let folder = ws.data_dir().join("attachments");
    std::fs::create_dir_all(&folder).unwrap();
    let pdf: Vec<u8> = b"%PDF-1.4\n"
        .iter()
        .copied()
        .chain((0..=255u8).cycle().take(600))
        .collect();
    std::fs::write(folder.join("invoice.pdf"), &pdf).unwrap();
    let sent = ok(&run(
        &ws,
        &id,
        "send_email",
        &json!({"to": ["client@example.com"], "subject": "Your invoice", "text": "Attached.",
                "html": "<p>Attached.</p>", "attachments": [{"filename": "invoice.pdf", "path": "invoice.pdf"}]}),
    ));
    let got = outbox(&ws, "smtp");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["id"], sent["message_id"]);
    assert_eq!(got[0]["detail"]["subject"], "Your invoice");
    let file = ws
        .data_dir()
        .join("sandbox-outbox")
        .join(got[0]["file"].as_str().unwrap());
    let raw = std::fs::read_to_string(file).unwrap();
    assert!(
        raw.contains("text/plain") && raw.contains("text/html"),
        "both alternatives"
    );
    let encoded = base64::engine::general_purpose::STANDARD.encode(&pdf);
    assert!(
        raw.replace("\r\n", "").contains(&encoded),
        "the attachment's bytes"
    );

    let listed = text(&ws.run(&["sandbox", "outbox"])).0;
    assert!(
        listed.contains("to client@example.com: Your invoice") && listed.contains(".eml"),
        "{listed}"
    );

    let out = run(
        &ws,
        &id,
        "send_email",
        &json!({"to": ["reject@example.com"], "subject": "x", "text": "x"}),
    );
    assert!(refused(&out, "action.refused").contains("550"));
}

#[test]
fn the_sink_refuses_a_wrong_password() {
    let ws = TestWorkspace::new();
    let id = mail(&ws, "invalid-password");
    let out = ws.run(&["connections", "verify", &id]);
    assert!(
        text(&out).0.contains("refused the username or password"),
        "{:?}",
        text(&out)
    );
}
