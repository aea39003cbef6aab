//! Discord against its sandbox: a bot message with an embed, a webhook post under another name
//! (the webhook URL is a secret: in no file, log or output), a webhook-only connection that
//! verifies by reading its webhook, and Discord's error codes as sentences.

use super::{add, contains, ok, outbox, refused, run, stored_bytes};
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::json;

const WEBHOOK: &str = "https://discord.com/api/webhooks/123456789012345678/hookSECRETtoken_42";

#[test]
fn the_bot_posts_to_a_channel_and_names_what_went_wrong() {
    let ws = TestWorkspace::new();
    let id = add(
        &ws,
        "discord",
        "sandbox",
        &[],
        &[("bot_token", "sandbox.bot.token")],
    );
    let embed =
        json!({"title": "New video", "description": "10,000 views in a day", "color": 5793266});
    let sent = ok(&run(
        &ws,
        &id,
        "send_message",
        &json!({"channel_id": "112233445566778899", "content": "Milestone!", "embeds": [embed]}),
    ));
    assert_eq!(sent["channel_id"], "112233445566778899");
    let got = outbox(&ws, "discord");
    assert_eq!(got[0]["detail"]["content"], "Milestone!");
    assert_eq!(got[0]["detail"]["embeds"][0], embed);

    let out = run(
        &ws,
        &id,
        "send_message",
        &json!({"channel_id": "404000000000000000", "content": "x"}),
    );
    assert!(refused(&out, "action.refused").contains("no channel with that ID"));
    let out = run(
        &ws,
        &id,
        "send_message",
        &json!({"channel_id": "403000000000000000", "content": "x"}),
    );
    assert!(refused(&out, "action.refused").contains("cannot see that channel"));
    let out = run(
        &ws,
        &id,
        "send_message",
        &json!({"channel_id": "112233445566778899", "content": "x".repeat(2001)}),
    );
    assert!(
        refused(&out, "action.invalid_input").contains("/content"),
        "checked before sending"
    );
}

#[test]
fn a_webhook_only_connection_verifies_and_posts_without_showing_its_url() {
    let ws = TestWorkspace::new();
    let id = add(&ws, "discord", "sandbox", &[], &[("webhook_url", WEBHOOK)]);
    let verified = ws.run(&["connections", "verify", &id]);
    let (said, _) = text(&verified);
    assert!(
        verified.status.success() && said.contains("webhook") && said.contains("nothing was sent"),
        "{said}"
    );

    let sent = ok(&run(
        &ws,
        &id,
        "send_webhook",
        &json!({"content": "Posted by Patchbay", "username": "Release bot"}),
    ));
    assert!(
        sent["id"].as_str().is_some_and(|i| !i.is_empty()),
        "wait=true brings the message back"
    );
    let got = outbox(&ws, "discord");
    assert_eq!(got[0]["kind"], "webhook");
    assert_eq!(got[0]["detail"]["author"]["username"], "Release bot");

    let shown = text(&ws.run(&["connections", "show", &id])).0;
    assert!(!shown.contains("hookSECRETtoken_42"), "{shown}");
    assert!(
        !contains(&stored_bytes(&ws), "hookSECRETtoken_42"),
        "the webhook URL is sealed in the vault"
    );

    // Without a bot token, send_message says what it needs.
    let out = run(
        &ws,
        &id,
        "send_message",
        &json!({"channel_id": "112233445566778899", "content": "x"}),
    );
    assert!(refused(&out, "input.invalid").contains("no Bot token"));
}
