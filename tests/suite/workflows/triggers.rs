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
