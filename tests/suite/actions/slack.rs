//! Slack against its sandbox: a message with Block Kit blocks arrives as sent, is edited and
//! reacted to from later runs, Slack's `ok:false` codes become sentences, a short 429 is waited
//! out, and a message whose answer was lost is never posted twice.

use super::{add, contains, faults, log, ok, outbox, refused, run, stored_bytes};
use patchbay_tests::workspace::TestWorkspace;
use serde_json::json;

const TOKEN: &str = concat!("xo", "xb-1-sandbox-SECRETTOKEN42");

fn slack(ws: &TestWorkspace) -> String {
    add(
        ws,
        "slack",
        "sandbox",
        &["default_channel=general"],
        &[("bot_token", TOKEN)],
    )
}

#[test]
fn a_message_with_blocks_is_posted_edited_and_reacted_to() {
    let ws = TestWorkspace::new();
    let id = slack(&ws);
    let blocks = json!([
        {"type": "header", "text": {"type": "plain_text", "text": "Launch day"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "The *new video* is live."}}
    ]);
    let sent = ok(&run(
        &ws,
        &id,
        "send_message",
        &json!({"channel": "#launch", "text": "Launch day", "blocks": blocks}),
    ));
    assert_eq!(sent["ok"], true);
    let ts = sent["ts"].as_str().unwrap().to_owned();
    let channel = sent["channel"].as_str().unwrap().to_owned();
    assert!(
        channel.starts_with('C'),
        "Slack answers the channel's id: {channel}"
    );

    let received = outbox(&ws, "slack");
    assert_eq!(received.len(), 1);
    let message = &received[0]["detail"]["message"];
    assert_eq!(message["text"], "Launch day");
    assert_eq!(message["blocks"], blocks, "the blocks arrive as sent");

    // Later runs (new processes) edit and react to it by its timestamp.
    let edited = ok(&run(
        &ws,
        &id,
        "update_message",
        &json!({"channel": "#launch", "ts": ts, "text": "Launch day: 1,000 views"}),
    ));
    assert_eq!(edited["text"], "Launch day: 1,000 views");
    ok(&run(
        &ws,
        &id,
        "add_reaction",
        &json!({"channel": "#launch", "timestamp": ts, "name": ":tada:"}),
    ));
    let again = run(
        &ws,
        &id,
        "add_reaction",
        &json!({"channel": "#launch", "timestamp": ts, "name": "tada"}),
    );
    assert!(refused(&again, "action.refused").contains("already added that reaction"));

    // No channel named: the connection's default channel.
    let default = ok(&run(&ws, &id, "send_message", &json!({"text": "hello"})));
    assert_ne!(default["channel"], channel.as_str());

    let calls = log(&ws);
    assert_eq!(calls.len(), 5);
    assert!(
        calls
            .iter()
            .any(|c| c["created_id"] == ts.as_str() && c["action"] == "send_message")
    );
    assert!(
        !contains(&stored_bytes(&ws), "SECRETTOKEN42"),
        "the token is in no file in plaintext"
    );
    let db = std::fs::read(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    assert!(
        !contains(&db, "1,000 views"),
        "the action log keeps no message"
    );
}

#[test]
fn slack_errors_read_as_sentences_and_bad_input_sends_nothing() {
    let ws = TestWorkspace::new();
    let id = slack(&ws);
    let out = run(
        &ws,
        &id,
        "send_message",
        &json!({"channel": "#missing-room", "text": "hi"}),
    );
    let sentence = refused(&out, "action.refused");
    assert!(
        sentence.contains("no channel by that name") && sentence.contains("channel_not_found"),
        "{sentence}"
    );
    let out = run(
        &ws,
        &id,
        "send_message",
        &json!({"channel": "#private-plans", "text": "hi"}),
    );
    assert!(refused(&out, "action.refused").contains("/invite"));

    let out = run(
        &ws,
        &id,
        "send_message",
        &json!({"channel": "#general", "blocks": [{"text": "no type"}], "colour": 1}),
    );
    let problems = refused(&out, "action.invalid_input");
    assert!(
        problems.contains("/blocks/0") && problems.contains("colour"),
        "{problems}"
    );
    assert!(outbox(&ws, "slack").is_empty(), "nothing reached Slack");
    let outcomes: Vec<String> = log(&ws)
        .iter()
        .map(|c| c["outcome"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outcomes, ["invalid", "refused", "refused"]);
}

#[test]
fn a_short_rate_limit_is_waited_out_and_a_lost_answer_is_not_posted_twice() {
    let ws = TestWorkspace::new();
    let id = slack(&ws);
    faults(
        &ws,
        r#"
[[faults]]
platform = "slack"
path_contains = "chat.postMessage"
kind = "rate_limit"
retry_after_secs = 1
times = 1
"#,
    );
    ok(&run(
        &ws,
        &id,
        "send_message",
        &json!({"text": "after the wait"}),
    ));
    assert_eq!(outbox(&ws, "slack").len(), 1, "refused once, posted once");

    faults(
        &ws,
        r#"
[[faults]]
platform = "slack"
path_contains = "chat.postMessage"
kind = "lost_response"
times = 1
"#,
    );
    let out = run(&ws, &id, "send_message", &json!({"text": "did it arrive?"}));
    let sentence = refused(&out, "action.uncertain");
    assert!(
        sentence.contains("check the channel in Slack"),
        "{sentence}"
    );
    let received = outbox(&ws, "slack");
    assert_eq!(
        received.len(),
        2,
        "the message arrived once and was not sent again"
    );
    assert_eq!(received[1]["detail"]["message"]["text"], "did it arrive?");
    assert_eq!(log(&ws)[0]["outcome"], "unknown");
}
