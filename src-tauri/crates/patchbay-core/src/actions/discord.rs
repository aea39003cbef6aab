//! Discord: `send_message` posts to a channel as the connection's bot (`Authorization: Bot …`);
//! `send_webhook` executes the connection's webhook (a secret: its URL is the credential) with
//! `?wait=true`, so the created message's id comes back. The webhook URL is read only for its id
//! and token: the request always goes to Discord's API base (or the sandbox), never to a host
//! the URL names. Discord's JSON error codes become sentences.

use super::call::{self, Peer, Repeat};
use super::{Ctx, text};
use crate::connections::webhook::webhook;
use crate::error::{Error, Result};
use serde_json::{Map, Value, json};

const PEER: Peer<'static> = Peer {
    platform: "Discord",
    check: "the channel in Discord",
};

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
