//! Instagram API with Instagram Login: authorize, code exchange (short-lived token), long-lived
//! exchange and refresh, `/me`, media with cursor paging, media and account insights, Graph
//! error bodies and the X-Business-Use-Case-Usage header.

use super::common::{acceptable_redirect, pick_account, redirect, split_scopes, with_query};
use super::graph::{self, error, pick, token_of};
use crate::faults::FaultKind;
use crate::oauth::{Challenge, ExchangeError, Grant};
use crate::state::{Refusal, State};
use axum::Router;
use axum::extract::{Form, Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use chrono::Duration;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "instagram";
const MEDIA_METRICS: [&str; 7] = [
    "views",
    "reach",
    "likes",
    "comments",
    "saved",
    "shares",
    "total_interactions",
];
const ACCOUNT_METRICS: [&str; 6] = [
    "reach",
    "views",
    "accounts_engaged",
    "total_interactions",
    "follows_and_unfollows",
    "follower_count",
];

type Params = Query<HashMap<String, String>>;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/oauth/authorize", get(authorize))
        .route("/oauth/access_token", post(exchange))
        .route("/graph/access_token", get(long_lived))
        .route("/graph/refresh_access_token", get(refresh))
        .route("/graph/me", get(me))
        .route("/graph/{id}/media", get(media))
        .route("/graph/{id}/insights", get(insights))
}

fn refused(r: Refusal) -> Response {
    graph::refused(r, "Instagram account", &MEDIA_METRICS)
}

async fn authorize(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    let bad = |m: &str| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error_type": "OAuthException", "code": 400, "error_message": m})),
        )
            .into_response()
    };
    let (Some(client_id), Some(redirect_uri)) = (q.get("client_id"), q.get("redirect_uri")) else {
        return bad("Invalid request: client_id and redirect_uri are required");
    };
    if q.get("response_type").map(String::as_str) != Some("code") {
        return bad("Invalid response_type: it must be code");
    }
    if !acceptable_redirect(redirect_uri) {
        return bad("Invalid redirect_uri: Instagram accepts only registered HTTPS redirects");
    }
    let account = pick_account(q.get("login_hint").map(String::as_str), state.accounts(P));
    let scopes = split_scopes(q.get("scope").map_or("", String::as_str), ',');
    let code = state.oauth().issue_code(Grant {
        platform: P,
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        challenge: None,
        account,
        scopes,
        offline: false,
        ..Grant::blank()
    });
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = q.get("state") {
        params.push(("state", s));
    }
    // Instagram appends `#_` to the redirect.
    redirect(&format!("{}#_", with_query(redirect_uri, &params)))
}

async fn exchange(
    Shared(state): Shared<Arc<State>>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let bad = |m: &str| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error_type": "OAuthException", "code": 400, "error_message": m})),
        )
            .into_response()
    };
    if f.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return bad("Unsupported grant_type");
    }
    if f.get("client_secret").is_none_or(String::is_empty) {
        return bad("Missing client_secret");
    }
    let (client_id, redirect_uri, code) = (
        f.get("client_id").cloned().unwrap_or_default(),
        f.get("redirect_uri").cloned().unwrap_or_default(),
        f.get("code").cloned().unwrap_or_default(),
    );
    let mut oauth = state.oauth();
    match oauth.redeem(&code, &client_id, &redirect_uri, None, Challenge::S256) {
        Ok(grant) => {
            let (token, _) = oauth.issue_access(
                P,
                grant.account,
                grant.scopes.clone(),
                state.now(),
                state.config.instagram_short_token_secs,
                true,
            );
            let user_id = state
                .account(P, grant.account)
                .map(|a| a.id.clone())
                .unwrap_or_default();
            Json(json!({"access_token": token, "user_id": user_id, "permissions": grant.scopes.join(",")})).into_response()
        }
        Err(ExchangeError::InvalidClient) => bad("Invalid client_id"),
        Err(ExchangeError::InvalidGrant(why)) => bad(&format!(
            "This authorization code has been used or is invalid: {why}"
        )),
    }
}

async fn long_lived(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    if q.get("grant_type").map(String::as_str) != Some("ig_exchange_token")
        || q.get("client_secret").is_none_or(String::is_empty)
    {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            "grant_type must be ig_exchange_token and client_secret is required",
        );
    }
    let now = state.now();
    let mut oauth = state.oauth();
    let short = match oauth.check(P, &token_of(&headers, &q), now) {
        Ok(t) if t.short_lived => t,
        Ok(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                100,
                None,
                "The access token is already long-lived",
            );
        }
        Err(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                190,
                None,
                "Invalid OAuth access token - Cannot parse access token",
            );
        }
    };
    let (token, expires) = oauth.issue_access(
        P,
        short.account,
        short.scopes,
        now,
        state.config.instagram_long_token_secs,
        false,
    );
    Json(json!({"access_token": token, "token_type": "bearer", "expires_in": expires}))
        .into_response()
}

async fn refresh(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    if q.get("grant_type").map(String::as_str) != Some("ig_refresh_token") {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            "grant_type must be ig_refresh_token",
        );
    }
    if let Err(r) = state.admit(P, "/refresh_access_token", "refresh", 0) {
        if let Refusal::Fault(FaultKind::InvalidGrant) = r {
            return error(
                StatusCode::BAD_REQUEST,
                190,
                Some(460),
                "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
            );
        }
        return refused(r);
    }
    let now = state.now();
    let mut oauth = state.oauth();
    let current = match oauth.check(P, &token_of(&headers, &q), now) {
        Ok(t) if !t.short_lived => t,
        Ok(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                100,
                None,
                "Short-lived tokens cannot be refreshed",
            );
        }
        Err(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                190,
                Some(463),
                "Error validating access token: Session has expired.",
            );
        }
    };
    if now - current.issued_at < Duration::hours(24) {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            "The access token must be at least 24 hours old to be refreshed",
        );
    }
    let (token, expires) = oauth.issue_access(
        P,
        current.account,
        current.scopes,
        now,
        state.config.instagram_long_token_secs,
        false,
    );
    Json(json!({"access_token": token, "token_type": "bearer", "expires_in": expires}))
        .into_response()
}

/// Checks the token and the limits; the account index it belongs to.
fn admit(
    state: &State,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
    path: &str,
    allow_short: bool,
) -> Result<usize, Response> {
    let token = token_of(headers, q);
    state.admit(P, path, &token, 0).map_err(refused)?;
    match state.oauth().check(P, &token, state.now()) {
        Ok(t) if allow_short || !t.short_lived => Ok(t.account),
        Ok(_) => Err(error(
            StatusCode::BAD_REQUEST,
            190,
            None,
            "Short-lived tokens cannot call this endpoint; exchange it for a long-lived token",
        )),
        Err(why) => Err(graph::token_refused(why)),
    }
}

fn usage_header(resp: Response, account_id: &str, percent: u32) -> Response {
    graph::business_usage(resp, account_id, "instagram", percent)
}

async fn me(Shared(state): Shared<Arc<State>>, headers: HeaderMap, Query(q): Params) -> Response {
    let index = match admit(&state, &headers, &q, "/me", true) {
        Ok(i) => i,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, index) else {
        return error(StatusCode::BAD_REQUEST, 100, None, "Unknown user");
    };
    let now = state.now();
    let all = json!({
        "id": a.id, "user_id": a.id, "username": a.username, "name": a.display_name,
        "account_type": "Business", "profile_picture_url": format!("https://sandbox.invalid/{}.jpg", a.username),
        "followers_count": a.followers_at(now), "follows_count": a.following, "media_count": a.media_count(now),
    });
    usage_header(
        Json(pick(q.get("fields"), all)).into_response(),
        &a.id,
        state.reported_usage(P).unwrap_or(1),
    )
}

async fn media(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Params,
) -> Response {
    let index = match admit(&state, &headers, &q, "/media", false) {
        Ok(i) => i,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, index).filter(|a| a.id == id || id == "me") else {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            Some(33),
            "Unsupported get request. Object does not exist or cannot be loaded due to missing permissions",
        );
    };
    let now = state.now();
    let posts: Vec<_> = a.visible(now).collect();
    let (range, paging) =
        match graph::page(&q, posts.len(), &format!("/instagram/graph/{id}/media")) {
            Ok(p) => p,
            Err(resp) => return resp,
        };
    let page: Vec<Value> = posts[range]
        .iter()
        .map(|p| {
            let m = p.metrics_at(now);
            pick(
                q.get("fields"),
                json!({
                    "id": p.id, "caption": p.caption, "media_type": p.media_type,
                    "media_product_type": if p.media_type == "VIDEO" { "REELS" } else { "FEED" },
                    "permalink": format!("https://www.instagram.com/p/{}/", p.id),
                    "thumbnail_url": state.media_url(&format!("ig-{}", p.id)),
                    "media_url": format!("https://sandbox.invalid/media/{}.jpg", p.id),
                    "timestamp": p.posted_at.format("%Y-%m-%dT%H:%M:%S%z").to_string(),
                    "like_count": m.likes, "comments_count": m.comments,
                }),
            )
        })
        .collect();
    usage_header(
        Json(json!({"data": page, "paging": paging})).into_response(),
        &a.id,
        state.reported_usage(P).unwrap_or(1),
    )
}

async fn insights(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Params,
) -> Response {
    let index = match admit(&state, &headers, &q, "/insights", false) {
        Ok(i) => i,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, index) else {
        return error(StatusCode::BAD_REQUEST, 100, None, "Unknown user");
    };
    let metrics = split_scopes(q.get("metric").map_or("", String::as_str), ',');
    if metrics.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            "(#100) The parameter metric is required",
        );
    }
    let now = state.now();
    if a.id == id {
        for m in &metrics {
            if !ACCOUNT_METRICS.contains(&m.as_str()) {
                return error(
                    StatusCode::BAD_REQUEST,
                    100,
                    None,
                    &format!(
                        "(#100) metric[0] must be one of the following values: {}",
                        ACCOUNT_METRICS.join(", ")
                    ),
                );
            }
        }
        let followers = a.followers_at(now);
        let data: Vec<Value> = metrics.iter().filter(|m| !(m.as_str() == "follower_count" && followers < 100)).map(|m| {
            let days = 7;
            let values: Vec<Value> = (0..days).rev().map(|d| {
                let day = now - Duration::days(d);
                let posts: u64 = a.visible(day).take_while(|p| day - p.posted_at < Duration::days(1)).map(|p| p.metrics_at(day).reach).sum();
                let value = match m.as_str() {
                    "follower_count" => a.followers_at(day) - a.followers_at(day - Duration::days(1)),
                    "accounts_engaged" | "total_interactions" => posts / 12,
                    _ => posts + followers / 50,
                };
                json!({"value": value, "end_time": day.format("%Y-%m-%dT07:00:00+0000").to_string()})
            }).collect();
            json!({"name": m, "period": "day", "values": values, "title": m, "description": format!("Daily {m}"), "id": format!("{}/insights/{m}/day", a.id)})
        }).collect();
        return usage_header(
            Json(json!({"data": data})).into_response(),
            &a.id,
            state.reported_usage(P).unwrap_or(1),
        );
    }
    let Some(post) = a.visible(now).find(|p| p.id == id) else {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            Some(33),
            "Unsupported get request. Object does not exist",
        );
    };
    // One unsupported metric fails the whole request, as on Instagram.
    let deprecated = state.deprecated_metrics(P);
    for m in &metrics {
        if deprecated.contains(m) {
            return refused(Refusal::Fault(FaultKind::DeprecatedMetric {
                metric: m.clone(),
            }));
        }
        if !MEDIA_METRICS.contains(&m.as_str()) {
            return error(
                StatusCode::BAD_REQUEST,
                100,
                None,
                &format!(
                    "(#100) metric[0] must be one of the following values: {}",
                    MEDIA_METRICS.join(", ")
                ),
            );
        }
    }
    let v = post.metrics_at(now);
    let data: Vec<Value> = metrics.iter().map(|m| {
        let value = match m.as_str() {
            "views" => v.views, "reach" => v.reach, "likes" => v.likes, "comments" => v.comments,
            "saved" => v.saves, "shares" => v.shares, _ => v.likes + v.comments + v.saves + v.shares,
        };
        json!({"name": m, "period": "lifetime", "values": [{"value": value}], "title": m, "description": format!("Lifetime {m}"), "id": format!("{}/insights/{m}/lifetime", post.id)})
    }).collect();
    usage_header(
        Json(json!({"data": data})).into_response(),
        &a.id,
        state.reported_usage(P).unwrap_or(1),
    )
}
