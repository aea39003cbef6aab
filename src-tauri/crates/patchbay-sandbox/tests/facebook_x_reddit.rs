//! The Facebook Pages, X and Reddit emulators against their platforms' documented rules.

#![allow(clippy::unwrap_used)]

use patchbay_sandbox::oauth::Challenge;
use patchbay_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;
use std::collections::HashSet;

mod common;

use common::{LOOPBACK, VERIFIER, authorize, client};

const AGENT: &str = "desktop:app.patchbay.tests:v1 (by /u/patchbay)";

async fn sandbox(max_posts: usize) -> Sandbox {
    Sandbox::start(
        SandboxConfig {
            max_posts,
            ..Default::default()
        },
        0,
    )
    .await
    .unwrap()
}

async fn json(resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn facebook_get(sb: &Sandbox, path: &str, token: &str) -> (u16, Value) {
    let sep = if path.contains('?') { '&' } else { '?' };
    json(
        client()
            .get(format!(
                "{}/facebook/graph{path}{sep}access_token={token}",
                sb.url()
            ))
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn facebook_user_token(sb: &Sandbox, long: bool) -> String {
    let code = authorize(&format!(
        "{}/facebook/dialog/oauth?client_id=123&redirect_uri={LOOPBACK}&state=s&scope=pages_show_list,pages_read_engagement",
        sb.url()
    ))
    .await
    .unwrap();
    let token_url = format!("{}/facebook/graph/oauth/access_token", sb.url());
    let (status, short) = json(
        client()
            .post(&token_url)
            .form(&[
                ("client_id", "123"),
                ("client_secret", "sec"),
                ("redirect_uri", LOOPBACK),
                ("code", code.as_str()),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{short}");
    let short = short["access_token"].as_str().unwrap().to_owned();
    if !long {
        return short;
    }
    let (status, long) = json(
        client()
            .get(&token_url)
            .query(&[
                ("grant_type", "fb_exchange_token"),
                ("client_id", "123"),
                ("client_secret", "sec"),
                ("fb_exchange_token", short.as_str()),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{long}");
    assert!(long["expires_in"].as_i64().unwrap() > 50 * 86_400);
    long["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn facebook_page_tokens_come_from_me_accounts_and_outlive_a_long_lived_user_token() {
    let sb = sandbox(53).await;
    let user = facebook_user_token(&sb, true).await;
    let (status, pages) = facebook_get(&sb, "/me/accounts", &user).await;
    assert_eq!(status, 200, "{pages}");
    let pages = pages["data"].as_array().unwrap().clone();
    assert_eq!(pages.len(), 2, "the sandbox user manages two Pages");
    let page_id = pages[0]["id"].as_str().unwrap();
    let page_token = pages[0]["access_token"].as_str().unwrap();

    // A user token cannot read a Page's posts; its Page token can, and /me is then the Page.
    let (status, body) = facebook_get(&sb, &format!("/{page_id}/published_posts"), &user).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(190)));
    let (_, me) = facebook_get(&sb, "/me?fields=id,name,followers_count", page_token).await;
    assert_eq!(me["id"], page_id);
    assert!(me["followers_count"].as_u64().unwrap() > 0);

    // Paging by `after` returns every post exactly once.
    let mut seen = Vec::new();
    let mut next = format!(
        "/{page_id}/published_posts?limit=20&fields=id,message,created_time,shares,reactions.summary(true),comments.summary(true)"
    );
    for _ in 0..10 {
        let (status, page) = facebook_get(&sb, &next, page_token).await;
        assert_eq!(status, 200, "{page}");
        for post in page["data"].as_array().unwrap() {
            assert!(
                post["id"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("{page_id}_"))
            );
            assert!(post["reactions"]["summary"]["total_count"].is_u64());
            seen.push(post["id"].as_str().unwrap().to_owned());
        }
        match page["paging"]["next"].as_str() {
            Some(n) => next = n.trim_start_matches("/facebook/graph").to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 53);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 53);

    // Another Page's id is refused with this Page's token.
    let other = pages[1]["id"].as_str().unwrap();
    let (status, body) = facebook_get(&sb, &format!("/{other}/published_posts"), page_token).await;
    assert_eq!(
        (status, body["error"]["error_subcode"].as_i64()),
        (400, Some(33))
    );

    // Page Insights answer at most 93 days per request.
    let (status, body) = facebook_get(
        &sb,
        &format!("/{page_id}/insights?metric=page_daily_follows_unique&period=day&since=2026-01-01&until=2026-06-01"),
        page_token,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_i64()),
        (400, Some(100)),
        "{body}"
    );
    let (status, body) = facebook_get(
        &sb,
        &format!("/{page_id}/insights?metric=page_daily_follows_unique,page_daily_unfollows_unique&period=day&since=2026-08-01&until=2026-10-01"),
        page_token,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"].as_array().unwrap().len(), 2);
    assert_eq!(body["data"][0]["values"].as_array().unwrap().len(), 61);

    // The long-lived user token dies after 60 days; the Page token from it does not.
    sb.state().advance(chrono::Duration::days(70));
    let (status, _) = facebook_get(&sb, "/me", &user).await;
    assert_eq!(status, 400);
    let (status, _) = facebook_get(&sb, "/me", page_token).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn facebook_page_tokens_from_a_short_lived_user_token_expire_with_it() {
    let sb = sandbox(5).await;
    let user = facebook_user_token(&sb, false).await;
    let (_, pages) = facebook_get(&sb, "/me/accounts", &user).await;
    let page_token = pages["data"][0]["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    sb.state().advance(chrono::Duration::hours(3));
    let (status, body) = facebook_get(&sb, "/me", &page_token).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(190)));
}

async fn x_code(sb: &Sandbox, scope: &str) -> String {
    authorize(&format!(
        "{}/x/i/oauth2/authorize?response_type=code&client_id=xc&redirect_uri={LOOPBACK}&scope={scope}&state=s&code_challenge={}&code_challenge_method=S256",
        sb.url(),
        Challenge::S256.of(VERIFIER)
    ))
    .await
    .unwrap()
}

async fn x_token(sb: &Sandbox, form: &[(&str, &str)]) -> (u16, Value) {
    json(
        client()
            .post(format!("{}/x/2/oauth2/token", sb.url()))
            .form(form)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn x_tokens(sb: &Sandbox, scope: &str) -> Value {
    let code = x_code(sb, scope).await;
    let (status, body) = x_token(
        sb,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", LOOPBACK),
            ("code_verifier", VERIFIER),
            ("client_id", "xc"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn x_requires_pkce_gives_refresh_tokens_only_offline_and_rotates_them() {
    let sb = sandbox(5).await;
    let no_pkce = format!(
        "{}/x/i/oauth2/authorize?response_type=code&client_id=xc&redirect_uri={LOOPBACK}&scope=users.read",
        sb.url()
    );
    assert_eq!(authorize(&no_pkce).await.unwrap_err().0, 400);

    // A wrong verifier is refused at exchange.
    let code = x_code(&sb, "users.read%20tweet.read").await;
    let (status, _) = x_token(
        &sb,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", LOOPBACK),
            (
                "code_verifier",
                "not-the-verifier-0123456789-0123456789-0123",
            ),
            ("client_id", "xc"),
        ],
    )
    .await;
    assert_eq!(status, 400);

    let online = x_tokens(&sb, "users.read%20tweet.read").await;
    assert!(online.get("refresh_token").is_none());
    let offline = x_tokens(&sb, "users.read%20tweet.read%20offline.access").await;
    let old = offline["refresh_token"].as_str().unwrap();
    let refresh = [
        ("grant_type", "refresh_token"),
        ("refresh_token", old),
        ("client_id", "xc"),
    ];
    let (status, new) = x_token(&sb, &refresh).await;
    assert_eq!(status, 200, "{new}");
    assert_ne!(new["refresh_token"].as_str().unwrap(), old);
    let (status, _) = x_token(&sb, &refresh).await;
    assert_eq!(status, 400, "the old refresh token stopped working");
}

async fn x_get(sb: &Sandbox, path: &str, token: &str) -> (u16, Value, reqwest::header::HeaderMap) {
    let resp = client()
        .get(format!("{}/x/2{path}", sb.url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let headers = resp.headers().clone();
    let (status, body) = json(resp).await;
    (status, body, headers)
}

/// The published X API v2 contract, where this checkout has it next to the project.
fn x_spec() -> Option<Value> {
    let path = std::env::var("PATCHBAY_CONFORMANCE_DIR").map_or_else(
        |_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/conformance"),
        std::path::PathBuf::from,
    );
    let file = path.join("specs/x_api_v2_openapi.json");
    let Ok(text) = std::fs::read_to_string(&file) else {
        eprintln!(
            "note: {} is not here, so the X answers are not checked against X's contract in this run (set PATCHBAY_CONFORMANCE_DIR)",
            file.display()
        );
        return None;
    };
    serde_json::from_str(&text).ok()
}

fn x_contract(spec: &Value, schema: &str, body: &Value) {
    let root = serde_json::json!({"$ref": format!("#/components/schemas/{schema}"), "components": spec["components"]});
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&root)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema}: {errors:#?}");
}

#[tokio::test]
async fn x_timeline_pages_every_post_once_with_rate_limit_headers_and_the_contract() {
    let sb = sandbox(37).await;
    let token = x_tokens(&sb, "users.read%20tweet.read").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, me, headers) =
        x_get(&sb, "/users/me?user.fields=public_metrics,verified", &token).await;
    assert_eq!(status, 200, "{me}");
    assert!(
        me["data"]["public_metrics"]["followers_count"]
            .as_u64()
            .unwrap()
            > 0
    );
    let limit: u32 = headers["x-rate-limit-limit"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let remaining: u32 = headers["x-rate-limit-remaining"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(remaining < limit);
    let id = me["data"]["id"].as_str().unwrap();

    let (status, bad, _) = x_get(&sb, &format!("/users/{id}/tweets?max_results=200"), &token).await;
    assert_eq!(status, 400);
    assert!(
        bad["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("max_results")
    );

    let spec = x_spec();
    if let Some(spec) = &spec {
        x_contract(spec, "GetUsersMeResponse", &me);
    }
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    for _ in 0..10 {
        let token_param = next
            .as_ref()
            .map(|n| format!("&pagination_token={n}"))
            .unwrap_or_default();
        let (status, page, _) = x_get(
            &sb,
            &format!("/users/{id}/tweets?max_results=10&tweet.fields=created_at,public_metrics{token_param}"),
            &token,
        )
        .await;
        assert_eq!(status, 200, "{page}");
        if let Some(spec) = &spec {
            x_contract(spec, "GetUsersPostsResponse", &page);
        }
        for t in page["data"].as_array().into_iter().flatten() {
            assert!(t["public_metrics"]["impression_count"].is_u64());
            seen.push(t["id"].as_str().unwrap().to_owned());
        }
        next = page["meta"]["next_token"].as_str().map(str::to_owned);
        if next.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 37);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 37);
}

async fn reddit_token(sb: &Sandbox, duration: &str, basic: bool) -> (u16, Value) {
    let code = authorize(&format!(
        "{}/reddit/api/v1/authorize?client_id=rc&response_type=code&state=s&redirect_uri={LOOPBACK}&duration={duration}&scope=identity%20history",
        sb.url()
    ))
    .await
    .unwrap();
    let mut req = client()
        .post(format!("{}/reddit/api/v1/access_token", sb.url()))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", LOOPBACK),
        ]);
    if basic {
        req = req.basic_auth("rc", Some(""));
    }
    json(req.send().await.unwrap()).await
}

async fn reddit_get(
    sb: &Sandbox,
    path: &str,
    token: &str,
    agent: &str,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let resp = client()
        .get(format!("{}/reddit/oauth{path}", sb.url()))
        .bearer_auth(token)
        .header("User-Agent", agent)
        .send()
        .await
        .unwrap();
    let headers = resp.headers().clone();
    let (status, body) = json(resp).await;
    (status, body, headers)
}

#[tokio::test]
async fn reddit_wants_basic_auth_a_unique_agent_and_permanent_duration_for_refresh() {
    let sb = sandbox(5).await;
    let (status, _) = reddit_token(&sb, "permanent", false).await;
    assert_eq!(status, 401, "the token endpoint takes HTTP basic auth");
    let (status, temporary) = reddit_token(&sb, "temporary", true).await;
    assert_eq!(status, 200);
    assert!(temporary.get("refresh_token").is_none());
    let (_, permanent) = reddit_token(&sb, "permanent", true).await;
    let refresh = permanent["refresh_token"].as_str().unwrap();
    for _ in 0..2 {
        // Reddit does not rotate: the same refresh token keeps working.
        let (status, body) = json(
            client()
                .post(format!("{}/reddit/api/v1/access_token", sb.url()))
                .basic_auth("rc", Some(""))
                .form(&[("grant_type", "refresh_token"), ("refresh_token", refresh)])
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let token = permanent["access_token"].as_str().unwrap();
    let (status, _, _) = reddit_get(&sb, "/api/v1/me", token, "").await;
    assert_eq!(
        status, 429,
        "a request without its own User-Agent is throttled"
    );
    let (status, me, headers) = reddit_get(&sb, "/api/v1/me", token, AGENT).await;
    assert_eq!(status, 200);
    assert!(me["subreddit"]["subscribers"].as_u64().unwrap() > 0);
    assert!(
        headers.contains_key("x-ratelimit-remaining") && headers.contains_key("x-ratelimit-reset")
    );
}

#[tokio::test]
async fn reddit_submissions_page_by_after_and_return_every_post_once() {
    let sb = sandbox(43).await;
    let (_, tokens) = reddit_token(&sb, "permanent", true).await;
    let token = tokens["access_token"].as_str().unwrap();
    let (_, me, _) = reddit_get(&sb, "/api/v1/me", token, AGENT).await;
    let name = me["name"].as_str().unwrap();
    let mut seen = Vec::new();
    let mut after = String::new();
    for _ in 0..10 {
        let (status, page, _) = reddit_get(
            &sb,
            &format!("/user/{name}/submitted?limit=10&after={after}"),
            token,
            AGENT,
        )
        .await;
        assert_eq!((status, page["kind"].as_str()), (200, Some("Listing")));
        for child in page["data"]["children"].as_array().unwrap() {
            assert_eq!(child["kind"], "t3");
            seen.push(child["data"]["name"].as_str().unwrap().to_owned());
        }
        match page["data"]["after"].as_str() {
            Some(a) => after = a.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 43);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 43);
}
