//! Instagram Login: the code buys a 1-hour token, traded at once for a 60-day one with
//! `ig_exchange_token`; that one refreshes itself with `ig_refresh_token` once it is at least
//! 24 hours old and before it expires.

use crate::oauth::context::Context;
use crate::oauth::failure::{Failure, unreachable};
use crate::oauth::tokens::{self, TokenError, TokenSet};
use crate::vault::Secret;
use chrono::{DateTime, Duration, Utc};

/// Refresh once the token is a day old and within 7 days of expiry.
pub fn due(age: Option<Duration>, expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    let old_enough = age.is_none_or(|a| a >= Duration::hours(24));
    let close = expires_at.is_none_or(|e| e - now <= Duration::days(7));
    old_enough && close
}

fn graph(ctx: &Context, path: &str) -> String {
    let base = ctx
        .api_base_url
        .clone()
        .unwrap_or_else(|| "https://graph.instagram.com".into());
    format!("{}/{path}", base.trim_end_matches('/'))
}

async fn get(
    http: &reqwest::Client,
    url: &str,
    query: &[(&str, &str)],
    separator: &str,
) -> Result<TokenSet, Failure> {
    let response = http
        .get(url)
        .query(query)
        .send()
        .await
        .map_err(|e| Failure::Transport(unreachable(url, &e)))?;
    let json: serde_json::Value = crate::http::read_json(response).await.unwrap_or_default();
    tokens::parse(&json, separator).map_err(Failure::Refused)
}

pub async fn long_lived(ctx: &Context, short: TokenSet) -> Result<TokenSet, Failure> {
    let Some(secret) = &ctx.client_secret else {
        return Err(Failure::Refused(TokenError {
            error: "invalid_client".into(),
            description: Some("the app secret is needed for a long-lived token".into()),
        }));
    };
    let mut long = get(
        &ctx.http,
        &graph(ctx, "access_token"),
        &[
            ("grant_type", "ig_exchange_token"),
            ("client_secret", secret.expose()),
            ("access_token", short.access_token.expose()),
        ],
        ",",
    )
    .await?;
    long.scopes = long.scopes.or(short.scopes);
    Ok(long)
}

pub async fn refresh(ctx: &Context, access: &Secret) -> Result<TokenSet, Failure> {
    get(
        &ctx.http,
        &graph(ctx, "refresh_access_token"),
        &[
            ("grant_type", "ig_refresh_token"),
            ("access_token", access.expose()),
        ],
        ",",
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_window_is_a_day_old_and_a_week_from_expiry() {
        let now = Utc::now();
        assert!(
            !due(
                Some(Duration::hours(23)),
                Some(now + Duration::days(2)),
                now
            ),
            "younger than 24 h"
        );
        assert!(
            !due(
                Some(Duration::days(10)),
                Some(now + Duration::days(50)),
                now
            ),
            "far from expiry"
        );
        assert!(due(
            Some(Duration::days(53)),
            Some(now + Duration::days(6)),
            now
        ));
    }
}
