//! Slack: `send_message` (chat.postMessage, with Block Kit `blocks`), `update_message`
//! (chat.update) and `add_reaction` (reactions.add), with the bot token as
//! `Authorization: Bearer`. Bodies are form-encoded, `blocks` as a JSON string: what Slack's
//! own API description asks for, and what Slack accepts from every client. Slack answers HTTP
//! 200 with `ok: false` and an `error` code when it says no; each known code becomes a sentence.

use super::call::{self, Peer, Repeat};
use super::{Ctx, text};
use crate::error::{Error, Result};
use serde_json::{Value, json};

const PEER: Peer<'static> = Peer {
    platform: "Slack",
    check: "the channel in Slack",
};

pub(super) async fn run(ctx: &Ctx<'_>, action: &str, input: &Value) -> Result<Value> {
    let (method, form) = match action {
        "send_message" => {
            let mut form = vec![("channel", channel(ctx, input)?)];
            if let Some(t) = text(input, "text") {
                form.push(("text", t.to_owned()));
            }
            if let Some(blocks) = input.get("blocks") {
                form.push(("blocks", blocks.to_string()));
            }
            if let Some(thread) = text(input, "thread_ts") {
                form.push(("thread_ts", thread.to_owned()));
            }
            ("chat.postMessage", form)
        }
        "update_message" => {
            let mut form = vec![("channel", channel(ctx, input)?)];
            for field in ["ts", "text"] {
                if let Some(v) = text(input, field) {
                    form.push((field, v.to_owned()));
                }
            }
            if let Some(blocks) = input.get("blocks") {
                form.push(("blocks", blocks.to_string()));
            }
            ("chat.update", form)
        }
        "add_reaction" => {
            let mut form = vec![("channel", channel(ctx, input)?)];
            for field in ["timestamp", "name"] {
                if let Some(v) = text(input, field) {
                    form.push((field, v.trim_matches(':').to_owned()));
                }
            }
            ("reactions.add", form)
        }
        _ => return Err(ctx.unavailable(action)),
    };
    let request = ctx
        .request(reqwest::Method::POST, &format!("/{method}"))?
        .form(&form);
    // A reaction added twice is refused by Slack (already_reacted), so it may be repeated;
    // a message may not.
    let repeat = if action == "add_reaction" {
        Repeat::Safe
    } else {
        Repeat::Never
    };
    let reply = call::send(ctx.ws, request, repeat, PEER).await?;
    if reply.status == 429 {
        return Err(call::rate_limited("Slack", &reply));
    }
    if reply.body.get("ok") != Some(&Value::Bool(true)) {
        let code = reply
            .body
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("unknown_error");
        return Err(Error::ActionRefused {
            platform: "Slack".into(),
            message: sentence(code),
        });
    }
    let b = &reply.body;
    Ok(match action {
        "send_message" => json!({"ok": true, "channel": b["channel"], "ts": b["ts"]}),
        "update_message" => {
            json!({"ok": true, "channel": b["channel"], "ts": b["ts"], "text": b["text"]})
        }
        _ => json!({"ok": true}),
    })
}

/// The input's channel, else the connection's default channel.
fn channel(ctx: &Ctx<'_>, input: &Value) -> Result<String> {
    text(input, "channel")
        .map(str::to_owned)
        .or_else(|| ctx.config_text("default_channel"))
        .ok_or_else(|| {
            Error::InvalidInput("Name a channel, or set the connection's default channel.".into())
        })
}

/// What Slack's error code means for the user, and what to do.
fn sentence(code: &str) -> String {
    let what = match code {
        "channel_not_found" => {
            "no channel by that name or ID is visible to the bot. Check the name, or use the channel ID"
        }
        "not_in_channel" => {
            "the bot is not in that channel. Invite it with /invite @your-app, then try again"
        }
        "is_archived" => "that channel is archived",
        "invalid_auth" | "not_authed" => {
            "the bot token is not valid. Copy it again from OAuth & Permissions"
        }
        "token_revoked" | "token_expired" => {
            "the bot token was revoked. Reinstall the app and paste the new token"
        }
        "account_inactive" => "the bot's workspace or user is deactivated",
        "missing_scope" => {
            "the app lacks a scope this needs (chat:write, or reactions:write for reactions). Add it under OAuth & Permissions and reinstall"
        }
        "no_text" => "the message has no text and no blocks",
        "msg_too_long" => "the message is longer than Slack allows",
        "invalid_blocks" | "invalid_blocks_format" => {
            "the blocks are not valid Block Kit. Check them in Slack's Block Kit Builder"
        }
        "message_not_found" => "there is no message with that timestamp in that channel",
        "cant_update_message" | "edit_window_closed" => "that message cannot be edited by the bot",
        "already_reacted" => "the bot already added that reaction",
        "invalid_name" => "that is not an emoji name Slack knows",
        "restricted_action" => "a workspace setting prevents the bot from doing this",
        "ratelimited" => "it is rate limiting this token. Wait a minute and try again",
        other => {
            return format!(
                "it answered `{other}`. Slack's API documentation lists what it means."
            );
        }
    };
    format!("{what} (`{code}`).")
}
