use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::webdriver::Session;
use patchbay_tests::workspace::TestWorkspace;
use serde_json::json;

const TOKEN: &str = concat!("xo", "xb-5555-6666-DesktopSecretToken");

fn fill(s: &Session, css: &str, value: &str) {
    let el = s.wait_for(css).unwrap();
    s.clear(&el).unwrap();
    s.type_text(&el, value).unwrap();
}

fn click(s: &Session, css: &str) {
    let el = s.wait_for(css).unwrap();
    s.click(&el).unwrap();
}

fn wait_text(s: &Session, css: &str, needle: &str) -> String {
    s.wait_until(&format!("{css} containing {needle:?}"), || {
        Ok(match s.find(css)? {
            Some(el) => Some(s.text(&el)?).filter(|t| t.contains(needle)),
            None => None,
        })
    })
    .unwrap()
}

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
    click(s, r#"[data-connector="slack"]"#);
    click(s, r#"[data-action="add-connection"]"#);
    let token = s.wait_for("#field-bot_token").unwrap();
    assert_eq!(
        s.attribute(&token, "type").unwrap().as_deref(),
        Some("password")
    );
    fill(s, "#field-name", "Acme Slack");

    // A wrong token is refused inline, with the field's own sentence.
    fill(s, "#field-bot_token", "xoxp-not-a-bot");
    click(s, r#"[data-action="save"]"#);
    wait_text(
        s,
        r#"[data-field="bot_token"] .field-error"#,
        "Bot token must match",
    );
    assert!(
        s.find("[data-connection]").unwrap().is_none(),
        "nothing was saved"
    );

    fill(s, "#field-bot_token", TOKEN);
    click(s, "details.advanced summary");
    fill(s, "#field-api_base_url", &server.url());
    s.screenshot(&screenshot_path("connection-form")).unwrap();
    click(s, r#"[data-action="save"]"#);

    // The Connections view shows it, token masked, not yet verified.
    let masked = s.wait_for(r#"[data-secret="bot_token"]"#).unwrap();
    assert_eq!(s.text(&masked).unwrap(), "xoxb…oken");
    wait_text(s, r#"[data-field="status"]"#, "Not verified");

    // Verify against the server.
    click(s, r#"[data-action="verify"]"#);
    wait_text(s, ".verify-result", "accepted the credentials for acme-bot");
    wait_text(s, r#"[data-field="status"]"#, "Active");
    s.screenshot(&screenshot_path("connections")).unwrap();
    let page = s
        .execute("return document.documentElement.outerHTML")
        .unwrap();
    assert!(
        !page.as_str().unwrap().contains("DesktopSecretToken"),
        "the token reached the webview"
    );

    // Edit: rename, keep the token.
    click(s, r#"[data-action="edit"]"#);
    let token = s.wait_for("#field-bot_token").unwrap();
    assert_eq!(
        s.attribute(&token, "value").unwrap().unwrap_or_default(),
        ""
    );
    fill(s, "#field-name", "Acme Slack (team)");
    click(s, r#"[data-action="save"]"#);
    wait_text(s, ".connection-name", "Acme Slack (team)");
    assert_eq!(
        s.text(&s.wait_for(r#"[data-secret="bot_token"]"#).unwrap())
            .unwrap(),
        "xoxb…oken"
    );

    // Remove, with confirmation.
    click(s, r#"[data-action="remove"]"#);
    click(s, r#"[data-action="confirm-remove"]"#);
    wait_text(s, ".connections-view", "No connections yet");
    let db = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    let secrets: i64 = db
        .query_row("SELECT count(*) FROM secrets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(secrets, 0);
}
