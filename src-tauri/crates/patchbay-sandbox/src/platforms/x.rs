//! X API v2: OAuth 2.0 with PKCE for public and confidential clients (refresh tokens only with
//! `offline.access`, rotated on every refresh), revoke, `/2/users/me` and the user's posts
//! timeline paged by `pagination_token`, problem+json errors and `x-rate-limit-*` headers.

use super::common::{
    acceptable_redirect, bearer, cursor, offset, redirect, split_scopes, with_query,
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

const P: &str = "x";

type Params = Query<HashMap<String, String>>;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/i/oauth2/authorize", get(authorize))
        .route("/2/oauth2/token", post(token))
        .route("/2/oauth2/revoke", post(revoke))
        .route("/2/users/me", get(me))
        .route("/2/users/{id}/tweets", get(tweets))
}

fn problem(status: StatusCode, title: &str, detail: &str) -> Response {
    let body =
        json!({"title": title, "detail": detail, "type": "about:blank", "status": status.as_u16()});
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

fn invalid_param(name: &str, value: &str, message: &str) -> Response {
    let body = json!({"errors": [{"parameters": {name: [value]}, "message": message}],
        "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request"});
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// The `x-rate-limit-*` headers X puts on every API answer.
fn limit_headers(state: &State, mut resp: Response, token: &str) -> Response {
    if let Some((limit, used, reset_in)) = state.window(P, token) {
        let reset = chrono::Utc::now().timestamp() + reset_in as i64;
        for (name, value) in [
            ("x-rate-limit-limit", limit.to_string()),
            ("x-rate-limit-remaining", (limit - used).to_string()),
            ("x-rate-limit-reset", reset.to_string()),
        ] {
            if let Ok(v) = value.parse() {
                resp.headers_mut().insert(name, v);
            }
        }
    }
    resp
}

fn refused(state: &State, r: Refusal, token: &str) -> Response {
    let retry = match &r {
        Refusal::Fault(FaultKind::RateLimit { retry_after_secs }) => Some(*retry_after_secs),
        _ => None,
    };
    let resp = match r {
        Refusal::RateLimited { .. }
        | Refusal::QuotaExceeded
        | Refusal::Fault(
            FaultKind::RateLimit { .. } | FaultKind::Quota | FaultKind::UsageExhausted,
        ) => problem(
            StatusCode::TOO_MANY_REQUESTS,
            "Too Many Requests",
            "Too Many Requests",
        ),
        Refusal::Fault(FaultKind::ExpiredToken | FaultKind::InvalidGrant) => {
            problem(StatusCode::UNAUTHORIZED, "Unauthorized", "Unauthorized")
        }
        Refusal::Fault(FaultKind::MalformedJson) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            "{\"data\":[{\"id\":",
        )
            .into_response(),
        Refusal::Fault(_) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal Server Error",
            "Something went wrong. Please try again.",
        ),
    };
    let mut resp = limit_headers(state, resp, token);
    if let Some(retry_after_secs) = retry {
        // X itself sends only x-rate-limit-reset; a fault's reset comes from the configuration.
        let reset = chrono::Utc::now().timestamp() + retry_after_secs as i64;
        if let Ok(v) = reset.to_string().parse() {
            resp.headers_mut().insert("x-rate-limit-reset", v);
        }
    }
    resp
}

async fn authorize(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    let bad = |m: &str| (StatusCode::BAD_REQUEST, m.to_owned()).into_response();
    let (Some(client_id), Some(redirect_uri)) = (q.get("client_id"), q.get("redirect_uri")) else {
        return bad("Something went wrong: client_id and redirect_uri are required.");
    };
    if !acceptable_redirect(redirect_uri) {
        return bad("Something went wrong: the callback URL is not registered for this app.");
    }
    if q.get("response_type").map(String::as_str) != Some("code") {
        return bad("Something went wrong: response_type must be code.");
    }
    let challenge = q.get("code_challenge");
    let method = q.get("code_challenge_method").map(String::as_str);
    let (Some(challenge), Some("S256" | "plain")) = (challenge, method) else {
        return bad("Something went wrong: PKCE (code_challenge with S256 or plain) is required.");
    };
    if method == Some("plain") {
        return bad("The sandbox accepts only S256 challenges; plain offers no protection.");
    }
    let scopes = split_scopes(q.get("scope").map_or("", String::as_str), ' ');
    let account =
        super::common::pick_account(q.get("login_hint").map(String::as_str), state.accounts(P));
    let code = state.oauth().issue_code(Grant {
        platform: P,
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        challenge: Some(challenge.clone()),
        account,
        offline: scopes.iter().any(|s| s == "offline.access"),
        scopes,
        ..Grant::blank()
    });
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = q.get("state") {
        params.push(("state", s));
    }
    redirect(&with_query(redirect_uri, &params))
}

/// The client of a token request: HTTP basic for a confidential client, else `client_id` in
/// the form (a public client).
fn client_of(headers: &HeaderMap, form: &HashMap<String, String>) -> Option<String> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.split_once(':').map(|(id, _)| id.to_owned()));
    basic.or_else(|| form.get("client_id").cloned())
}

fn issue(state: &State, account: usize, scopes: Vec<String>, client: &str) -> Value {
    let offline = scopes.iter().any(|s| s == "offline.access");
    let mut oauth = state.oauth();
    let (access, expires) = oauth.issue_access(
        P,
        account,
        scopes.clone(),
        state.now(),
        state.config.x_access_token_secs,
        false,
    );
    let mut body = json!({"token_type": "bearer", "expires_in": expires, "access_token": access, "scope": scopes.join(" ")});
    if offline {
        body["refresh_token"] = json!(oauth.issue_refresh(P, account, scopes, client));
    }
    body
}

async fn token(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let Some(client) = client_of(&headers, &form) else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_request",
            "Missing valid authorization header or client_id",
        );
    };
    match get("grant_type").as_str() {
        "authorization_code" => {
            let redeemed = state.oauth().redeem(
                &get("code"),
                &client,
                &get("redirect_uri"),
                form.get("code_verifier").map(String::as_str),
                Challenge::S256,
            );
            match redeemed {
                Ok(g) => Json(issue(&state, g.account, g.scopes, &client)).into_response(),
                Err(ExchangeError::InvalidClient) => oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized_client",
                    "Missing valid authorization header",
                ),
                Err(ExchangeError::InvalidGrant(why)) => oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    &format!("Value passed for the authorization code was invalid: {why}"),
                ),
            }
        }
        "refresh_token" => {
            if let Err(Refusal::Fault(FaultKind::InvalidGrant)) =
                state.admit(P, "/oauth2/token/refresh", "refresh", 0)
            {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "Value passed for the token was invalid.",
                );
            }
            let taken = state
                .oauth()
                .take_refresh(P, &get("refresh_token"), &client, true);
            match taken {
                Some((account, scopes)) => {
                    Json(issue(&state, account, scopes, &client)).into_response()
                }
                None => oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "Value passed for the token was invalid.",
                ),
            }
        }
        other => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("grant_type {other} is not supported"),
        ),
    }
}

async fn revoke(Shared(state): Shared<Arc<State>>, body: Bytes) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    state
        .oauth()
        .revoke(form.get("token").map_or("", String::as_str));
    Json(json!({"revoked": true})).into_response()
}

/// Checks the bearer token and its scopes; the account and the token.
fn admit(
    state: &State,
    headers: &HeaderMap,
    path: &str,
    needs: &[&str],
) -> Result<(usize, String), Response> {
    let token = bearer(headers).unwrap_or_default();
    state
        .admit(P, path, &token, 0)
        .map_err(|r| refused(state, r, &token))?;
    let checked = state.oauth().check(P, &token, state.now());
    match checked {
        Ok(t) if needs.iter().all(|n| t.scopes.iter().any(|s| s == n)) => Ok((t.account, token)),
        Ok(_) => Err(problem(
            StatusCode::FORBIDDEN,
            "Forbidden",
            &format!("The token lacks a required scope ({}).", needs.join(", ")),
        )),
        Err(_) => Err(limit_headers(
            state,
            problem(StatusCode::UNAUTHORIZED, "Unauthorized", "Unauthorized"),
            &token,
        )),
    }
}

fn fields(q: &HashMap<String, String>, key: &str) -> Vec<String> {
    split_scopes(q.get(key).map_or("", String::as_str), ',')
}

/// X ids are 19-digit snowflakes.
fn snowflake(id: &str) -> String {
    format!("18{:0>17}", &id[id.len().saturating_sub(17)..])
}

async fn me(Shared(state): Shared<Arc<State>>, headers: HeaderMap, Query(q): Params) -> Response {
    let (account, token) = match admit(&state, &headers, "/users/me", &["users.read", "tweet.read"])
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, account) else {
        return problem(
            StatusCode::NOT_FOUND,
            "Not Found Error",
            "Could not find the user.",
        );
    };
    let now = state.now();
    let mut user = json!({"id": snowflake(&a.id), "name": a.display_name, "username": a.username});
    for f in fields(&q, "user.fields") {
        let value = match f.as_str() {
            "public_metrics" => {
                json!({"followers_count": a.followers_at(now), "following_count": a.following,
                "post_count": a.media_count(now), "listed_count": a.followers_at(now) / 400, "like_count": a.following * 7})
            }
            "verified" => json!(a.followers_at(now) > 1_000_000),
            "profile_image_url" => json!(format!("https://sandbox.invalid/x/{}.jpg", a.username)),
            "description" => json!("Sandbox creator"),
            "created_at" => json!("2015-03-01T12:00:00.000Z"),
            _ => continue,
        };
        user[f] = value;
    }
    limit_headers(&state, Json(json!({"data": user})).into_response(), &token)
}

async fn tweets(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Params,
) -> Response {
    let (account, token) = match admit(&state, &headers, "/tweets", &["tweet.read", "users.read"]) {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, account).filter(|a| snowflake(&a.id) == id) else {
        return problem(
            StatusCode::NOT_FOUND,
            "Not Found Error",
            &format!("Could not find user with id: [{id}]."),
        );
    };
    let max = q.get("max_results").map_or(Ok(10), |m| m.parse::<usize>());
    let max = match max {
        Ok(m) if (5..=100).contains(&m) => m,
        _ => {
            let raw = q.get("max_results").cloned().unwrap_or_default();
            return invalid_param(
                "max_results",
                &raw,
                &format!(
                    "The `max_results` query parameter value [{raw}] is not between 5 and 100"
                ),
            );
        }
    };
    let Some(start) = offset(q.get("pagination_token").map(String::as_str)) else {
        let raw = q.get("pagination_token").cloned().unwrap_or_default();
        return invalid_param(
            "pagination_token",
            &raw,
            "The `pagination_token` query parameter value is not valid",
        );
    };
    let now = state.now();
    let tweet_fields = fields(&q, "tweet.fields");
    // The user timeline reaches back to the 3,200 most recent posts.
    let posts: Vec<_> = a.visible(now).take(3200).collect();
    let page: Vec<Value> = posts.iter().skip(start).take(max).map(|p| {
        let id = snowflake(&p.id);
        let mut t = json!({"id": id, "text": p.caption, "edit_history_tweet_ids": [id]});
        for f in &tweet_fields {
            let m = p.metrics_at(now);
            let value = match f.as_str() {
                "created_at" => json!(p.posted_at.format("%Y-%m-%dT%H:%M:%S.000Z").to_string()),
                "public_metrics" => json!({"repost_count": m.shares, "reply_count": m.comments, "like_count": m.likes,
                    "quote_count": m.shares / 4, "bookmark_count": m.saves, "impression_count": m.views}),
                "author_id" => json!(snowflake(&a.id)),
                "lang" => json!("en"),
                _ => continue,
            };
            t[f.as_str()] = value;
        }
        t
    }).collect();
    let end = start + page.len();
    let mut meta = json!({"result_count": page.len()});
    if let (Some(first), Some(last)) = (page.first(), page.last()) {
        meta["newest_id"] = first["id"].clone();
        meta["oldest_id"] = last["id"].clone();
    }
    if start > 0 {
        meta["previous_token"] = json!(cursor(start.saturating_sub(max)));
    }
    if end < posts.len() {
        meta["next_token"] = json!(cursor(end));
    }
    let mut body = json!({"meta": meta});
    if !page.is_empty() {
        body["data"] = json!(page);
    }
    limit_headers(&state, Json(body).into_response(), &token)
}
