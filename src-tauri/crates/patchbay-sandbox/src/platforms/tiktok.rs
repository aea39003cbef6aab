//! TikTok API v2: authorize with `client_key` and a hex PKCE challenge, form-encoded token
//! requests with rotating refresh tokens, revoke, `/v2/user/info/`, `/v2/video/list/` with a
//! millisecond cursor and `has_more`, and `/v2/video/query/`.

use super::common::{
    acceptable_redirect, bearer, pick_account, redirect, split_scopes, with_query,
};
use crate::faults::FaultKind;
use crate::oauth::{Challenge, ExchangeError, Grant};
use crate::state::{Refusal, State};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "tiktok";
const REFRESH_LIFETIME: i64 = 31_536_000;

type Params = Query<HashMap<String, String>>;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/v2/auth/authorize/", get(authorize))
        .route("/v2/oauth/token/", post(token))
        .route("/v2/oauth/revoke/", post(revoke))
        .route("/v2/user/info/", get(user_info))
        .route("/v2/video/list/", post(video_list))
        .route("/v2/video/query/", post(video_query))
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description, "log_id": "sandbox"})),
    )
        .into_response()
}

fn api_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"data": {}, "error": {"code": code, "message": message, "log_id": "sandbox"}})),
    )
        .into_response()
}

fn refused(r: Refusal) -> Response {
    let (status, code, message, retry) = match r {
        Refusal::RateLimited { retry_after }
        | Refusal::Fault(FaultKind::RateLimit {
            retry_after_secs: retry_after,
        }) => (
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            "The API rate limit was exceeded.",
            Some(retry_after),
        ),
        Refusal::QuotaExceeded | Refusal::Fault(FaultKind::Quota | FaultKind::UsageExhausted) => (
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            "The daily quota was exceeded.",
            None,
        ),
        Refusal::Fault(FaultKind::ExpiredToken | FaultKind::InvalidGrant) => (
            StatusCode::UNAUTHORIZED,
            "access_token_invalid",
            "The access token is invalid or not found in the request.",
            None,
        ),
        Refusal::Fault(FaultKind::MalformedJson) => {
            return (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                "{\"data\":{\"videos\":[{",
            )
                .into_response();
        }
        Refusal::Fault(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong. Please try again later.",
            None,
        ),
    };
    let mut resp = api_error(status, code, message);
    if let Some(secs) = retry {
        resp.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    resp
}

async fn authorize(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    let Some(client_key) = q.get("client_key") else {
        let hint = if q.contains_key("client_id") {
            " (TikTok names it client_key, not client_id)"
        } else {
            ""
        };
        return oauth_error("invalid_request", &format!("client_key is required{hint}"));
    };
    let Some(redirect_uri) = q.get("redirect_uri").filter(|r| acceptable_redirect(r)) else {
        return oauth_error(
            "invalid_request",
            "redirect_uri must be registered: http://127.0.0.1:<port>/… for desktop apps",
        );
    };
    if q.get("response_type").map(String::as_str) != Some("code") {
        return oauth_error("invalid_request", "response_type must be code");
    }
    let (Some(challenge), Some("S256")) = (
        q.get("code_challenge"),
        q.get("code_challenge_method").map(String::as_str),
    ) else {
        return oauth_error(
            "invalid_request",
            "Desktop apps must send code_challenge with code_challenge_method=S256",
        );
    };
    let account = pick_account(q.get("login_hint").map(String::as_str), state.accounts(P));
    let scopes = split_scopes(q.get("scope").map_or("", String::as_str), ',');
    let grant = Grant {
        platform: P,
        client_id: client_key.clone(),
        redirect_uri: redirect_uri.clone(),
        challenge: Some(challenge.clone()),
        account,
        scopes: scopes.clone(),
        offline: true,
        ..Grant::blank()
    };
    let code = state.oauth().issue_code(grant);
    let scope = scopes.join(",");
    let mut params = vec![("code", code.as_str()), ("scopes", scope.as_str())];
    if let Some(s) = q.get("state") {
        params.push(("state", s));
    }
    redirect(&with_query(redirect_uri, &params))
}

/// Form-encoded bodies only, as TikTok requires.
fn form(headers: &HeaderMap, body: &Bytes) -> Result<HashMap<String, String>, Response> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.starts_with("application/x-www-form-urlencoded") {
        return Err(oauth_error(
            "invalid_request",
            "Content-Type must be application/x-www-form-urlencoded",
        ));
    }
    Ok(url::form_urlencoded::parse(body).into_owned().collect())
}

fn tokens(state: &State, account: usize, scopes: Vec<String>, client_key: &str) -> Value {
    let mut oauth = state.oauth();
    let (access, expires) = oauth.issue_access(
        P,
        account,
        scopes.clone(),
        state.now(),
        state.config.tiktok_access_token_secs,
        false,
    );
    let refresh = oauth.issue_refresh(P, account, scopes.clone(), client_key);
    let open_id = state
        .account(P, account)
        .map(|a| a.id.clone())
        .unwrap_or_default();
    json!({"access_token": access, "expires_in": expires, "open_id": open_id, "refresh_expires_in": REFRESH_LIFETIME,
           "refresh_token": refresh, "scope": scopes.join(","), "token_type": "Bearer"})
}

async fn token(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    let f = match form(&headers, &body) {
        Ok(f) => f,
        Err(resp) => return resp,
    };
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    if f.contains_key("client_id") && !f.contains_key("client_key") {
        return oauth_error(
            "invalid_client",
            "client_key is required (TikTok does not accept client_id)",
        );
    }
    if get("client_key").is_empty() || get("client_secret").is_empty() {
        return oauth_error(
            "invalid_client",
            "client_key and client_secret are required",
        );
    }
    match get("grant_type").as_str() {
        "authorization_code" => {
            let verifier = f.get("code_verifier").map(String::as_str);
            let redeemed = state.oauth().redeem(
                &get("code"),
                &get("client_key"),
                &get("redirect_uri"),
                verifier,
                Challenge::S256Hex,
            );
            match redeemed {
                Ok(grant) => Json(tokens(
                    &state,
                    grant.account,
                    grant.scopes,
                    &get("client_key"),
                ))
                .into_response(),
                Err(ExchangeError::InvalidClient) => oauth_error(
                    "invalid_client",
                    "The client_key does not match the authorization request",
                ),
                Err(ExchangeError::InvalidGrant(why)) => oauth_error("invalid_grant", why),
            }
        }
        "refresh_token" => {
            if let Err(Refusal::Fault(FaultKind::InvalidGrant)) =
                state.admit(P, "/oauth/token/refresh", "refresh", 0)
            {
                return oauth_error("invalid_grant", "Refresh token is invalid or expired.");
            }
            let old = get("refresh_token");
            // Rotation: the old refresh token stops working.
            let known = state
                .oauth()
                .take_refresh(P, &old, &get("client_key"), true);
            match known {
                Some((account, scopes)) => {
                    Json(tokens(&state, account, scopes, &get("client_key"))).into_response()
                }
                None => oauth_error("invalid_grant", "Refresh token is invalid or expired."),
            }
        }
        other => oauth_error(
            "unsupported_grant_type",
            &format!("grant_type {other} is not supported"),
        ),
    }
}

async fn revoke(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    match form(&headers, &body) {
        Ok(f) => {
            state
                .oauth()
                .revoke(f.get("token").map_or("", String::as_str));
            Json(json!({})).into_response()
        }
        Err(resp) => resp,
    }
}

fn admit(state: &State, headers: &HeaderMap, path: &str, scope: &str) -> Result<usize, Response> {
    let token = bearer(headers).unwrap_or_default();
    state.admit(P, path, &token, 0).map_err(refused)?;
    let token = state
        .oauth()
        .check(P, &token, state.now())
        .map(|t| (t.account, t.scopes.clone()));
    match token {
        Ok((account, scopes)) if scopes.iter().any(|s| s == scope) => Ok(account),
        Ok(_) => Err(api_error(
            StatusCode::UNAUTHORIZED,
            "scope_not_authorized",
            &format!(
                "The user did not authorize the scope required for completing this request: {scope}"
            ),
        )),
        Err(_) => Err(api_error(
            StatusCode::UNAUTHORIZED,
            "access_token_invalid",
            "The access token is invalid or not found in the request.",
        )),
    }
}

fn ok(data: Value) -> Response {
    Json(json!({"data": data, "error": {"code": "ok", "message": "", "log_id": "sandbox"}}))
        .into_response()
}

fn fields_of(q: &HashMap<String, String>) -> Result<Vec<String>, Response> {
    let fields = split_scopes(q.get("fields").map_or("", String::as_str), ',');
    if fields.is_empty() {
        return Err(api_error(
            StatusCode::BAD_REQUEST,
            "invalid_params",
            "fields is required",
        ));
    }
    Ok(fields)
}

fn select(fields: &[String], all: &Value) -> Value {
    Value::Object(
        fields
            .iter()
            .filter_map(|f| all.get(f).map(|v| (f.clone(), v.clone())))
            .collect(),
    )
}

async fn user_info(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    let account = match admit(&state, &headers, "/user/info/", "user.info.basic") {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let fields = match fields_of(&q) {
        Ok(f) => f,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, account) else {
        return api_error(StatusCode::NOT_FOUND, "invalid_params", "unknown user");
    };
    let now = state.now();
    let likes: u64 = a.visible(now).map(|p| p.metrics_at(now).likes).sum();
    let all = json!({
        "open_id": a.id, "union_id": format!("u{}", a.id), "avatar_url": format!("https://sandbox.invalid/{}.jpg", a.username),
        "display_name": a.display_name, "bio_description": "Sandbox creator", "profile_deep_link": format!("https://www.tiktok.com/@{}", a.username),
        "is_verified": a.followers_at(now) > 1_000_000, "username": a.username, "follower_count": a.followers_at(now),
        "following_count": a.following, "likes_count": likes, "video_count": a.media_count(now),
    });
    ok(json!({"user": select(&fields, &all)}))
}

fn video_json(
    state: &State,
    p: &crate::data::Post,
    now: chrono::DateTime<chrono::Utc>,
    fields: &[String],
) -> Value {
    let m = p.metrics_at(now);
    let all = json!({
        "id": p.id, "title": p.caption, "video_description": p.caption, "create_time": p.posted_at.timestamp(),
        "cover_image_url": format!("{}?x-expires={}", state.media_url(&format!("tt-{}", p.id)), now.timestamp() + 6 * 3600),
        "share_url": format!("https://www.tiktok.com/@sandbox/video/{}", p.id), "duration": p.duration_secs,
        "view_count": m.views, "like_count": m.likes, "comment_count": m.comments, "share_count": m.shares,
    });
    select(fields, &all)
}

/// What both video endpoints check first: the token and its scope, the `fields`, the account,
/// and the JSON body.
fn video_request<'s>(
    state: &'s State,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
    body: &Bytes,
    path: &str,
) -> Result<(&'s crate::data::Account, Vec<String>, Value), Response> {
    let account = admit(state, headers, path, "video.list")?;
    let fields = fields_of(q)?;
    let a = state
        .account(P, account)
        .ok_or_else(|| api_error(StatusCode::NOT_FOUND, "invalid_params", "unknown user"))?;
    Ok((a, fields, serde_json::from_slice(body).unwrap_or(json!({}))))
}

async fn video_list(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
    body: Bytes,
) -> Response {
    let (a, fields, req) = match video_request(&state, &headers, &q, &body, "/video/list/") {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let max = req["max_count"].as_u64().unwrap_or(10);
    if !(1..=20).contains(&max) {
        return api_error(
            StatusCode::BAD_REQUEST,
            "invalid_params",
            "max_count must be between 1 and 20",
        );
    }
    let now = state.now();
    // The cursor is a UTC Unix time in milliseconds: return videos created before it.
    let before = req["cursor"].as_i64().filter(|c| *c > 0);
    let older: Vec<_> = a
        .visible(now)
        .filter(|p| before.is_none_or(|c| p.posted_at.timestamp_millis() < c))
        .collect();
    let page: Vec<_> = older.iter().take(max as usize).collect();
    let cursor = page.last().map_or(0, |p| p.posted_at.timestamp_millis());
    let videos: Vec<Value> = page
        .iter()
        .map(|p| video_json(&state, p, now, &fields))
        .collect();
    ok(json!({"videos": videos, "cursor": cursor, "has_more": older.len() > page.len()}))
}

async fn video_query(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
    body: Bytes,
) -> Response {
    let (a, fields, req) = match video_request(&state, &headers, &q, &body, "/video/query/") {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let ids: Vec<&str> = req["filters"]["video_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if ids.is_empty() || ids.len() > 20 {
        return api_error(
            StatusCode::BAD_REQUEST,
            "invalid_params",
            "filters.video_ids must list 1 to 20 ids",
        );
    }
    let now = state.now();
    let videos: Vec<Value> = a
        .visible(now)
        .filter(|p| ids.contains(&p.id.as_str()))
        .map(|p| video_json(&state, p, now, &fields))
        .collect();
    ok(json!({"videos": videos, "cursor": 0, "has_more": false}))
}
