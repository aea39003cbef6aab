//! Facebook Login for Pages: trade the short user token for a long-lived one (about 60 days)
//! with `fb_exchange_token`, then take the Page's own token from `/me/accounts`. A Page token
//! taken from a long-lived user token does not expire, so the connection keeps only that one:
//! it never needs a refresh, and the user token (which cannot be refreshed) is not stored.

use crate::oauth::context::Context;
use crate::oauth::failure::{Failure, unreachable};
use crate::oauth::tokens::{self, TokenError, TokenSet};
use crate::vault::Secret;
use serde_json::Value;

async fn get(http: &reqwest::Client, url: &str, query: &[(&str, &str)]) -> Result<Value, Failure> {
    let response = http
        .get(url)
        .query(query)
        .send()
        .await
        .map_err(|e| Failure::Transport(unreachable(url, &e)))?;
    Ok(crate::http::read_json(response).await.unwrap_or_default())
}

fn refused(error: &str, description: String) -> Failure {
    Failure::Refused(TokenError {
        error: error.into(),
        description: Some(description),
    })
}

pub async fn long_lived(ctx: &Context, short: TokenSet) -> Result<TokenSet, Failure> {
    let secret = ctx.client_secret.as_ref().map_or("", |s| s.expose());
    let query = [
        ("grant_type", "fb_exchange_token"),
        ("client_id", ctx.client_id.as_str()),
        ("client_secret", secret),
        ("fb_exchange_token", short.access_token.expose()),
    ];
    let json = get(&ctx.http, &ctx.token_url, &query).await?;
    let mut long = tokens::parse(&json, ",").map_err(Failure::Refused)?;
    long.scopes = long.scopes.or(short.scopes);
    page_token(ctx, long).await
}

/// The Page chosen in the connection's settings (`page_id`), else the first Page the user
/// manages, with that Page's token in place of the user's.
async fn page_token(ctx: &Context, user: TokenSet) -> Result<TokenSet, Failure> {
    let base = ctx
        .api_base_url
        .clone()
        .unwrap_or_else(|| "https://graph.facebook.com/v23.0".into());
    let url = format!("{}/me/accounts", base.trim_end_matches('/'));
    let json = get(
        &ctx.http,
        &url,
        &[
            ("fields", "id,name,access_token"),
            ("access_token", user.access_token.expose()),
        ],
    )
    .await?;
    if json.get("error").is_some() {
        return Err(Failure::Refused(
            tokens::parse(&json, ",")
                .err()
                .unwrap_or_else(|| TokenError {
                    error: "error".into(),
                    description: None,
                }),
        ));
    }
    let pages = json["data"].as_array().cloned().unwrap_or_default();
    let wanted = ctx
        .connection
        .config
        .get("page_id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty());
    let page = match wanted {
        Some(id) => pages.iter().find(|p| p["id"].as_str() == Some(id)).ok_or_else(|| {
            let managed: Vec<&str> = pages.iter().filter_map(|p| p["id"].as_str()).collect();
            refused(
                "page_not_managed",
                format!(
                    "this Facebook account does not manage Page {id} (it manages: {}). Fix the Page ID or sign in with the Page's admin",
                    if managed.is_empty() { "none".into() } else { managed.join(", ") }
                ),
            )
        })?,
        None => pages.first().ok_or_else(|| {
            refused(
                "no_pages",
                "this Facebook account manages no Pages, or pages_show_list was not granted".into(),
            )
        })?,
    };
    let token = page["access_token"]
        .as_str()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            refused(
                "no_page_token",
                "Facebook listed the Page without a Page token".into(),
            )
        })?;
    Ok(TokenSet {
        access_token: Secret::new(token.to_owned()),
        refresh_token: None,
        expires_in: None,
        scopes: user.scopes,
    })
}
