//! The emulators against the platforms' documented rules, over real HTTP.

#![allow(clippy::unwrap_used)]

use patchbay_sandbox::faults::{Fault, FaultKind};
use patchbay_sandbox::oauth::Challenge;
use patchbay_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};
use std::collections::HashSet;

mod common;

use common::{LOOPBACK, VERIFIER, authorize, client};

async fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config, 0).await.unwrap()
}

async fn tiktok_code(sb: &Sandbox, challenge: &str) -> String {
    authorize(&format!(
        "{}/tiktok/v2/auth/authorize/?client_key=ck&response_type=code&scope=user.info.basic,video.list&redirect_uri={LOOPBACK}&state=s1&code_challenge={challenge}&code_challenge_method=S256",
        sb.url()
    ))
    .await
    .unwrap()
}

async fn tiktok_exchange(sb: &Sandbox, code: &str) -> (u16, Value) {
    let resp = client()
        .post(format!("{}/tiktok/v2/oauth/token/", sb.url()))
        .form(&[
            ("client_key", "ck"),
            ("client_secret", "cs"),
            ("code", code),
            ("grant_type", "authorization_code"),
            ("redirect_uri", LOOPBACK),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[tokio::test]
async fn tiktok_refuses_client_id_and_a_base64url_challenge_fails_only_at_exchange() {
    let sb = sandbox(SandboxConfig::default()).await;
    let wrong_name = format!(
        "{}/tiktok/v2/auth/authorize/?client_id=ck&response_type=code&redirect_uri={LOOPBACK}&code_challenge=x&code_challenge_method=S256",
        sb.url()
    );
    let (status, body) = authorize(&wrong_name).await.unwrap_err();
    assert_eq!(status, 400);
    assert!(body.contains("client_key"), "{body}");

    // base64url passes authorize, then fails at exchange with invalid_grant, as on TikTok.
    let code = tiktok_code(&sb, &Challenge::S256.of(VERIFIER)).await;
    let (status, body) = tiktok_exchange(&sb, &code).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_grant");

    let code = tiktok_code(&sb, &Challenge::S256Hex.of(VERIFIER)).await;
    let (status, body) = tiktok_exchange(&sb, &code).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["refresh_token"].is_string() && body["open_id"].is_string());
    // Reusing the code is refused.
    let (status, body) = tiktok_exchange(&sb, &code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn tiktok_token_requests_must_be_form_encoded_and_refresh_tokens_rotate() {
    let sb = sandbox(SandboxConfig::default()).await;
    let json_body = client()
        .post(format!("{}/tiktok/v2/oauth/token/", sb.url()))
        .json(&json!({"client_key": "ck"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_body.status().as_u16(), 400);

    let code = tiktok_code(&sb, &Challenge::S256Hex.of(VERIFIER)).await;
    let (_, tokens) = tiktok_exchange(&sb, &code).await;
    let old = tokens["refresh_token"].as_str().unwrap();
    let refresh = |token: String| {
        let url = format!("{}/tiktok/v2/oauth/token/", sb.url());
        async move {
            let resp = client()
                .post(url)
                .form(&[
                    ("client_key", "ck"),
                    ("client_secret", "cs"),
                    ("grant_type", "refresh_token"),
                    ("refresh_token", token.as_str()),
                ])
                .send()
                .await
                .unwrap();
            (resp.status().as_u16(), resp.json::<Value>().await.unwrap())
        }
    };
    let (status, new) = refresh(old.to_owned()).await;
    assert_eq!(status, 200);
    assert_ne!(new["refresh_token"].as_str().unwrap(), old);
    let (status, again) = refresh(old.to_owned()).await;
    assert_eq!(
        (status, again["error"].as_str()),
        (400, Some("invalid_grant")),
        "the old refresh token stopped working"
    );
}

async fn tiktok_token(sb: &Sandbox) -> String {
    let code = tiktok_code(sb, &Challenge::S256Hex.of(VERIFIER)).await;
    tiktok_exchange(sb, &code).await.1["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn tiktok_video_paging_returns_every_video_exactly_once() {
    let sb = sandbox(SandboxConfig {
        max_posts: 47,
        ..Default::default()
    })
    .await;
    let token = tiktok_token(&sb).await;
    let mut seen = Vec::new();
    let mut cursor: Option<i64> = None;
    for _ in 0..20 {
        let mut body = json!({"max_count": 20});
        if let Some(c) = cursor {
            body["cursor"] = json!(c);
        }
        let page: Value = client()
            .post(format!(
                "{}/tiktok/v2/video/list/?fields=id,create_time,view_count",
                sb.url()
            ))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(page["error"]["code"], "ok");
        seen.extend(
            page["data"]["videos"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["id"].as_str().unwrap().to_owned()),
        );
        if !page["data"]["has_more"].as_bool().unwrap() {
            break;
        }
        cursor = page["data"]["cursor"].as_i64();
    }
    assert_eq!(seen.len(), 47);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 47);
}

#[tokio::test]
async fn instagram_media_paging_is_complete_and_youtube_page_tokens_end() {
    let sb = sandbox(SandboxConfig {
        max_posts: 61,
        ..Default::default()
    })
    .await;
    // Instagram: code → short-lived → long-lived.
    let code = authorize(&format!("{}/instagram/oauth/authorize?client_id=123&redirect_uri={LOOPBACK}&response_type=code&scope=instagram_business_basic&state=s", sb.url())).await.unwrap();
    let short: Value = client()
        .post(format!("{}/instagram/oauth/access_token", sb.url()))
        .form(&[
            ("client_id", "123"),
            ("client_secret", "sec"),
            ("grant_type", "authorization_code"),
            ("redirect_uri", LOOPBACK),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let short_token = short["access_token"].as_str().unwrap();
    let media_with_short = client()
        .get(format!(
            "{}/instagram/graph/me/media?access_token={short_token}",
            sb.url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        media_with_short.status().as_u16(),
        400,
        "short-lived tokens are only for the exchange"
    );
    let long: Value = client().get(format!("{}/instagram/graph/access_token?grant_type=ig_exchange_token&client_secret=sec&access_token={short_token}", sb.url()))
        .send().await.unwrap().json().await.unwrap();
    assert_eq!(long["expires_in"], 60 * 86_400);
    let token = long["access_token"].as_str().unwrap();
    let me: Value = client()
        .get(format!(
            "{}/instagram/graph/me?fields=user_id,username,followers_count&access_token={token}",
            sb.url()
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = me["user_id"].as_str().unwrap();
    let mut next = Some(format!(
        "{}/instagram/graph/{id}/media?fields=id,timestamp&limit=25&access_token={token}",
        sb.url()
    ));
    let mut seen = Vec::new();
    while let Some(url) = next.take() {
        let page: Value = client()
            .get(&url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_owned()),
        );
        next = page["paging"]["next"]
            .as_str()
            .map(|n| format!("{}{n}&access_token={token}", sb.url()));
    }
    assert_eq!(seen.len(), 61);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 61);
}

#[tokio::test]
async fn faults_fire_as_configured() {
    let faults = vec![
        Fault {
            platform: "tiktok".into(),
            path_contains: Some("/user/info/".into()),
            after: 1,
            times: 1,
            kind: FaultKind::ServerError,
        },
        Fault {
            platform: "tiktok".into(),
            path_contains: Some("/video/list/".into()),
            after: 0,
            times: 0,
            kind: FaultKind::RateLimit {
                retry_after_secs: 42,
            },
        },
    ];
    let sb = sandbox(SandboxConfig {
        faults,
        ..Default::default()
    })
    .await;
    let token = tiktok_token(&sb).await;
    let info = |t: String| {
        let url = format!("{}/tiktok/v2/user/info/?fields=open_id", sb.url());
        async move {
            client()
                .get(url)
                .bearer_auth(t)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        info(token.clone()).await,
        200,
        "after: 1 lets the first through"
    );
    assert_eq!(info(token.clone()).await, 500);
    assert_eq!(info(token.clone()).await, 200, "times: 1 fires once");
    let limited = client()
        .post(format!("{}/tiktok/v2/video/list/?fields=id", sb.url()))
        .bearer_auth(&token)
        .json(&json!({"max_count": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status().as_u16(), 429);
    assert_eq!(limited.headers()["retry-after"], "42");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
}

#[tokio::test]
async fn the_clock_moves_metrics_and_the_youtube_quota_is_enforced() {
    let sb = sandbox(SandboxConfig {
        youtube_daily_quota: 3,
        google_access_token_secs: 30 * 86_400,
        ..Default::default()
    })
    .await;
    let tokens = common::youtube_tokens(&sb).await;
    assert!(
        tokens["refresh_token"].is_string(),
        "offline access gives a refresh token"
    );
    let token = tokens["access_token"].as_str().unwrap();
    let channel = || async {
        client()
            .get(format!(
                "{}/youtube/youtube/v3/channels?part=statistics&mine=true",
                sb.url()
            ))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    };
    let first: Value = channel().await.json().await.unwrap();
    let views_before: u64 = first["items"][0]["statistics"]["viewCount"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    client()
        .post(format!("{}/__sandbox/advance?days=3", sb.url()))
        .send()
        .await
        .unwrap();
    let second: Value = channel().await.json().await.unwrap();
    let views_after: u64 = second["items"][0]["statistics"]["viewCount"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(views_after > views_before, "{views_before} → {views_after}");
    // The quota is per day on the sandbox clock: 3 units today, the 4th call is refused.
    channel().await;
    channel().await;
    let over = channel().await;
    assert_eq!(over.status().as_u16(), 403);
    let body: Value = over.json().await.unwrap();
    assert_eq!(body["error"]["errors"][0]["reason"], "quotaExceeded");
}
