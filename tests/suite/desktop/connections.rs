use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::workspace::TestWorkspace;
use serde_json::json;

const TOKEN: &str = concat!("xo", "xb-5555-6666-DesktopSecretToken");

#[test]
fn add_a_slack_connection_see_the_token_masked_verify_it_edit_and_remove_it() {
    let server = StubServer::start(|req| {
        if req.headers.get("authorization").map(String::as_str) == Some(&format!("Bearer {TOKEN}"))
        {
            Reply::json(
                200,
                json!({"ok": true, "user_id": "U777", "user": "acme-bot"}),
            )
        } else {
            Reply::json(200, json!({"ok": false, "error": "invalid_auth"}))
        }
    });
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    // Gallery → Slack → Add connection.
    s.click_on(r#"[data-connector="slack"]"#).unwrap();
    s.click_on(r#"[data-action="add-connection"]"#).unwrap();
    let token = s.wait_for("#field-bot_token").unwrap();
    assert_eq!(
        s.attribute(&token, "type").unwrap().as_deref(),
        Some("password")
    );
    s.fill("#field-name", "Acme Slack").unwrap();

    // A wrong token is refused inline, with the field's own sentence.
    s.fill("#field-bot_token", "xoxp-not-a-bot").unwrap();
    s.click_on(r#"[data-action="save"]"#).unwrap();
    s.wait_for_text(
        r#"[data-field="bot_token"] .field-error"#,
        "Bot token must match",
    )
    .unwrap();
    assert!(
        s.find("[data-connection]").unwrap().is_none(),
        "nothing was saved"
    );

    s.fill("#field-bot_token", TOKEN).unwrap();
    s.click_on("details.advanced summary").unwrap();
    s.fill("#field-api_base_url", &server.url()).unwrap();
    s.screenshot(&screenshot_path("connection-form")).unwrap();
    s.click_on(r#"[data-action="save"]"#).unwrap();

    // The Connections view shows it, token masked, not yet verified.
    let masked = s.wait_for(r#"[data-secret="bot_token"]"#).unwrap();
    assert_eq!(s.text(&masked).unwrap(), "xoxb…oken");
    s.wait_for_text(r#"[data-field="status"]"#, "Not verified")
        .unwrap();

    // Verify against the server.
    s.click_on(r#"[data-action="verify"]"#).unwrap();
    s.wait_for_text(".verify-result", "accepted the credentials for acme-bot")
        .unwrap();
    s.wait_for_text(r#"[data-field="status"]"#, "Active")
        .unwrap();
    s.screenshot(&screenshot_path("connections")).unwrap();
    let page = s
        .execute("return document.documentElement.outerHTML")
        .unwrap();
    assert!(
        !page.as_str().unwrap().contains("DesktopSecretToken"),
        "the token reached the webview"
    );

    // Edit: rename, keep the token.
    s.click_on(r#"[data-action="edit"]"#).unwrap();
    let token = s.wait_for("#field-bot_token").unwrap();
    assert_eq!(
        s.attribute(&token, "value").unwrap().unwrap_or_default(),
        ""
    );
    s.fill("#field-name", "Acme Slack (team)").unwrap();
    s.click_on(r#"[data-action="save"]"#).unwrap();
    s.wait_for_text(".connection-name", "Acme Slack (team)")
        .unwrap();
    assert_eq!(
        s.text(&s.wait_for(r#"[data-secret="bot_token"]"#).unwrap())
            .unwrap(),
        "xoxb…oken"
    );

    // Remove, with confirmation.
    s.click_on(r#"[data-action="remove"]"#).unwrap();
    s.click_on(r#"[data-action="confirm-remove"]"#).unwrap();
    s.wait_for_text(".connections-view", "No connections yet")
        .unwrap();
    let db = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    let secrets: i64 = db
        .query_row("SELECT count(*) FROM secrets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(secrets, 0);
}
