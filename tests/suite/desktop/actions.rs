//! "Try an action" in the real window: a sandbox Slack connection posts a message from a form
//! generated from the action's schema, a refusal shows Slack's sentence, and the Sync log view
//! lists both calls and what the sandbox received.

use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::{TestWorkspace, text};

#[test]
fn a_slack_message_is_sent_from_the_window_and_logged() {
    let ws = TestWorkspace::new();
    let out = ws.run_with_stdin(
        &[
            "connections",
            "add",
            "slack",
            "--name",
            "Studio Slack",
            "--mode",
            "sandbox",
            "--set",
            "default_channel=general",
            "--secret",
            "bot_token",
        ],
        concat!("xo", "xb-1-window-token\n"),
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    s.click_on(r#"[data-view="connections"]"#).unwrap();
    s.click_on(r#"[data-action="try-action"]"#).unwrap();
    s.wait_for(r#"[data-action-form="send_message"]"#).unwrap();
    s.fill(r#"[data-input="channel"]"#, "#launch").unwrap();
    s.fill(r#"[data-input="text"]"#, "Sent from the window")
        .unwrap();
    s.screenshot(&screenshot_path("try-action")).unwrap();
    s.click_on(r#"[data-action="run-action"]"#).unwrap();
    let output = s
        .wait_for_text(r#"[data-field="action-output"]"#, "\"ts\"")
        .unwrap();
    assert!(output.contains("\"ok\": true"), "{output}");

    s.fill(r#"[data-input="channel"]"#, "#missing-room")
        .unwrap();
    s.click_on(r#"[data-action="run-action"]"#).unwrap();
    s.wait_for_text(r#"[data-field="action-result"]"#, "channel_not_found")
        .unwrap();

    s.click_on(r#"[data-view="sync-log"]"#).unwrap();
    let log = s
        .wait_for_text(r#"[data-table="action-log"]"#, "send_message")
        .unwrap();
    assert!(log.contains("refused") && log.contains("ok"), "{log}");
    s.wait_for_text(r#"[data-section="outbox"]"#, "Sent from the window")
        .unwrap();
    s.screenshot(&screenshot_path("action-log")).unwrap();
}
