//! Complete history: an account with more posts than one sync fetches is stored whole over the
//! next syncs, and a first sync cut short by a rate limit goes on where it stopped.

use crate::oauth::{connect, fixture, sandbox_connection};
use patchbay_core::Workspace;
use patchbay_core::connections;
use patchbay_core::sync::{backfill, sync_connection};

fn stored(ws: &Workspace, id: &str) -> i64 {
    patchbay_tests::workspace::sqlite(ws.data_dir())
        .query_row(
            "SELECT count(*) FROM posts WHERE connection_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

fn sandbox_settings(ws: &Workspace, text: &str) {
    std::fs::write(ws.data_dir().join("sandbox-faults.toml"), text).unwrap();
}

#[tokio::test]
async fn two_thousand_videos_are_all_stored_over_two_syncs() {
    let f = fixture();
    sandbox_settings(&f.ws, "posts = 2000\n");
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    let state = f.ws.sandbox_state().await.unwrap();
    let total = state
        .account("tiktok", 0)
        .unwrap()
        .visible(state.now())
        .count() as i64;
    assert!(total >= 2000, "the account has {total} videos");

    let first = sync_connection(&f.ws, &c.id).await.unwrap();
    assert_eq!(first.status, "ok", "{first:?}");
    assert_eq!(stored(&f.ws, &c.id), 1200, "60 pages of 20");
    let shown = connections::get(&f.ws, &c.id).unwrap().backfill.unwrap();
    assert!(shown.starts_with("Backfilling: 1,200 of ~"), "{shown}");

    let second = sync_connection(&f.ws, &c.id).await.unwrap();
    assert_eq!(second.status, "ok", "{second:?}");
    assert_eq!(stored(&f.ws, &c.id), total, "the whole history");
    assert_eq!(
        backfill::stored(&f.ws, &c.id).unwrap(),
        None,
        "nothing left to fetch"
    );
    assert_eq!(connections::get(&f.ws, &c.id).unwrap().backfill, None);
}

#[tokio::test]
async fn a_first_sync_cut_short_by_a_rate_limit_goes_on_where_it_stopped() {
    let f = fixture();
    sandbox_settings(
        &f.ws,
        "[[faults]]\nplatform = \"tiktok\"\npath_contains = \"/video/list/\"\nkind = \"rate_limit\"\nretry_after_secs = 60\nafter = 3\ntimes = 1\n",
    );
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    let state = f.ws.sandbox_state().await.unwrap();
    let total = state
        .account("tiktok", 0)
        .unwrap()
        .visible(state.now())
        .count() as i64;

    let first = sync_connection(&f.ws, &c.id).await.unwrap();
    assert_eq!(first.status, "partial", "{first:?}");
    assert_eq!(stored(&f.ws, &c.id), 60, "three pages before the 429");
    let cursor = backfill::stored(&f.ws, &c.id).unwrap();
    assert!(
        cursor.is_some(),
        "the page that failed is where the next sync goes on"
    );

    let second = sync_connection(&f.ws, &c.id).await.unwrap();
    assert_eq!(second.status, "ok", "{second:?}");
    assert_eq!(stored(&f.ws, &c.id), total, "nothing skipped");
    assert_eq!(backfill::stored(&f.ws, &c.id).unwrap(), None);
}
