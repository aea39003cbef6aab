//! Where a platform's tokens leave the standard, decided per platform: the exchange's extra
//! steps and how a token is kept alive. The steps themselves live with each platform
//! (`platforms/<name>/oauth.rs`).
//!
//! Most quirks are data: TikTok's `client_key` and hex PKCE, Reddit's basic-auth token
//! endpoint and `duration=permanent`, Google's `access_type=offline&prompt=consent`, X's public
//! client. Behaviour lives here: Instagram's long-lived token and `ig_refresh_token`,
//! Facebook's `fb_exchange_token`, and which platforms cannot refresh at all (LinkedIn,
//! Facebook user tokens).

use super::context::Context;
use super::failure::Failure;
use super::tokens::TokenSet;
use crate::platforms::Platform;
use crate::platforms::facebook::oauth as facebook;
use crate::platforms::instagram::oauth as instagram;
use crate::vault::Secret;
use chrono::{DateTime, Duration, Utc};

/// Turns the code exchange's tokens into the ones to keep.
pub async fn after_exchange(ctx: &Context, tokens: TokenSet) -> Result<TokenSet, Failure> {
    match Platform::of(&ctx.manifest.id) {
        Some(Platform::Instagram) => instagram::long_lived(ctx, tokens).await,
        Some(Platform::FacebookPages) => facebook::long_lived(ctx, tokens).await,
        _ => Ok(tokens),
    }
}

/// How a connection's token is kept alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    /// With the refresh token, at the token endpoint.
    RefreshToken,
    /// Instagram: the access token refreshes itself.
    SelfRefresh,
    /// Nothing to do but warn before expiry and ask the user to reconnect.
    None,
}

pub fn renewal(ctx: &Context, has_refresh_token: bool) -> Renewal {
    match ctx.manifest.id.as_str() {
        "instagram" => Renewal::SelfRefresh,
        "linkedin" | "facebook-pages" => Renewal::None,
        _ if has_refresh_token => Renewal::RefreshToken,
        _ => Renewal::None,
    }
}

/// Whether the token should be refreshed now. Tokens are refreshed ahead of expiry (inside
/// each platform's window) and at least once a day, so idle tokens never die.
pub fn refresh_due(
    ctx: &Context,
    renewal: Renewal,
    refreshed_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let age = refreshed_at.map(|t| now - t);
    match renewal {
        Renewal::None => false,
        Renewal::SelfRefresh => instagram::due(age, expires_at, now),
        Renewal::RefreshToken => {
            let _ = ctx;
            let expiring = expires_at.is_none_or(|e| e - now < Duration::minutes(5));
            let stale = age.is_none_or(|a| a >= Duration::days(1));
            expiring || stale
        }
    }
}

/// Asks for fresh tokens.
pub async fn refresh(
    ctx: &Context,
    renewal: Renewal,
    access: &Secret,
    refresh: Option<&Secret>,
) -> Result<TokenSet, Failure> {
    match (renewal, refresh) {
        (Renewal::SelfRefresh, _) => instagram::refresh(ctx, access).await,
        (_, Some(refresh_token)) => super::standard::refresh(ctx, refresh_token).await,
        _ => Err(Failure::Refused(super::tokens::TokenError {
            error: "invalid_grant".into(),
            description: Some("no refresh token is stored".into()),
        })),
    }
}
