//! A Discord connection that holds only a webhook: its URL is the credential, read for its id
//! and token only (the request always goes to Discord's API base, or the sandbox, never to a
//! host the URL names), and Verify proves it by reading the webhook, sending nothing.

use super::call::{self, Peer, Repeat};
use super::model::VerifyOutcome;
use super::request::Ctx;
use crate::error::{Error, Result};

const PEER: Peer<'static> = Peer {
    platform: "Discord",
    check: "the channel in Discord",
};

/// The connection's webhook credential field.
pub(crate) const WEBHOOK_FIELD: &str = "webhook_url";

/// The webhook's id and token, from its URL as Discord shows it
/// (`https://discord.com/api/webhooks/{id}/{token}`).
pub(crate) fn webhook(ctx: &Ctx<'_>) -> Result<(String, String)> {
    let url = ctx.secret(WEBHOOK_FIELD)?.ok_or_else(|| {
        Error::InvalidInput(
            "This connection has no webhook URL. Add one (Server Settings → Integrations → Webhooks → Copy Webhook URL).".into(),
        )
    })?;
    parse_webhook(url.expose()).ok_or_else(|| {
        Error::InvalidInput(
            "The webhook URL is not a Discord webhook address (https://discord.com/api/webhooks/…). Copy it again.".into(),
        )
    })
}

fn parse_webhook(url: &str) -> Option<(String, String)> {
    let url = url::Url::parse(url).ok()?;
    let host_ok = matches!(
        url.host_str()?,
        "discord.com" | "discordapp.com" | "ptb.discord.com" | "canary.discord.com"
    );
    let mut parts: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    if parts.get(1).is_some_and(|v| v.starts_with('v')) {
        parts.remove(1);
    }
    match parts.as_slice() {
        ["api", "webhooks", id, token]
            if host_ok && url.scheme() == "https" && id.chars().all(|c| c.is_ascii_digit()) =>
        {
            Some(((*id).to_owned(), (*token).to_owned()))
        }
        _ => None,
    }
}

/// Verify for a connection that holds only a webhook: reads the webhook (Discord answers its
/// name and channel without sending anything). `None` when the connection has a bot token or
/// no webhook.
pub(crate) async fn verify_webhook(ctx: &Ctx<'_>) -> Result<Option<(VerifyOutcome, String)>> {
    if ctx.secret("bot_token")?.is_some() || ctx.secret(WEBHOOK_FIELD)?.is_none() {
        return Ok(None);
    }
    let (id, token) = webhook(ctx)?;
    let request = ctx.bare(reqwest::Method::GET, &format!("/webhooks/{id}/{token}"))?;
    let found = match call::send(ctx.ws, request, Repeat::Safe, PEER).await {
        Ok(reply) if reply.ok() => (
            VerifyOutcome::Verified,
            format!(
                "The webhook “{}” works; nothing was sent.",
                reply.body["name"].as_str().unwrap_or("unnamed")
            ),
        ),
        Ok(reply) if reply.status == 404 || reply.status == 401 => (
            VerifyOutcome::CredentialsRejected,
            "Discord does not know this webhook: it was deleted or the URL is wrong. Copy it again.".into(),
        ),
        Ok(reply) => (
            VerifyOutcome::Unexpected,
            format!("Discord answered {} when reading the webhook.", reply.status),
        ),
        Err(e) => (VerifyOutcome::Unreachable, e.to_string()),
    };
    Ok(Some(found))
}

#[cfg(test)]
mod tests {
    use super::parse_webhook;

    #[test]
    fn a_webhook_url_yields_its_id_and_token_only_on_discords_hosts() {
        let ok = parse_webhook("https://discord.com/api/webhooks/123456789012345678/abc-DEF_1");
        assert_eq!(ok, Some(("123456789012345678".into(), "abc-DEF_1".into())));
        assert!(parse_webhook("https://discord.com/api/v10/webhooks/1/t").is_some());
        assert!(parse_webhook("https://evil.example/api/webhooks/1/t").is_none());
        assert!(parse_webhook("http://discord.com/api/webhooks/1/t").is_none());
        assert!(parse_webhook("https://discord.com/api/webhooks/x/t").is_none());
    }
}
