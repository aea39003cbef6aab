//! Revoking a connection's tokens: where the platform offers it, and where a connection that was
//! pointed at another server revokes them. The request itself is `standard::revoke`.

use super::context::Context;
use crate::vault::Secret;

/// What became of a revoke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// The platform confirmed it.
    Confirmed,
    /// The platform offers no revoke endpoint.
    NotOffered,
    /// The platform did not confirm it (what it answered, or why it could not be asked).
    NotConfirmed(String),
}

/// Revokes a token where the platform offers it.
pub async fn revoke(ctx: &Context, token: &Secret, is_refresh: bool) -> Revocation {
    let Some(url) = ctx.oauth.revoke_url.clone() else {
        return Revocation::NotOffered;
    };
    let moved = ctx.connection.overrides.token_url.is_some()
        || ctx.connection.mode == crate::connections::Mode::Sandbox;
    let url = if moved {
        // A connection pointed at another server revokes there too.
        sibling(&ctx.token_url, &url)
    } else {
        url
    };
    match super::standard::revoke(ctx, &url, token, is_refresh).await {
        Ok(Ok(())) => Revocation::Confirmed,
        Ok(Err(answer)) => Revocation::NotConfirmed(answer),
        Err(e) => Revocation::NotConfirmed(e.to_string()),
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
