//! Reddit: the authorize page (`duration=permanent` for a refresh token), a token endpoint
//! behind HTTP basic auth, revoke, and on the OAuth host `/api/v1/me` and the user's
//! submissions as a Listing paged by `after`. Every request needs a unique User-Agent, and
//! answers carry `X-Ratelimit-Used/Remaining/Reset`.

use super::common::{
    acceptable_redirect, bearer, pick_account, redirect, split_scopes, with_query,
};
use crate::faults::FaultKind;
use crate::oauth::{Challenge, ExchangeError, Grant};
use crate::state::{Refusal, State};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "reddit";

type Params = Query<HashMap<String, String>>;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/api/v1/authorize", get(authorize))
        .route("/api/v1/access_token", post(token))
        .route("/api/v1/revoke_token", post(revoke))
        .route("/oauth/api/v1/me", get(me))
        .route("/oauth/user/{name}/submitted", get(submitted))
}

fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({"message": message, "error": status.as_u16()})),
    )
        .into_response()
}

/// Reddit's base-36 ids.
fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn short_id(id: &str) -> String {
    base36(id.parse::<u64>().unwrap_or(0) % 36u64.pow(7))
}

async fn authorize(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    let bad = |m: &str| (StatusCode::BAD_REQUEST, format!("bad request: {m}")).into_response();
    let (Some(client_id), Some(redirect_uri)) = (q.get("client_id"), q.get("redirect_uri")) else {
        return bad("client_id and redirect_uri are required");
    };
    if !acceptable_redirect(redirect_uri) {
        return bad("invalid redirect_uri parameter");
    }
    if q.get("response_type").map(String::as_str) != Some("code") {
        return bad("invalid response_type parameter");
    }
    let duration = q.get("duration").map_or("temporary", String::as_str);
    if !matches!(duration, "temporary" | "permanent") {
        return bad("invalid duration parameter");
    }
    let scope = q.get("scope").map_or("", String::as_str);
    let scopes = split_scopes(&scope.replace(',', " "), ' ');
    let account = pick_account(q.get("login_hint").map(String::as_str), state.accounts(P));
    let code = state.oauth().issue_code(Grant {
        platform: P,
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        account,
        scopes,
        offline: duration == "permanent",
        ..Grant::blank()
    });
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = q.get("state") {
        params.push(("state", s));
    }
    redirect(&with_query(redirect_uri, &params))
}

/// The client id from HTTP basic auth; installed apps send an empty password.
fn basic_client(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Basic ")
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok())?
        .split_once(':')
        .map(|(id, _)| id.to_owned())
}

fn issue(state: &State, account: usize, scopes: Vec<String>, refresh: Option<String>) -> Value {
    let (access, expires) = state.oauth().issue_access(
        P,
        account,
        scopes.clone(),
        state.now(),
        state.config.reddit_access_token_secs,
        false,
    );
    let mut body = json!({"access_token": access, "token_type": "bearer", "expires_in": expires, "scope": scopes.join(" ")});
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    body
}

async fn token(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(client) = basic_client(&headers) else {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized");
    };
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let invalid = |e: &str| (StatusCode::BAD_REQUEST, Json(json!({"error": e}))).into_response();
    match get("grant_type").as_str() {
        "authorization_code" => {
            let redeemed = state.oauth().redeem(
                &get("code"),
                &client,
                &get("redirect_uri"),
                None,
                Challenge::S256,
            );
            match redeemed {
                Ok(g) => {
                    let refresh = g.offline.then(|| {
                        state
                            .oauth()
                            .issue_refresh(P, g.account, g.scopes.clone(), &client)
                    });
                    Json(issue(&state, g.account, g.scopes, refresh)).into_response()
                }
                Err(ExchangeError::InvalidClient) => {
                    error(StatusCode::UNAUTHORIZED, "Unauthorized")
                }
                Err(ExchangeError::InvalidGrant(_)) => invalid("invalid_grant"),
            }
        }
        "refresh_token" => {
            if let Err(Refusal::Fault(FaultKind::InvalidGrant)) =
                state.admit(P, "/access_token/refresh", "refresh", 0)
            {
                return invalid("invalid_grant");
            }
            // Reddit keeps the refresh token: it is not in the answer and stays valid.
            let taken = state
                .oauth()
                .take_refresh(P, &get("refresh_token"), &client, false);
            match taken {
                Some((account, scopes)) => {
                    Json(issue(&state, account, scopes, None)).into_response()
                }
                None => invalid("invalid_grant"),
            }
        }
        _ => invalid("unsupported_grant_type"),
    }
}

async fn revoke(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    if basic_client(&headers).is_none() {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    state
        .oauth()
        .revoke(form.get("token").map_or("", String::as_str));
    StatusCode::NO_CONTENT.into_response()
}

/// The `X-Ratelimit-*` headers: used, remaining (floats, as Reddit sends them), and seconds
/// until the window resets.
fn limit_headers(state: &State, mut resp: Response, token: &str) -> Response {
    if let Some((limit, used, reset_in)) = state.window(P, token) {
        for (name, value) in [
            ("x-ratelimit-used", used.to_string()),
            (
                "x-ratelimit-remaining",
                format!("{:.1}", f64::from(limit - used)),
            ),
            ("x-ratelimit-reset", reset_in.to_string()),
        ] {
            if let Ok(v) = value.parse() {
                resp.headers_mut().insert(name, v);
            }
        }
    }
    resp
}

/// Reddit throttles generic clients hard: a request needs its own `platform:app:version` agent.
fn generic_agent(headers: &HeaderMap) -> bool {
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    agent.is_empty() || !agent.contains(':') || agent.to_ascii_lowercase().starts_with("python")
}

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::RateLimited { retry_after }
        | Refusal::Fault(FaultKind::RateLimit {
            retry_after_secs: retry_after,
        }) => {
            let mut resp = error(StatusCode::TOO_MANY_REQUESTS, "Too Many Requests");
            resp.headers_mut().insert(
                "x-ratelimit-remaining",
                "0.0"
                    .parse()
                    .unwrap_or(header::HeaderValue::from_static("0")),
            );
            resp.headers_mut()
                .insert("x-ratelimit-reset", retry_after.into());
            resp
        }
        Refusal::QuotaExceeded | Refusal::Fault(FaultKind::Quota | FaultKind::UsageExhausted) => {
            error(StatusCode::TOO_MANY_REQUESTS, "Too Many Requests")
        }
        Refusal::Fault(FaultKind::ExpiredToken | FaultKind::InvalidGrant) => {
            error(StatusCode::UNAUTHORIZED, "Unauthorized")
        }
        Refusal::Fault(FaultKind::MalformedJson) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json; charset=UTF-8")],
            "{\"kind\": \"Listing\", \"data\": {\"children\": [",
        )
            .into_response(),
        Refusal::Fault(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
    }
}

fn admit(
    state: &State,
    headers: &HeaderMap,
    path: &str,
    needs: &str,
) -> Result<(usize, String), Response> {
    if generic_agent(headers) {
        return Err(error(
            StatusCode::TOO_MANY_REQUESTS,
            "Too Many Requests: use a unique User-Agent like desktop:app.id:v1.0 (by /u/name)",
        ));
    }
    let token = bearer(headers).unwrap_or_default();
    state.admit(P, path, &token, 0).map_err(refused)?;
    let checked = state.oauth().check(P, &token, state.now());
    match checked {
        Ok(t) if t.scopes.iter().any(|s| s == needs) => Ok((t.account, token)),
        Ok(_) => Err(error(StatusCode::FORBIDDEN, "Forbidden")),
        Err(_) => Err(error(StatusCode::UNAUTHORIZED, "Unauthorized")),
    }
}

async fn me(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    let (account, token) = match admit(&state, &headers, "/api/v1/me", "identity") {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, account) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    let now = state.now();
    let link_karma: u64 = a.visible(now).map(|p| p.metrics_at(now).likes).sum();
    let comment_karma = link_karma / 5;
    let body = json!({
        "id": short_id(&a.id), "name": a.username, "created_utc": 1_420_070_400.0,
        "link_karma": link_karma, "comment_karma": comment_karma, "total_karma": link_karma + comment_karma,
        "icon_img": format!("https://sandbox.invalid/reddit/{}.png", a.username),
        "verified": true, "has_verified_email": true, "is_gold": false,
        "subreddit": {"display_name": format!("u_{}", a.username), "display_name_prefixed": format!("u/{}", a.username),
            "subscribers": a.followers_at(now), "title": a.display_name, "public_description": "Sandbox creator", "subreddit_type": "user"},
    });
    limit_headers(&state, Json(body).into_response(), &token)
}

async fn submitted(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(name): Path<String>,
    Query(q): Params,
) -> Response {
    let (account, token) = match admit(&state, &headers, "/submitted", "history") {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, account).filter(|a| a.username == name) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    let limit = q
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(25)
        .clamp(1, 100);
    let now = state.now();
    let posts: Vec<_> = a.visible(now).collect();
    // `after` is the fullname (t3_…) of the last item seen.
    let start = match q.get("after").filter(|s| !s.is_empty()) {
        None => 0,
        Some(after) => match posts
            .iter()
            .position(|p| format!("t3_{}", short_id(&p.id)) == *after)
        {
            Some(i) => i + 1,
            None => posts.len(),
        },
    };
    let children: Vec<Value> = posts.iter().skip(start).take(limit).map(|p| {
        let id = short_id(&p.id);
        let m = p.metrics_at(now);
        let slug: String = p.caption.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        json!({"kind": "t3", "data": {
            "id": id, "name": format!("t3_{id}"), "title": p.caption, "selftext": "", "author": a.username,
            "subreddit": "creators", "subreddit_name_prefixed": "r/creators",
            "created_utc": p.posted_at.timestamp() as f64, "score": m.likes, "ups": m.likes, "downs": 0,
            "upvote_ratio": 0.97, "num_comments": m.comments, "num_crossposts": m.shares / 10,
            "permalink": format!("/r/creators/comments/{id}/{slug}/"), "url": format!("https://www.reddit.com/r/creators/comments/{id}/"),
            "thumbnail": state.media_url(&format!("rd-{id}")), "is_video": p.media_type == "VIDEO",
            "over_18": false, "view_count": null,
        }})
    }).collect();
    let end = start + children.len();
    let after = (end < posts.len())
        .then(|| children.last().map(|c| c["data"]["name"].clone()))
        .flatten()
        .unwrap_or(Value::Null);
    let body = json!({"kind": "Listing", "data": {"after": after, "dist": children.len(), "modhash": null,
        "geo_filter": "", "children": children, "before": null}});
    limit_headers(&state, Json(body).into_response(), &token)
}
