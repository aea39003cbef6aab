//! Each platform quirk against a local server that asserts exactly what the platform requires.

use super::{fixture, settings};
use base64::Engine;
use patchbay_core::connections::{self, ConnectionStatus, NewConnection};
use patchbay_core::oauth;
use patchbay_tests::http_stub::{Received, Reply, StubServer};
use serde_json::json;
use std::collections::HashMap;

fn form(req: &Received) -> HashMap<String, String> {
    url::form_urlencoded::parse(req.body.as_bytes())
        .into_owned()
        .collect()
}

fn query(url: &str) -> HashMap<String, String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

/// A live connection whose OAuth and API endpoints all point at `server`.
fn pointed_at(
    ws: &patchbay_core::Workspace,
    connector: &str,
    server: &StubServer,
    client: serde_json::Value,
) -> String {
    let mut s = settings(client);
    s.insert(
        "authorize_url".into(),
        json!(format!("{}/authorize", server.url())),
    );
    s.insert("token_url".into(), json!(format!("{}/token", server.url())));
    s.insert("api_base_url".into(), json!(server.url()));
    connections::create(
        ws,
        NewConnection {
            connector_id: connector.into(),
            name: connector.into(),
            mode: Default::default(),
            settings: s,
            app_id: None,
        },
    )
    .unwrap()
    .id
    .clone()
}

async fn finish(
    ws: &patchbay_core::Workspace,
    id: &str,
) -> patchbay_core::Result<connections::ConnectionView> {
    let request = oauth::begin(ws, id, "http://127.0.0.1:9/oauth/callback").await?;
    let q = query(&request.url);
    oauth::complete(
        ws,
        &format!(
            "http://127.0.0.1:9/oauth/callback?code=the-code&state={}",
            q["state"]
        ),
        false,
    )
    .await
}

#[tokio::test]
async fn reddit_asks_for_a_permanent_grant_and_authenticates_the_token_request_with_basic_auth() {
    let server = StubServer::start(|req| match req.target.as_str() {
        "/token" => Reply::json(
            200,
            json!({"access_token": "r-at-1234567890", "refresh_token": "r-rt-1234567890", "expires_in": 86400, "scope": "identity read", "token_type": "bearer"}),
        ),
        _ => Reply::json(200, json!({"id": "abc123", "name": "patchbay_redditor"})),
    });
    let f = fixture();
    let id = pointed_at(
        &f.ws,
        "reddit",
        &server,
        json!({"client_id": "reddit-client", "client_secret": "reddit-secret"}),
    );
    let request = oauth::begin(&f.ws, &id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    let q = query(&request.url);
    assert_eq!(q["duration"], "permanent");
    assert_eq!(q["scope"], "identity read history mysubreddits");
    let view = oauth::complete(
        &f.ws,
        &format!(
            "http://127.0.0.1:9/oauth/callback?code=c&state={}",
            q["state"]
        ),
        false,
    )
    .await
    .unwrap();
    assert_eq!(view.account_handle.as_deref(), Some("patchbay_redditor"));
    let token_req = server
        .received()
        .into_iter()
        .find(|r| r.target == "/token")
        .unwrap();
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("reddit-client:reddit-secret")
    );
    assert_eq!(token_req.headers["authorization"], expected);
    let body = form(&token_req);
    assert!(
        !body.contains_key("client_secret"),
        "the secret travels only in the basic-auth header"
    );
    assert_eq!(body["grant_type"], "authorization_code");
    let me = server
        .received()
        .into_iter()
        .find(|r| r.target == "/api/v1/me")
        .unwrap();
    assert!(
        me.headers["user-agent"].starts_with("desktop:app.patchbay"),
        "Reddit needs the configured User-Agent: {:?}",
        me.headers
    );
}

#[tokio::test]
async fn x_is_a_public_client_with_pkce_and_offline_access() {
    let server = StubServer::start(|req| match req.target.as_str() {
        "/token" => Reply::json(
            200,
            json!({"access_token": "x-at-1234567890", "refresh_token": "x-rt-1234567890", "expires_in": 7200, "scope": "tweet.read users.read offline.access", "token_type": "bearer"}),
        ),
        _ => Reply::json(
            200,
            json!({"data": {"id": "2244994945", "username": "patchbay_x"}}),
        ),
    });
    let f = fixture();
    let id = pointed_at(&f.ws, "x", &server, json!({"client_id": "x-public-client"}));
    let request = oauth::begin(&f.ws, &id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    let q = query(&request.url);
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["code_challenge"].len(), 43, "base64url SHA-256");
    assert!(q["scope"].split(' ').any(|s| s == "offline.access"));
    oauth::complete(
        &f.ws,
        &format!(
            "http://127.0.0.1:9/oauth/callback?code=c&state={}",
            q["state"]
        ),
        false,
    )
    .await
    .unwrap();
    let token_req = server
        .received()
        .into_iter()
        .find(|r| r.target == "/token")
        .unwrap();
    let body = form(&token_req);
    assert_eq!(body["client_id"], "x-public-client");
    assert!(body["code_verifier"].len() >= 43);
    assert!(
        !body.contains_key("client_secret") && !token_req.headers.contains_key("authorization")
    );
}

#[tokio::test]
async fn tiktok_sends_client_key_and_a_hex_challenge_and_google_asks_for_offline_consent() {
    let f = fixture();
    let tiktok = super::sandbox_connection(&f.ws, "tiktok");
    let q = query(
        &oauth::begin(&f.ws, &tiktok.id, "http://127.0.0.1:9/oauth/callback")
            .await
            .unwrap()
            .url,
    );
    assert_eq!(q["client_key"], "ck-test");
    assert!(!q.contains_key("client_id"));
    assert_eq!(
        q["scope"],
        "user.info.basic,user.info.profile,user.info.stats,video.list"
    );
    assert!(
        q["code_challenge"].len() == 64
            && q["code_challenge"].chars().all(|c| c.is_ascii_hexdigit())
    );

    let youtube = super::sandbox_connection(&f.ws, "youtube");
    let q = query(
        &oauth::begin(&f.ws, &youtube.id, "http://127.0.0.1:9/oauth/callback")
            .await
            .unwrap()
            .url,
    );
    assert_eq!(
        (q["access_type"].as_str(), q["prompt"].as_str()),
        ("offline", "consent")
    );
}

#[tokio::test]
async fn facebook_trades_the_short_token_for_a_long_lived_one_then_keeps_the_page_token() {
    let server = StubServer::start(|req| {
        if req.target.starts_with("/token?") {
            let q = query(&format!("http://x{}", req.target));
            assert_eq!(q["grant_type"], "fb_exchange_token");
            assert_eq!(q["fb_exchange_token"], "fb-short-token-123");
            return Reply::json(
                200,
                json!({"access_token": "fb-long-token-456", "token_type": "bearer", "expires_in": 5183944}),
            );
        }
        if req.target.starts_with("/me/accounts") {
            // Page tokens come from the long-lived user token, never the short one.
            let q = query(&format!("http://x{}", req.target));
            assert_eq!(q["access_token"], "fb-long-token-456");
            return Reply::json(
                200,
                json!({"data": [{"id": "10150", "name": "Maya's Page", "access_token": "fb-page-token-789", "tasks": ["ANALYZE"]}]}),
            );
        }
        match req.target.as_str() {
            "/token" => Reply::json(
                200,
                json!({"access_token": "fb-short-token-123", "token_type": "bearer", "expires_in": 3600}),
            ),
            _ => Reply::json(200, json!({"id": "10150", "name": "Maya's Page"})),
        }
    });
    let f = fixture();
    let id = pointed_at(
        &f.ws,
        "facebook-pages",
        &server,
        json!({"app_id": "1234", "app_secret": "fb-app-secret"}),
    );
    let view = finish(&f.ws, &id).await.unwrap();
    assert_eq!(view.account_handle.as_deref(), Some("Maya's Page"));
    assert_eq!(view.token_expires_at, None, "a Page token does not expire");
    let me = server
        .received()
        .into_iter()
        .find(|r| r.target.starts_with("/me?"))
        .unwrap();
    assert!(
        me.target.contains("access_token=fb-page-token-789"),
        "{}",
        me.target
    );
    // Nothing to refresh: Patchbay says so instead of pretending.
    let err = oauth::refresh_now(&f.ws, &id).await.unwrap_err();
    assert!(err.to_string().contains("cannot be refreshed"), "{err}");
}

#[tokio::test]
async fn a_refused_refresh_marks_the_connection_needs_reauth_with_a_sentence() {
    let server = StubServer::start(|req| {
        let body = form(req);
        match (
            req.target.as_str(),
            body.get("grant_type").map(String::as_str),
        ) {
            ("/token", Some("refresh_token")) => Reply::json(
                400,
                json!({"error": "invalid_grant", "error_description": "Token has been revoked."}),
            ),
            ("/token", _) => Reply::json(
                200,
                json!({"access_token": "r-at-1234567890", "refresh_token": "r-rt-1234567890", "expires_in": 3600}),
            ),
            _ => Reply::json(200, json!({"id": "abc123", "name": "patchbay_redditor"})),
        }
    });
    let f = fixture();
    let id = pointed_at(
        &f.ws,
        "reddit",
        &server,
        json!({"client_id": "reddit-client"}),
    );
    finish(&f.ws, &id).await.unwrap();
    let err = oauth::refresh_now(&f.ws, &id).await.unwrap_err();
    assert_eq!(err.code(), "oauth.needs_reauth");
    let view = connections::get(&f.ws, &id).unwrap();
    assert_eq!(view.status, ConnectionStatus::NeedsReauth);
    assert!(
        view.status_message
            .as_deref()
            .unwrap()
            .contains("Reconnect the account")
    );
}

#[tokio::test]
async fn linkedin_tokens_cannot_be_refreshed_and_say_so() {
    let server = StubServer::start(|req| match req.target.as_str() {
        "/token" => Reply::json(
            200,
            json!({"access_token": "li-at-1234567890", "expires_in": 5184000, "scope": "openid,profile"}),
        ),
        _ => Reply::json(200, json!({"sub": "li-123", "name": "Maya Doe"})),
    });
    let f = fixture();
    let id = pointed_at(
        &f.ws,
        "linkedin",
        &server,
        json!({"client_id": "li-client", "client_secret": "li-secret"}),
    );
    let view = finish(&f.ws, &id).await.unwrap();
    assert_eq!(view.account_handle.as_deref(), Some("Maya Doe"));
    assert!(view.token_expires_at.is_some());
    let err = oauth::refresh_now(&f.ws, &id).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("LinkedIn tokens cannot be refreshed"),
        "{err}"
    );
}
