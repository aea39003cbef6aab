//! LinkedIn: OAuth 2.0 authorization-code sign-in (no PKCE, client secret in the form, 60-day
//! tokens without refresh), OpenID `GET /v2/userinfo`, and the Posts API (`POST /rest/posts`)
//! that needs the `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0` headers, the
//! `w_member_social` scope and the member's own URN as author; it answers 201 with the post's
//! URN in `x-restli-id` and no body. Errors are `{status, code, message}`.

use super::common::{acceptable_redirect, pick_account, redirect, split_scopes, with_query};
use crate::oauth::{Challenge, ExchangeError, Grant};
use crate::outbox::{Delivery, now};
use crate::state::State;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Form, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "linkedin";
/// Members are the sandbox's X accounts, under LinkedIn ids.
const PEOPLE: &str = "x";
const LIFETIME: i64 = 60 * 86_400;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/oauth/v2/authorization", get(authorize))
        .route("/oauth/v2/accessToken", post(token))
        .route("/v2/userinfo", get(userinfo))
        .route("/rest/posts", post(share))
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"status": status.as_u16(), "code": code, "message": message})),
    )
        .into_response()
}

fn member_id(account: usize) -> String {
    format!("sb{account}Xq7Lm2")
}

async fn authorize(
    Shared(state): Shared<Arc<State>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (Some(client_id), Some(redirect_uri)) = (q.get("client_id"), q.get("redirect_uri")) else {
        return (
            StatusCode::BAD_REQUEST,
            "The redirect_uri or client_id is missing.",
        )
            .into_response();
    };
    if !acceptable_redirect(redirect_uri)
        || q.get("response_type").map(String::as_str) != Some("code")
    {
        return (
            StatusCode::BAD_REQUEST,
            "The redirect_uri does not match the registered value, or response_type is not code.",
        )
            .into_response();
    }
    let account = pick_account(
        q.get("login_hint").map(String::as_str),
        state.accounts(PEOPLE),
    );
    let scopes = split_scopes(q.get("scope").map_or("", String::as_str), ' ');
    let code = state.oauth().issue_code(Grant {
        platform: P,
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        account,
        scopes,
        ..Grant::blank()
    });
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = q.get("state") {
        params.push(("state", s));
    }
    redirect(&with_query(redirect_uri, &params))
}

async fn token(
    Shared(state): Shared<Arc<State>>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let oauth_error = |e: &str, d: &str| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": e, "error_description": d})),
        )
            .into_response()
    };
    if get("grant_type") != "authorization_code" {
        return oauth_error(
            "unsupported_grant_type",
            "LinkedIn member tokens are not refreshed; sign in again.",
        );
    }
    if get("client_secret").is_empty() {
        return oauth_error("invalid_client", "Client authentication failed");
    }
    let redeemed = state.oauth().redeem(
        &get("code"),
        &get("client_id"),
        &get("redirect_uri"),
        None,
        Challenge::S256,
    );
    match redeemed {
        Ok(grant) => {
            let (access, expires) = state.oauth().issue_access(
                P,
                grant.account,
                grant.scopes.clone(),
                state.now(),
                LIFETIME,
                false,
            );
            Json(json!({"access_token": access, "expires_in": expires, "scope": grant.scopes.join(",")})).into_response()
        }
        Err(ExchangeError::InvalidClient) => {
            oauth_error("invalid_client", "Client authentication failed")
        }
        Err(ExchangeError::InvalidGrant(why)) => oauth_error("invalid_grant", why),
    }
}

fn admit(state: &State, headers: &HeaderMap, path: &str) -> Result<(usize, Vec<String>), Response> {
    let token = super::common::bearer(headers).unwrap_or_default();
    let checked = state.oauth().check(P, &token, state.now());
    let Ok(t) = checked else {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "EXPIRED_ACCESS_TOKEN",
            "The token used in the request has expired",
        ));
    };
    state.admit(P, path, &token, 0).map_err(|_| {
        error(
            StatusCode::TOO_MANY_REQUESTS,
            "TOO_MANY_REQUESTS",
            "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
        )
    })?;
    Ok((t.account, t.scopes))
}

async fn userinfo(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    let (account, _) = match admit(&state, &headers, "/v2/userinfo") {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let name = state
        .account(PEOPLE, account)
        .map_or("Sandbox Member".to_owned(), |a| a.display_name.clone());
    Json(json!({"sub": member_id(account), "name": name, "email_verified": true, "locale": {"country": "US", "language": "en"}})).into_response()
}

async fn share(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    let (account, scopes) = match admit(&state, &headers, "/rest/posts") {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let version = headers
        .get("linkedin-version")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if version.len() != 6 || !version.chars().all(|c| c.is_ascii_digit()) {
        return error(
            StatusCode::BAD_REQUEST,
            "VERSION_MISSING",
            "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
        );
    }
    if headers
        .get("x-restli-protocol-version")
        .and_then(|v| v.to_str().ok())
        != Some("2.0.0")
    {
        return error(
            StatusCode::BAD_REQUEST,
            "ILLEGAL_ARGUMENT",
            "The Posts API needs X-Restli-Protocol-Version: 2.0.0.",
        );
    }
    if !scopes.iter().any(|s| s == "w_member_social") {
        return error(
            StatusCode::FORBIDDEN,
            "ACCESS_DENIED",
            "Not enough permissions to access: partnerApiPostsExternal.CREATE.20240501",
        );
    }
    let Ok(post) = serde_json::from_slice::<Value>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "ILLEGAL_ARGUMENT",
            "The request body is not JSON.",
        );
    };
    let me = format!("urn:li:person:{}", member_id(account));
    if post["author"] != me.as_str() {
        return error(
            StatusCode::FORBIDDEN,
            "ACCESS_DENIED",
            &format!("Member is not allowed to post as {}", post["author"]),
        );
    }
    let text = post["commentary"].as_str().unwrap_or_default();
    let valid = !text.is_empty()
        && post["lifecycleState"] == "PUBLISHED"
        && post["distribution"]["feedDistribution"] == "MAIN_FEED"
        && matches!(post["visibility"].as_str(), Some("PUBLIC" | "CONNECTIONS"));
    if !valid {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "UNPROCESSABLE_ENTITY",
            "commentary, visibility, distribution.feedDistribution and lifecycleState are required.",
        );
    }
    let urn = format!(
        "urn:li:share:{}",
        7_100_000_000_000_000_000u64
            + chrono::Utc::now().timestamp_micros() as u64 % 1_000_000_000_000
    );
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "post".into(),
            id: urn.clone(),
            summary: super::slack::first_line(text),
            detail: post.clone(),
            file: None,
        },
        None,
    );
    let mut resp = StatusCode::CREATED.into_response();
    if let Ok(v) = urn.parse() {
        resp.headers_mut().insert("x-restli-id", v);
    }
    resp
}
