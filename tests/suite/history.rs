//! The history a user keeps: exported whole (CSV and JSON), deleted on request, trimmed by the
//! retention they chose after every sync.

use crate::oauth::{connect, fixture, sandbox_connection};
use patchbay_core::analytics;
use patchbay_core::sync::{self, sync_connection};

fn db(ws: &patchbay_core::Workspace) -> rusqlite::Connection {
    patchbay_tests::workspace::sqlite(ws.data_dir())
}

#[tokio::test]
async fn the_csv_export_round_trips_and_delete_and_retention_remove_history() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "youtube");
    connect(&f.ws, &c.id).await.unwrap();
    sync_connection(&f.ws, &c.id).await.unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = analytics::export::export(f.ws.database(), &c.id, out.path()).unwrap();
    assert_eq!(files.len(), 4);
    #[cfg(unix)]
    for file in &files {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is its owner's alone", file.display());
    }
    let mut reader = csv::Reader::from_path(out.path().join("posts.csv")).unwrap();
    let exported: Vec<analytics::TopPost> = reader.deserialize().map(Result::unwrap).collect();
    let stored = analytics::top_posts(f.ws.database(), &c.id, 36_500, 0).unwrap();
    assert_eq!(
        exported, stored,
        "posts.csv reads back to exactly what is stored"
    );
    let overview: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("overview.json")).unwrap()).unwrap();
    assert_eq!(overview["connection_id"], c.id.as_str());
    let export_text = std::fs::read_to_string(out.path().join("snapshots.csv")).unwrap();
    assert!(!export_text.contains("-at-"), "no token in an export");

    assert_eq!(
        analytics::export::apply_retention(f.ws.database(), 36_500).unwrap(),
        0,
        "keeping forever deletes nothing"
    );
    analytics::export::delete_data(f.ws.database(), &c.id).unwrap();
    let left: i64 = db(&f.ws).query_row("SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM snapshots) + (SELECT count(*) FROM profiles)", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    assert!(
        patchbay_core::connections::get(&f.ws, &c.id).is_ok(),
        "the connection itself stays"
    );
}

#[tokio::test]
async fn retention_applies_after_every_sync_not_only_when_settings_are_saved() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    sync_connection(&f.ws, &c.id).await.unwrap();
    // A year-old snapshot, kept while history is kept forever.
    let old = (chrono::Utc::now() - chrono::Duration::days(365)).to_rfc3339();
    db(&f.ws)
        .execute(
            "INSERT INTO snapshots (connection_id, metric, value, captured_at, source) VALUES (?1, 'followers', 1, ?2, 'sync')",
            [&c.id, &old],
        )
        .unwrap();
    let count_old = || -> i64 {
        db(&f.ws)
            .query_row(
                "SELECT count(*) FROM snapshots WHERE captured_at = ?1",
                [&old],
                |r| r.get(0),
            )
            .unwrap()
    };
    sync::sync_all(&f.ws, Some(&c.id)).await.unwrap();
    assert_eq!(count_old(), 1, "keeping everything keeps it");
    // The user (or another process) chose 90 days; no one pressed Save in this process.
    db(&f.ws)
        .execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('retention.days', '90')",
            [],
        )
        .unwrap();
    sync::sync_all(&f.ws, Some(&c.id)).await.unwrap();
    assert_eq!(count_old(), 0, "the next sync applied the 90-day history");
    let recent: i64 = db(&f.ws)
        .query_row(
            "SELECT count(*) FROM snapshots WHERE connection_id = ?1",
            [&c.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(recent > 0, "this week's snapshots stay");
}
