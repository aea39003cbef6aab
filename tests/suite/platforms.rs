//! Facebook Pages, X and Reddit: each sync holds exactly the sandbox's data, twice without a
//! duplicate, and a Facebook connection syncs the Page its settings name.

use crate::oauth::{connect, fixture, sandbox_connection};
use patchbay_core::Workspace;
use patchbay_core::analytics;
use patchbay_core::sync::sync_connection;

fn db(ws: &patchbay_core::Workspace) -> rusqlite::Connection {
    patchbay_tests::workspace::sqlite(ws.data_dir())
}

fn duplicate_posts(ws: &Workspace) -> i64 {
    patchbay_tests::workspace::duplicate_posts(ws.data_dir())
}

/// What the sandbox holds for `account` of `platform` now: posts, likes, comments, followers.
fn sandbox_totals(
    account: &patchbay_sandbox::data::Account,
    now: chrono::DateTime<chrono::Utc>,
) -> (usize, i64, i64, i64) {
    let posts: Vec<_> = account.visible(now).collect();
    let likes = posts.iter().map(|p| p.metrics_at(now).likes as i64).sum();
    let comments = posts
        .iter()
        .map(|p| p.metrics_at(now).comments as i64)
        .sum();
    (
        posts.len(),
        likes,
        comments,
        account.followers_at(now) as i64,
    )
}

fn stored_totals(ws: &Workspace, id: &str) -> (usize, i64, i64) {
    db(ws)
        .query_row(
            "SELECT count(*), coalesce(sum(likes), 0), coalesce(sum(comments), 0) FROM posts WHERE connection_id = ?1",
            [id],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[tokio::test]
async fn facebook_pages_x_and_reddit_sync_exactly_the_sandbox_data_twice_without_duplicates() {
    let f = fixture();
    f.ws.start_sandbox().await.unwrap();
    let state = f.ws.sandbox_state().await.unwrap();
    let mut ids = Vec::new();
    for (connector, platform) in [
        ("facebook-pages", "facebook"),
        ("x", "x"),
        ("reddit", "reddit"),
    ] {
        let c = sandbox_connection(&f.ws, connector);
        let connected = connect(&f.ws, &c.id).await.unwrap();
        let account = state.account(platform, 0).unwrap();
        let s = sync_connection(&f.ws, &c.id).await.unwrap();
        assert_eq!(s.status, "ok", "{connector}: {s:?}");
        let (posts, likes, comments, followers) = sandbox_totals(account, state.now());
        assert_eq!(s.followers, Some(followers), "{connector}");
        assert_eq!(
            stored_totals(&f.ws, &c.id),
            (posts, likes, comments),
            "{connector}"
        );
        if connector == "facebook-pages" {
            // The connection holds the Page's token: it does not expire, and /me is the Page.
            assert_eq!(connected.token_expires_at, None);
            assert_eq!(connected.account_id.as_deref(), Some(account.id.as_str()));
            // A year of Page Insights, fetched in 93-day windows, draws the follower curve back.
            let curve = analytics::followers(f.ws.database(), &c.id, 365).unwrap();
            assert!(
                curve.len() > 300,
                "{} days of follower history",
                curve.len()
            );
            // Daily figures cover whole days, the recorded count a moment: the rebuilt point may
            // sit up to a day's growth from the sandbox's count at that moment, never further.
            let at =
                |days: i64| account.followers_at(state.now() - chrono::Duration::days(days)) as i64;
            let then = curve[curve.len() - 301].value as i64;
            let day = at(299) - at(301);
            assert!(
                (then - at(300)).abs() <= day,
                "rebuilt {then}, sandbox {} (a day's growth: {day})",
                at(300)
            );
        }
        ids.push((c.id.clone(), platform));
    }
    state.advance(chrono::Duration::days(3));
    for (id, platform) in &ids {
        let s = sync_connection(&f.ws, id).await.unwrap();
        assert_eq!(s.status, "ok", "{platform}: {s:?}");
        let account = state.account(platform, 0).unwrap();
        let (posts, ..) = sandbox_totals(account, state.now());
        assert_eq!(
            stored_totals(&f.ws, id).0,
            posts,
            "{platform}: new posts added once"
        );
    }
    assert_eq!(duplicate_posts(&f.ws), 0);
}

#[tokio::test]
async fn a_facebook_connection_syncs_the_page_chosen_in_its_settings_or_says_which_it_can() {
    let f = fixture();
    f.ws.start_sandbox().await.unwrap();
    let state = f.ws.sandbox_state().await.unwrap();
    let second = state.account("facebook", 1).unwrap().id.clone();
    let c = sandbox_connection(&f.ws, "facebook-pages");
    let mut patch = serde_json::Map::new();
    patch.insert("page_id".into(), serde_json::json!(second));
    patchbay_core::connections::update(
        &f.ws,
        &c.id,
        patchbay_core::connections::ConnectionPatch {
            settings: patch,
            ..Default::default()
        },
    )
    .unwrap();
    let connected = connect(&f.ws, &c.id).await.unwrap();
    assert_eq!(connected.account_id.as_deref(), Some(second.as_str()));

    let other = sandbox_connection(&f.ws, "facebook-pages");
    let mut patch = serde_json::Map::new();
    patch.insert("page_id".into(), serde_json::json!("999999"));
    patchbay_core::connections::update(
        &f.ws,
        &other.id,
        patchbay_core::connections::ConnectionPatch {
            settings: patch,
            ..Default::default()
        },
    )
    .unwrap();
    let err = connect(&f.ws, &other.id).await.unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("999999") && message.contains(&second),
        "{message}"
    );
    let view = patchbay_core::connections::get(&f.ws, &other.id).unwrap();
    assert!(
        !view.secrets.contains_key("access_token"),
        "nothing was stored"
    );
}
