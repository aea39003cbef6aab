//! A user's own connector in the real window: its declared action runs from "Try an action",
//! Sync now reads its declared list, and the records show under the connection.

use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::{TestWorkspace, text};

#[test]
fn a_users_own_connector_acts_and_syncs_from_the_window() {
    let ws = TestWorkspace::new();
    let server = crate::actions::custom::newsletter();
    let dir = ws.data_dir().join("connectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("letterbox.toml"),
        crate::actions::custom::manifest(&server.url()),
    )
    .unwrap();
    let out = ws.run_with_stdin(
        &[
            "connections",
            "add",
            "letterbox",
            "--name",
            "Newsletter",
            "--secret",
            "api_key",
        ],
        &format!("{}\n", crate::actions::custom::KEY),
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    s.click_on(r#"[data-view="connections"]"#).unwrap();
    s.click_on(r#"[data-action="try-action"]"#).unwrap();
    s.wait_for(r#"[data-action-form="add_subscriber"]"#)
        .unwrap();
    s.fill(r#"[data-input="email"]"#, "window@example.com")
        .unwrap();
    s.click_on(r#"[data-action="run-action"]"#).unwrap();
    s.wait_for_text(r#"[data-field="action-output"]"#, "window@example.com")
        .unwrap();

    s.click_on(r#"[data-action="sync-now"]"#).unwrap();
    let toast = s.wait_for(".toast").unwrap();
    let said = s.text(&toast).unwrap();
    // The scheduler may have read the list when the window opened: then only what changed comes.
    assert!(
        said.starts_with("Synced") && said.contains("records"),
        "{said}"
    );
    s.click_on(r#"[data-action="show-records"]"#).unwrap();
    let table = s
        .wait_for_text(r#"[data-table="records"]"#, "window@example.com")
        .unwrap();
    for email in ["ada@example.com", "bo@example.com", "cy@example.com"] {
        assert!(table.contains(email), "{table}");
    }
    s.screenshot(&screenshot_path("custom-connector-records"))
        .unwrap();
}
