//! Facebook Login: trade the short user token for a long-lived one (about 60 days) with
//! `fb_exchange_token`. User tokens cannot be refreshed; Patchbay warns before they expire.

use super::super::client::{Failure, unreachable};
use super::super::context::Context;
use super::super::tokens::{self, TokenSet};

pub async fn long_lived(ctx: &Context, short: TokenSet) -> Result<TokenSet, Failure> {
    let secret = ctx.client_secret.as_ref().map_or("", |s| s.expose());
    let query = [
        ("grant_type", "fb_exchange_token"),
        ("client_id", ctx.client_id.as_str()),
        ("client_secret", secret),
        ("fb_exchange_token", short.access_token.expose()),
    ];
    let url = ctx.token_url.clone();
    let response = crate::http::client()
        .get(&url)
        .query(&query)
        .send()
        .await
        .map_err(|e| Failure::Transport(unreachable(&url, &e)))?;
    let json: serde_json::Value = response.json().await.unwrap_or_default();
    let mut long = tokens::parse(&json, ",").map_err(Failure::Refused)?;
    long.scopes = long.scopes.or(short.scopes);
    Ok(long)
}
