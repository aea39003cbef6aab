//! Facebook Login as the sandbox serves it: the OAuth dialog, the code exchange for a short-lived
//! user token, and `fb_exchange_token` for a long-lived one.

use super::super::common::{acceptable_redirect, pick_account, redirect, split_scopes, with_query};
use super::super::graph::error;
use super::{P, Params};
use crate::oauth::{Challenge, ExchangeError, Grant};
use crate::state::State;
use axum::extract::{Form, Query, State as Shared};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) async fn dialog(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    let (Some(client_id), Some(redirect_uri)) = (q.get("client_id"), q.get("redirect_uri")) else {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            "Invalid request: client_id and redirect_uri are required",
        );
    };
    if !acceptable_redirect(redirect_uri) {
        return error(
            StatusCode::BAD_REQUEST,
            191,
            None,
            "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.",
        );
    }
    if q.get("response_type").is_some_and(|t| t != "code") {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            "response_type must be code",
        );
    }
    let account = pick_account(q.get("login_hint").map(String::as_str), state.accounts(P));
    let code = state.oauth().issue_code(Grant {
        platform: P,
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        account,
        scopes: split_scopes(q.get("scope").map_or("", String::as_str), ','),
        ..Grant::blank()
    });
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = q.get("state") {
        params.push(("state", s));
    }
    // Facebook appends `#_=_` to the redirect.
    redirect(&format!("{}#_=_", with_query(redirect_uri, &params)))
}

pub(super) async fn token_query(state: Shared<Arc<State>>, Query(q): Params) -> Response {
    token(state, q)
}

pub(super) async fn token_form(
    state: Shared<Arc<State>>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    token(state, f)
}

/// The code exchange and the `fb_exchange_token` grant, on one endpoint as on Facebook.
fn token(Shared(state): Shared<Arc<State>>, p: HashMap<String, String>) -> Response {
    let get = |k: &str| p.get(k).cloned().unwrap_or_default();
    if get("client_id").is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            101,
            None,
            "Missing client_id parameter.",
        );
    }
    if get("client_secret").is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            1,
            None,
            "Missing client_secret parameter.",
        );
    }
    let now = state.now();
    let mut oauth = state.oauth();
    let (account, scopes, lifetime, short) = if get("grant_type") == "fb_exchange_token" {
        match oauth.check(P, &get("fb_exchange_token"), now) {
            Ok(t) => (
                t.account,
                t.scopes,
                state.config.facebook_long_token_secs,
                false,
            ),
            Err(_) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    190,
                    None,
                    "Invalid OAuth access token - Cannot parse access token",
                );
            }
        }
    } else {
        match oauth.redeem(
            &get("code"),
            &get("client_id"),
            &get("redirect_uri"),
            None,
            Challenge::S256,
        ) {
            Ok(g) => (
                g.account,
                g.scopes,
                state.config.facebook_short_token_secs,
                true,
            ),
            Err(ExchangeError::InvalidClient) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    101,
                    None,
                    "Error validating application. Invalid application ID.",
                );
            }
            Err(ExchangeError::InvalidGrant(why)) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    100,
                    Some(36009),
                    &format!("This authorization code has been used or is invalid: {why}"),
                );
            }
        }
    };
    let (token, expires) = oauth.issue_access(P, account, scopes, now, lifetime, short);
    Json(json!({"access_token": token, "token_type": "bearer", "expires_in": expires}))
        .into_response()
}
