//! Twilio against its sandbox: an SMS and a WhatsApp message (the `whatsapp:` prefix added on
//! both ends), Twilio's error codes as sentences, and a send whose answer was lost is not sent
//! again.

use super::{add, faults, ok, outbox, refused, run};
use patchbay_tests::workspace::TestWorkspace;
use serde_json::json;

const SID: &str = "AC0123456789abcdef0123456789abcdef";

#[test]
fn texts_and_whatsapp_messages_are_sent_from_the_connections_number() {
    let ws = TestWorkspace::new();
    let sms = add(
        &ws,
        "twilio-sms",
        "sandbox",
        &[&format!("account_sid={SID}"), "from_number=+14155550100"],
        &[("auth_token", "sandbox-auth-token")],
    );
    let sent = ok(&run(
        &ws,
        &sms,
        "send_sms",
        &json!({"to": "+447700900123", "body": "Your order shipped."}),
    ));
    assert!(sent["sid"].as_str().unwrap().starts_with("SM"));
    assert_eq!(sent["status"], "queued");
    let got = outbox(&ws, "twilio");
    assert_eq!(got[0]["detail"]["to"], "+447700900123");
    assert_eq!(got[0]["detail"]["from"], "+14155550100");
    assert_eq!(got[0]["detail"]["body"], "Your order shipped.");

    let wa = add(
        &ws,
        "twilio-whatsapp",
        "sandbox",
        &[
            &format!("account_sid={SID}"),
            "from_number=whatsapp:+14155238886",
        ],
        &[("auth_token", "sandbox-auth-token")],
    );
    ok(&run(
        &ws,
        &wa,
        "send_whatsapp",
        &json!({"to": "+447700900123", "body": "Hi on WhatsApp"}),
    ));
    let got = outbox(&ws, "twilio");
    assert_eq!(got[1]["kind"], "whatsapp");
    assert_eq!(
        got[1]["detail"]["to"], "whatsapp:+447700900123",
        "the prefix is added"
    );

    let out = run(
        &ws,
        &sms,
        "send_sms",
        &json!({"to": "+447700900000", "body": "x"}),
    );
    let sentence = refused(&out, "action.refused");
    assert!(
        sentence.contains("unsubscribed")
            && sentence.contains("21610")
            && sentence.contains("twilio.com/docs/errors/21610"),
        "{sentence}"
    );

    faults(
        &ws,
        "[[faults]]\nplatform = \"twilio\"\npath_contains = \"Messages\"\nkind = \"lost_response\"\ntimes = 1\n",
    );
    let out = run(
        &ws,
        &sms,
        "send_sms",
        &json!({"to": "+447700900123", "body": "once"}),
    );
    assert!(refused(&out, "action.uncertain").contains("Messaging logs"));
    assert_eq!(outbox(&ws, "twilio").len(), 3, "sent once, never again");
}

#[test]
fn wrong_credentials_are_refused_with_twilios_code() {
    let ws = TestWorkspace::new();
    let sms = add(
        &ws,
        "twilio-sms",
        "sandbox",
        &[&format!("account_sid={SID}"), "from_number=+14155550100"],
        &[("auth_token", "invalid-token")],
    );
    let out = run(
        &ws,
        &sms,
        "send_sms",
        &json!({"to": "+447700900123", "body": "x"}),
    );
    assert!(refused(&out, "action.refused").contains("20003"));
}
