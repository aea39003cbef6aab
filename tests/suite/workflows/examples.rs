//! The three workflows the window offers as templates, as shipped, against the sandbox: a fast
//! post announced on Discord, the Monday email on its schedule, and a Slack message when an
//! account needs reconnecting. Each fires once per event.

use super::{install, runs};
use patchbay_tests::workspace::{TestWorkspace, sqlite, text};
use serde_json::{Value, json};

fn template(id: &str) -> Value {
    let path = format!(
        "{}/../src-tauri/crates/patchbay-core/src/workflows/templates/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn add(ws: &TestWorkspace, args: &[&str], secret: &str) {
    let out = ws.run_with_stdin(args, &format!("{secret}\n"));
    assert!(out.status.success(), "{:?}", text(&out));
}

fn outbox(ws: &TestWorkspace, platform: &str) -> Vec<Value> {
    let out = ws.run(&[
        "sandbox",
        "outbox",
        "--platform",
        platform,
        "--limit",
        "500",
        "--json",
    ]);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn sync(ws: &TestWorkspace) {
    let out = ws.run(&["sync"]);
    assert!(out.status.code().is_some(), "{:?}", text(&out));
}

#[test]
fn a_fast_post_is_announced_on_discord_once() {
    let ws = TestWorkspace::new();
    assert!(ws.run(&["demo", "--json"]).status.success());
    add(
        &ws,
        &[
            "connections",
            "add",
            "discord",
            "--name",
            "My Discord",
            "--mode",
            "sandbox",
            "--secret",
            "webhook_url",
        ],
        "https://discord.com/api/webhooks/123456789012345678/sandbox-hook",
    );
    let mut w = template("milestone-to-discord");
    // The sandbox's young accounts are small: the template's 10,000 becomes 50.
    w["trigger"]["above"] = json!(50);
    w["trigger"]["within_hours"] = json!(48);
    install(&ws, "fast", &w);
    sync(&ws);
    let posted = outbox(&ws, "discord");
    let fired = runs(&ws, "fast");
    assert!(
        !posted.is_empty(),
        "some sandbox post passed 50 views early"
    );
    assert_eq!(posted.len(), fired.len());
    assert!(
        posted
            .iter()
            .all(|p| p["detail"]["content"].as_str().unwrap().contains("views:")),
        "{posted:?}"
    );
    sync(&ws);
    assert_eq!(
        outbox(&ws, "discord").len(),
        posted.len(),
        "no post is announced twice"
    );
}

#[test]
fn the_monday_email_goes_out_with_the_weeks_report_when_its_schedule_comes_due() {
    let ws = TestWorkspace::new();
    assert!(
        ws.run(&["demo", "--json"]).status.success(),
        "accounts to report on"
    );
    add(
        &ws,
        &[
            "connections",
            "add",
            "smtp",
            "--name",
            "My Mail",
            "--mode",
            "sandbox",
            "--set",
            "host=smtp.example.com",
            "--set",
            "username=me",
            "--set",
            "from_address=me@example.com",
            "--secret",
            "password",
        ],
        "app-password",
    );
    install(&ws, "monday", &template("weekly-email"));
    sync(&ws);
    assert!(
        outbox(&ws, "smtp").is_empty(),
        "a new schedule owes nothing from before"
    );
    let next: String = sqlite(&ws.data_dir())
        .query_row(
            "SELECT next_due_at FROM workflow_state WHERE workflow = 'monday'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(&next).unwrap();
    assert_eq!(
        chrono::Datelike::weekday(&due.with_timezone(&chrono::Local)),
        chrono::Weekday::Mon,
        "{next}"
    );
    // Monday 09:00 arrives.
    sqlite(&ws.data_dir()).execute("UPDATE workflow_state SET next_due_at = '2026-11-30T08:00:00Z' WHERE workflow = 'monday'", []).unwrap();
    sync(&ws);
    sync(&ws);
    let sent = outbox(&ws, "smtp");
    assert_eq!(sent.len(), 1, "once per due time");
    assert_eq!(sent[0]["detail"]["subject"], "Your week on Patchbay");
    let raw = std::fs::read_to_string(
        ws.data_dir()
            .join("sandbox-outbox")
            .join(sent[0]["file"].as_str().unwrap()),
    )
    .unwrap();
    assert!(
        raw.contains("filename=\"week.pdf\"") && raw.contains("application/pdf"),
        "the report step's PDF is attached"
    );
    let pdf = ws.data_dir().join("attachments/reports/report-7d.pdf");
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn slack_hears_when_an_account_needs_reconnecting() {
    let ws = TestWorkspace::new();
    assert!(ws.run(&["demo", "--json"]).status.success());
    add(
        &ws,
        &[
            "connections",
            "add",
            "slack",
            "--name",
            "My Slack",
            "--mode",
            "sandbox",
            "--set",
            "default_channel=alerts",
            "--secret",
            "bot_token",
        ],
        concat!("xo", "xb-sandbox-alerts"),
    );
    install(&ws, "reauth", &template("reauth-to-slack"));
    std::fs::write(
        ws.data_dir().join("sandbox-faults.toml"),
        "[[faults]]\nplatform = \"tiktok\"\npath_contains = \"/user/info/\"\nkind = \"expired_token\"\ntimes = 1\n\n[[faults]]\nplatform = \"tiktok\"\npath_contains = \"/oauth/token/refresh\"\nkind = \"invalid_grant\"\ntimes = 1\n",
    )
    .unwrap();
    sync(&ws);
    let told = outbox(&ws, "slack");
    assert_eq!(told.len(), 1, "{told:?}");
    let said = told[0]["detail"]["message"]["text"].as_str().unwrap();
    assert!(
        said.contains("needs reconnecting") && said.contains("TikTok"),
        "{said}"
    );
    std::fs::remove_file(ws.data_dir().join("sandbox-faults.toml")).unwrap();
    sync(&ws);
    assert_eq!(
        outbox(&ws, "slack").len(),
        1,
        "told once, not at every sync"
    );
}
