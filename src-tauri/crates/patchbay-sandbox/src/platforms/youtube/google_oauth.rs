//! Google's OAuth endpoints as the sandbox serves them for YouTube: the consent screen (PKCE,
//! offline access and `prompt=consent` for a refresh token), the token endpoint (code and
//! refresh grants) and revocation.

use super::super::common::{acceptable_redirect, pick_account, redirect, split_scopes, with_query};
use super::{P, Params};
use crate::faults::FaultKind;
use crate::oauth::{Challenge, ExchangeError, Grant};
use crate::state::{Refusal, State};
use axum::extract::{Form, Query, State as Shared};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

pub(super) async fn authorize(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    let page = |m: &str| {
        (
            StatusCode::BAD_REQUEST,
            format!("Error 400: invalid_request\n{m}"),
        )
            .into_response()
    };
    let (Some(client_id), Some(redirect_uri)) = (q.get("client_id"), q.get("redirect_uri")) else {
        return page("Missing required parameter: client_id or redirect_uri");
    };
    if !acceptable_redirect(redirect_uri) {
        return page(
            "Desktop clients accept only loopback redirect URIs (http://127.0.0.1:<port>)",
        );
    }
    if q.get("response_type").map(String::as_str) != Some("code") {
        return page("Invalid response_type");
    }
    let method = q.get("code_challenge_method").map(String::as_str);
    let Some(challenge) = q.get("code_challenge").filter(|_| method == Some("S256")) else {
        return page("Desktop app clients must use PKCE with code_challenge_method=S256");
    };
    let account = pick_account(q.get("login_hint").map(String::as_str), state.accounts(P));
    let offline = q.get("access_type").map(String::as_str) == Some("offline");
    let scopes = split_scopes(q.get("scope").map_or("", String::as_str), ' ');
    let grant = Grant {
        platform: P,
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        challenge: Some(challenge.clone()),
        account,
        scopes: scopes.clone(),
        offline,
        ..Grant::blank()
    };
    let code = state.oauth().issue_code(grant);
    let scope = scopes.join(" ");
    let mut params = vec![("code", code.as_str()), ("scope", scope.as_str())];
    if let Some(s) = q.get("state") {
        params.push(("state", s));
    }
    redirect(&with_query(redirect_uri, &params))
}

pub(super) async fn token(
    Shared(state): Shared<Arc<State>>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    if get("client_id").is_empty() {
        return oauth_error("invalid_request", "Missing required parameter: client_id");
    }
    if get("client_secret").is_empty() {
        return oauth_error("invalid_client", "The OAuth client was not found.");
    }
    let lifetime = state.config.google_access_token_secs;
    match get("grant_type").as_str() {
        "authorization_code" => {
            let redeemed = state.oauth().redeem(
                &get("code"),
                &get("client_id"),
                &get("redirect_uri"),
                f.get("code_verifier").map(String::as_str),
                Challenge::S256,
            );
            match redeemed {
                Ok(grant) => {
                    let mut oauth = state.oauth();
                    let (access, expires) = oauth.issue_access(
                        P,
                        grant.account,
                        grant.scopes.clone(),
                        state.now(),
                        lifetime,
                        false,
                    );
                    let mut body = json!({"access_token": access, "expires_in": expires, "scope": grant.scopes.join(" "), "token_type": "Bearer"});
                    if grant.offline {
                        body["refresh_token"] = json!(oauth.issue_refresh(
                            P,
                            grant.account,
                            grant.scopes,
                            &get("client_id")
                        ));
                    }
                    Json(body).into_response()
                }
                Err(ExchangeError::InvalidClient) => oauth_error("invalid_client", "Unauthorized"),
                Err(ExchangeError::InvalidGrant(why)) => oauth_error("invalid_grant", why),
            }
        }
        "refresh_token" => {
            if let Err(Refusal::Fault(FaultKind::InvalidGrant)) =
                state.admit(P, "/token/refresh", "refresh", 0)
            {
                return oauth_error("invalid_grant", "Token has been expired or revoked.");
            }
            let mut oauth = state.oauth();
            let known = oauth
                .refresh
                .get(&get("refresh_token"))
                .filter(|r| r.valid && r.client_id == get("client_id"))
                .map(|r| (r.account, r.scopes.clone()));
            match known {
                Some((account, scopes)) => {
                    let (access, expires) = oauth.issue_access(
                        P,
                        account,
                        scopes.clone(),
                        state.now(),
                        lifetime,
                        false,
                    );
                    Json(json!({"access_token": access, "expires_in": expires, "scope": scopes.join(" "), "token_type": "Bearer"})).into_response()
                }
                None => oauth_error("invalid_grant", "Token has been expired or revoked."),
            }
        }
        _ => oauth_error("unsupported_grant_type", "Invalid grant_type"),
    }
}

/// Google takes the token in the query string or in a form body (as RFC 7009 clients send it);
/// a revoke without one is a 400 `invalid_request`.
pub(super) async fn revoke(
    Shared(state): Shared<Arc<State>>,
    Query(q): Params,
    body: axum::body::Bytes,
) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let Some(token) = q.get("token").or_else(|| form.get("token")) else {
        return oauth_error("invalid_request", "Missing required parameter: token");
    };
    state.oauth().revoke(token);
    Json(json!({})).into_response()
}
