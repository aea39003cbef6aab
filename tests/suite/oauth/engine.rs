//! The token engine under concurrency, rotation and crashes.

use super::{connect, fixture, sandbox_connection};
use patchbay_core::Workspace;
use patchbay_core::connections;
use patchbay_core::oauth;
use std::sync::Arc;

fn expire_now(ws: &Workspace, id: &str) {
    let db = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    db.execute(
        "UPDATE connections SET token_expires_at = '2000-01-01T00:00:00Z' WHERE id = ?1",
        [id],
    )
    .unwrap();
}

fn stored(ws: &Workspace, id: &str) -> connections::ConnectionView {
    connections::get(ws, id).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_callers_share_one_refresh_and_all_get_the_new_token() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    let before = stored(&f.ws, &c.id).secrets["access_token"].clone();
    expire_now(&f.ws, &c.id);
    let ws = Arc::new(f.ws.clone());
    let callers: Vec<_> = (0..8)
        .map(|_| {
            let ws = ws.clone();
            let id = c.id.clone();
            tokio::spawn(async move {
                oauth::access_token(&ws, &id)
                    .await
                    .map(|t| t.expose().to_owned())
            })
        })
        .collect();
    let mut tokens = Vec::new();
    for caller in callers {
        tokens.push(caller.await.unwrap().unwrap());
    }
    assert_eq!(
        f.ws.oauth().refresh_count(),
        1,
        "exactly one refresh for eight callers"
    );
    assert!(
        tokens.windows(2).all(|w| w[0] == w[1]),
        "every caller got the same fresh token"
    );
    assert_ne!(stored(&f.ws, &c.id).secrets["access_token"], before);
}

#[tokio::test]
async fn a_rotated_refresh_token_is_stored_and_the_old_one_is_dead() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    let vault = f.ws.vault().unwrap();
    let read = |field: &str| {
        let db = rusqlite::Connection::open(f.ws.data_dir().join("patchbay.sqlite3")).unwrap();
        vault
            .get(&db, &c.id, field)
            .unwrap()
            .unwrap()
            .expose()
            .to_owned()
    };
    let old = read("refresh_token");
    oauth::refresh_now(&f.ws, &c.id).await.unwrap();
    let new = read("refresh_token");
    assert_ne!(
        old, new,
        "TikTok rotated the refresh token and Patchbay kept the new one"
    );
    // The platform no longer accepts the old one.
    let sandbox = f.ws.sandbox_url().unwrap();
    let resp = super::browser()
        .post(format!("{sandbox}/tiktok/v2/oauth/token/"))
        .form(&[
            ("client_key", "ck-test"),
            ("client_secret", "cs-test-secret"),
            ("grant_type", "refresh_token"),
            ("refresh_token", old.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
}

#[tokio::test]
async fn a_crash_after_a_rotation_loses_nothing() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    // The refresh completes and the process dies before the new access token is ever used.
    {
        let crashed = Workspace::open(f.ws.data_dir()).unwrap();
        oauth::refresh_now(&crashed, &c.id).await.unwrap();
        drop(crashed);
    }
    // A new process reads what was stored and can keep refreshing.
    let restarted = Workspace::open(f.ws.data_dir()).unwrap();
    let view = oauth::refresh_now(&restarted, &c.id).await.unwrap();
    assert_eq!(view.status, connections::ConnectionStatus::Active);
    assert!(oauth::access_token(&restarted, &c.id).await.is_ok());
}

#[tokio::test]
async fn disconnect_revokes_forgets_the_tokens_and_keeps_the_connection() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "youtube");
    connect(&f.ws, &c.id).await.unwrap();
    let vault = f.ws.vault().unwrap();
    let refresh = vault
        .get(&f.ws.database().lock(), &c.id, "refresh_token")
        .unwrap()
        .unwrap();
    let revoked = oauth::disconnect(&f.ws, &c.id).await.unwrap();
    assert!(revoked, "Google supports revocation");
    // Revoked at the platform, not only forgotten here: the old refresh token is refused.
    let token_url = format!("{}/youtube/token", f.ws.sandbox_url().unwrap());
    let answer = patchbay_core::http::Http::new()
        .client()
        .post(&token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.expose()),
            ("client_id", "42-test.apps.googleusercontent.com"),
            ("client_secret", "yt-test-secret"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant", "{body}");
    let view = stored(&f.ws, &c.id);
    assert_eq!(view.status, connections::ConnectionStatus::Inactive);
    assert!(
        !view.secrets.contains_key("access_token") && !view.secrets.contains_key("refresh_token")
    );
    assert!(
        view.secrets.contains_key("client_secret"),
        "the client credentials stay"
    );
    assert!(view.status_message.as_deref().unwrap().contains("revoked"));
    let err = oauth::access_token(&f.ws, &c.id).await.unwrap_err();
    assert_eq!(err.code(), "oauth.needs_reauth");
}

#[tokio::test]
async fn idle_tokens_are_refreshed_once_a_day_and_fresh_ones_are_left_alone() {
    let f = fixture();
    let idle = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &idle.id).await.unwrap();
    let fresh = sandbox_connection(&f.ws, "youtube");
    connect(&f.ws, &fresh.id).await.unwrap();
    // YouTube's access token lives an hour: make it look fresh for a while yet.
    let db = rusqlite::Connection::open(f.ws.data_dir().join("patchbay.sqlite3")).unwrap();
    db.execute(
        "UPDATE connections SET token_expires_at = '2999-01-01T00:00:00Z' WHERE id = ?1",
        [&fresh.id],
    )
    .unwrap();
    // The TikTok token was last refreshed two days ago.
    db.execute(
        "UPDATE connections SET token_refreshed_at = '2000-01-01T00:00:00Z' WHERE id = ?1",
        [&idle.id],
    )
    .unwrap();
    let before = f.ws.oauth().refresh_count();
    let lost = oauth::engine::keep_alive(&f.ws).await.unwrap();
    assert!(lost.is_empty());
    assert_eq!(
        f.ws.oauth().refresh_count() - before,
        1,
        "only the idle token was refreshed"
    );
    let refreshed: String = db
        .query_row(
            "SELECT token_refreshed_at FROM connections WHERE id = ?1",
            [&idle.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(refreshed.as_str() > "2026", "{refreshed}");
}
