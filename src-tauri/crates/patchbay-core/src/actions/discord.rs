//! Discord: `send_message` posts to a channel as the connection's bot (`Authorization: Bot …`);
//! `send_webhook` executes the connection's webhook (a secret: its URL is the credential) with
//! `?wait=true`, so the created message's id comes back. The webhook URL is read only for its id
//! and token: the request always goes to Discord's API base (or the sandbox), never to a host
//! the URL names. Discord's JSON error codes become sentences.

use super::call::{self, Peer, Repeat};
use super::{Ctx, text};
use crate::connections::model::VerifyOutcome;
use crate::error::{Error, Result};
use serde_json::{Map, Value, json};

const PEER: Peer<'static> = Peer {
    platform: "Discord",
    check: "the channel in Discord",
};

/// The connection's webhook credential field.
pub(crate) const WEBHOOK_FIELD: &str = "webhook_url";

pub(super) async fn run(ctx: &Ctx<'_>, action: &str, input: &Value) -> Result<Value> {
    let mut body = Map::new();
    for field in ["content", "embeds", "username", "avatar_url"] {
        if let Some(v) = input.get(field) {
            body.insert(field.into(), v.clone());
        }
    }
    let request = match action {
        "send_message" => {
            body.remove("username");
            body.remove("avatar_url");
            let channel = text(input, "channel_id")
                .map(str::to_owned)
                .or_else(|| ctx.config_text("default_channel_id"))
                .ok_or_else(|| {
                    Error::InvalidInput(
                        "Give a channel_id, or set the connection's default channel ID.".into(),
                    )
                })?;
            ctx.request(
                reqwest::Method::POST,
                &format!("/channels/{channel}/messages"),
            )?
        }
        "send_webhook" => {
            let (id, token) = webhook(ctx)?;
            ctx.bare(reqwest::Method::POST, &format!("/webhooks/{id}/{token}"))?
                .query(&[("wait", "true")])
        }
        _ => return Err(ctx.unavailable(action)),
    };
    let reply = call::send(ctx.ws, request.json(&body), Repeat::Never, PEER).await?;
    if reply.status == 429 {
        return Err(call::rate_limited("Discord", &reply));
    }
    if !reply.ok() {
        return Err(Error::ActionRefused {
            platform: "Discord".into(),
            message: sentence(reply.status, &reply.body),
        });
    }
    Ok(json!({"id": reply.body["id"], "channel_id": reply.body["channel_id"]}))
}

/// The webhook's id and token, from its URL as Discord shows it
/// (`https://discord.com/api/webhooks/{id}/{token}`).
fn webhook(ctx: &Ctx<'_>) -> Result<(String, String)> {
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
        Ok(reply) => (VerifyOutcome::Unexpected, sentence(reply.status, &reply.body)),
        Err(e) => (VerifyOutcome::Unreachable, e.to_string()),
    };
    Ok(Some(found))
}

fn sentence(status: u16, body: &Value) -> String {
    let code = body["code"].as_u64().unwrap_or(0);
    let what = match (status, code) {
        (401, _) => "it rejected the bot token. Reset it in the Developer Portal and paste the new one".to_owned(),
        (_, 10003) => "there is no channel with that ID. Turn on Developer Mode and use Copy Channel ID".to_owned(),
        (_, 50001) => "the bot cannot see that channel. Invite it to the server, or give it View Channel there".to_owned(),
        (_, 50013) => "the bot lacks the Send Messages permission in that channel".to_owned(),
        (_, 10015) => "the webhook was deleted or its URL is wrong. Copy it again".to_owned(),
        (_, 50006) => "the message is empty: give content or embeds".to_owned(),
        (_, 40005) => "the message is too large".to_owned(),
        (_, 50035) => format!("some fields are not valid: {}", form_errors(&body["errors"], "")),
        _ => format!(
            "it answered {status} ({})",
            body["message"].as_str().unwrap_or("no reason given")
        ),
    };
    format!("{what} (code {code}).")
}

/// Discord's nested `errors` tree as `field: message` pairs.
fn form_errors(tree: &Value, path: &str) -> String {
    let Some(map) = tree.as_object() else {
        return String::new();
    };
    let mut out = Vec::new();
    for (key, value) in map {
        if key == "_errors" {
            for e in value.as_array().into_iter().flatten() {
                out.push(format!(
                    "{path}: {}",
                    e["message"].as_str().unwrap_or("invalid")
                ));
            }
        } else {
            let child = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let inner = form_errors(value, &child);
            if !inner.is_empty() {
                out.push(inner);
            }
        }
    }
    out.join("; ")
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
