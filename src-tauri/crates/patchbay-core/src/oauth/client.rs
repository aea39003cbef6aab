//! Revoking a connection's tokens: where the platform offers it, and where a connection that was
//! pointed at another server revokes them. The request itself is `standard::revoke`.

use super::context::Context;
use crate::error::Result;
use crate::vault::Secret;

/// Revokes a token where the platform offers it; `Ok(false)` when it does not.
pub async fn revoke(ctx: &Context, token: &Secret, is_refresh: bool) -> Result<bool> {
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
    super::standard::revoke(ctx, &url, token, is_refresh).await
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
