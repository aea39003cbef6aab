//! Triggers from the user's own numbers: after a sync, every sandbox post whose views passed the
//! threshold within the hours given fires the workflow once, with the post in
//! `{{ trigger.… }}`; the next sync fires none of them again.

use super::{install, runs};
use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::workspace::{TestWorkspace, sqlite, text};
use serde_json::{Value, json};

#[test]
fn a_post_threshold_fires_once_per_post_after_a_sync() {
    let ws = TestWorkspace::new();
    let demo = ws.run(&["demo", "--json"]);
    assert!(demo.status.success(), "{:?}", text(&demo));
    let hook = StubServer::start(|_| Reply::json(200, json!({"ok": true})));
    install(
        &ws,
        "fast-post",
        &json!({
            "name": "Tell me about fast posts",
            "trigger": {"type": "post.threshold", "metric": "views", "above": 50, "within_hours": 48},
            "steps": [
                {"name": "check", "type": "condition", "config": {"if": "{{ trigger.value >= 50 }}"}},
                {"name": "notify", "type": "http_request", "config": {"method": "POST", "url": format!("{}/hook", hook.url()),
                    "body": {"url": "{{ trigger.post.url }}", "views": "{{ trigger.value }}", "account": "{{ trigger.connection.name }}"}}}
            ]
        }),
    );
    let first = ws.run(&["sync"]);
    assert!(first.status.success(), "{:?}", text(&first));

    // What should have fired, counted from the store on its own.
    let expected: i64 = sqlite(&ws.data_dir())
        .query_row(
            "SELECT count(DISTINCT p.id) FROM posts p JOIN snapshots s ON s.post_id = p.id AND s.metric = 'views'
             WHERE s.value >= 50 AND julianday(s.captured_at) <= julianday(p.posted_at) + 2.0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        expected > 0,
        "the sandbox has recent posts past the threshold"
    );
    let fired = runs(&ws, "fast-post");
    assert_eq!(fired.len() as i64, expected);
    assert!(fired.iter().all(|r| r["status"] == "ok"), "{fired:?}");
    let calls: Vec<Value> = hook
        .received()
        .iter()
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(calls.len() as i64, expected);
    let mut urls: Vec<&str> = calls.iter().map(|c| c["url"].as_str().unwrap()).collect();
    urls.sort_unstable();
    urls.dedup();
    assert_eq!(urls.len() as i64, expected, "one run per post");
    assert!(calls.iter().all(|c| c["views"].as_f64().unwrap() >= 50.0));

    assert!(ws.run(&["sync"]).status.success());
    assert_eq!(
        runs(&ws, "fast-post").len() as i64,
        expected,
        "no post fires twice"
    );
}

/// A workflow file in the in-process workspace's folder.
fn install_in(ws: &patchbay_core::Workspace, id: &str, workflow: &Value) {
    let dir = patchbay_core::workflows::dir(ws);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{id}.json")), workflow.to_string()).unwrap();
}

/// The trigger data of every run of `id`, oldest first.
fn fired(ws: &patchbay_core::Workspace, id: &str) -> Vec<Value> {
    let mut runs = patchbay_core::workflows::runs(ws, Some(id), 100).unwrap();
    runs.reverse();
    runs.iter()
        .map(|r| {
            let sql = ws.database().lock();
            let data: String = sql
                .query_row(
                    "SELECT trigger_data FROM workflow_runs WHERE id = ?1",
                    [r.id],
                    |row| row.get(0),
                )
                .unwrap();
            serde_json::from_str(&data).unwrap()
        })
        .collect()
}

#[tokio::test]
async fn a_follower_milestone_fires_once_when_an_account_passes_it() {
    let f = crate::oauth::fixture();
    let ids = crate::oauth::synced(&f.ws, &["youtube", "x"]).await;
    install_in(
        &f.ws,
        "milestone",
        &json!({
            "name": "Every thousand followers",
            "trigger": {"type": "followers.milestone", "every": 1000},
            "steps": [{"name": "check", "type": "condition", "config": {"if": "{{ trigger.milestone > 0 }}"}}]
        }),
    );
    // Nothing crossed yet: the last two counts of each account sit between the same thousands.
    assert!(patchbay_core::workflows::tick(&f.ws, &[]).await.is_ok());
    let before = fired(&f.ws, "milestone").len();
    // YouTube grows from 9,990 to 10,004 followers between two syncs.
    {
        let sql = f.ws.database().lock();
        for (value, at) in [
            (9_990.0, "2099-01-01T00:00:00Z"),
            (10_004.0, "2099-01-02T00:00:00Z"),
        ] {
            sql.execute(
                "INSERT INTO snapshots (connection_id, post_id, metric, value, captured_at, source) VALUES (?1, NULL, 'followers', ?2, ?3, 'sync')",
                rusqlite::params![ids[0], value, at],
            )
            .unwrap();
        }
    }
    patchbay_core::workflows::tick(&f.ws, &[]).await.unwrap();
    let runs = fired(&f.ws, "milestone");
    assert_eq!(runs.len(), before + 1, "{runs:#?}");
    let last = runs.last().unwrap();
    assert_eq!(last["milestone"], 10_000);
    assert_eq!(last["followers"], 10_004);
    assert_eq!(last["connection"]["id"], ids[0].as_str());
    // The same crossing never fires twice.
    patchbay_core::workflows::tick(&f.ws, &[]).await.unwrap();
    assert_eq!(fired(&f.ws, "milestone").len(), before + 1);
}

#[tokio::test]
async fn a_token_about_to_expire_fires_once_per_token() {
    let f = crate::oauth::fixture();
    let ids = crate::oauth::synced(&f.ws, &["tiktok", "youtube", "instagram"]).await;
    install_in(
        &f.ws,
        "expiring",
        &json!({
            "name": "Tokens about to expire",
            "trigger": {"type": "token.expiring", "within_days": 2},
            "steps": [{"name": "check", "type": "condition", "config": {"if": "{{ trigger.expires_at != '' }}"}}]
        }),
    );
    // What expires within two days, read from the connections themselves.
    let soon: Vec<String> = ids
        .iter()
        .filter(|id| {
            let v = patchbay_core::connections::get(&f.ws, id).unwrap();
            v.token_expires_at.as_deref().is_some_and(|t| {
                let at = chrono::DateTime::parse_from_rfc3339(t).unwrap();
                at > chrono::Utc::now() && at <= chrono::Utc::now() + chrono::Duration::days(2)
            })
        })
        .cloned()
        .collect();
    assert!(
        !soon.is_empty() && soon.len() < ids.len(),
        "some sandbox tokens last hours, Instagram's 60 days: {soon:?}"
    );
    patchbay_core::workflows::tick(&f.ws, &[]).await.unwrap();
    let mut warned: Vec<String> = fired(&f.ws, "expiring")
        .iter()
        .map(|d| d["connection"]["id"].as_str().unwrap().to_owned())
        .collect();
    warned.sort();
    let mut expected = soon.clone();
    expected.sort();
    assert_eq!(warned, expected);
    patchbay_core::workflows::tick(&f.ws, &[]).await.unwrap();
    assert_eq!(fired(&f.ws, "expiring").len(), soon.len(), "once per token");
}
