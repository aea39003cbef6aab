//! The token endpoint calls: code exchange, refresh and revoke, authenticating the client the
//! way the manifest says (form fields, HTTP basic, or none for public clients).

use super::context::Context;
use super::tokens::{self, TokenError, TokenSet};
use crate::error::{Error, Result};
use crate::registry::manifest::TokenAuth;
use crate::vault::Secret;

/// The failure of a token request: the platform's refusal, or no answer at all.
#[derive(Debug)]
pub enum Failure {
    Refused(TokenError),
    Transport(Error),
}

fn host(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.to_owned())
}

pub(crate) fn unreachable(url: &str, e: &reqwest::Error) -> Error {
    let reason = if e.is_timeout() {
        "it did not answer in time"
    } else if e.is_connect() {
        "the connection failed"
    } else {
        "the request failed"
    };
    Error::Unreachable {
        host: host(url),
        reason: reason.to_owned(),
    }
}

/// POSTs a form to `url` with the client's credentials and reads a token answer.
pub async fn token_request(
    ctx: &Context,
    url: &str,
    mut form: Vec<(String, String)>,
) -> Result<TokenSet, Failure> {
    form.push((ctx.oauth.client_id_param.clone(), ctx.client_id.clone()));
    let mut req = ctx.http.post(url).header("Accept", "application/json");
    match (ctx.oauth.token_auth, &ctx.client_secret) {
        (TokenAuth::ClientSecretPost, Some(secret)) => {
            form.push(("client_secret".into(), secret.expose().to_owned()))
        }
        (TokenAuth::ClientSecretBasic, secret) => {
            req = req.basic_auth(
                &ctx.client_id,
                Some(secret.as_ref().map_or("", |s| s.expose())),
            );
        }
        _ => {}
    }
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&form)
        .finish();
    let response = req
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| Failure::Transport(unreachable(url, &e)))?;
    let status = response.status();
    let json = match crate::http::read_json(response).await {
        Ok(serde_json::Value::Null) | Err(_) => {
            serde_json::json!({"error": format!("http_{}", status.as_u16()), "error_description": "the answer was not JSON"})
        }
        Ok(json) => json,
    };
    tokens::parse(&json, &ctx.oauth.scope_separator).map_err(Failure::Refused)
}

pub async fn exchange_code(
    ctx: &Context,
    code: &str,
    redirect_uri: &str,
    verifier: Option<&Secret>,
) -> Result<TokenSet, Failure> {
    let mut form = vec![
        ("grant_type".to_owned(), "authorization_code".to_owned()),
        ("code".to_owned(), code.to_owned()),
        ("redirect_uri".to_owned(), redirect_uri.to_owned()),
    ];
    if let Some(v) = verifier {
        form.push(("code_verifier".into(), v.expose().to_owned()));
    }
    token_request(ctx, &ctx.token_url.clone(), form).await
}

pub async fn refresh(ctx: &Context, refresh_token: &Secret) -> Result<TokenSet, Failure> {
    let url = ctx
        .oauth
        .refresh_url
        .clone()
        .unwrap_or_else(|| ctx.token_url.clone());
    let form = vec![
        ("grant_type".to_owned(), "refresh_token".to_owned()),
        (
            "refresh_token".to_owned(),
            refresh_token.expose().to_owned(),
        ),
    ];
    token_request(ctx, &url, form).await
}

/// Revokes a token where the platform offers it; `Ok(false)` when it does not.
pub async fn revoke(ctx: &Context, token: &Secret) -> Result<bool> {
    let Some(url) = ctx.oauth.revoke_url.clone() else {
        return Ok(false);
    };
    let moved = ctx.connection.overrides.token_url.is_some()
        || ctx.connection.mode == crate::connections::Mode::Sandbox;
    let url = if moved {
        // A connection pointed at another server revokes there too.
        sibling(&ctx.token_url, &url)
    } else {
        url
    };
    let form = vec![("token".to_owned(), token.expose().to_owned())];
    match token_request(ctx, &url, form).await {
        Ok(_) | Err(Failure::Refused(_)) => Ok(true),
        Err(Failure::Transport(e)) => Err(e),
    }
}

/// The revoke endpoint next to an overridden token endpoint: same origin and directory, the
/// last path segment of the manifest's revoke URL.
fn sibling(token_url: &str, revoke_url: &str) -> String {
    let last = revoke_url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("revoke");
    let trailing = if revoke_url.ends_with('/') { "/" } else { "" };
    let base = token_url.trim_end_matches('/');
    match base.rfind('/') {
        Some(i) => format!("{}/{last}{trailing}", &base[..i]),
        None => format!("{base}/{last}{trailing}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn revoke_follows_an_overridden_token_url() {
        assert_eq!(
            super::sibling(
                "http://127.0.0.1:9/tiktok/v2/oauth/token/",
                "https://open.tiktokapis.com/v2/oauth/revoke/"
            ),
            "http://127.0.0.1:9/tiktok/v2/oauth/revoke/"
        );
        assert_eq!(
            super::sibling(
                "http://127.0.0.1:9/youtube/token",
                "https://oauth2.googleapis.com/revoke"
            ),
            "http://127.0.0.1:9/youtube/revoke"
        );
    }
}
