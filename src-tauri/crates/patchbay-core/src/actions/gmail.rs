//! Gmail `send_email`: the same RFC 5322 message SMTP sends (lettre: text and HTML
//! alternatives, cc, bcc, attachments from allowed folders), encoded in `raw` and posted to
//! `users.messages.send` from the connected address. `raw` is "an RFC 2822 formatted and
//! base64url encoded string" in Gmail's reference, so it is sent in the URL-safe alphabet (with
//! padding, as Google's own samples send it); standard base64's `+` and `/` are what a strict
//! reader refuses. It is one request, but building
//! a MIME message is not a template's job, so it stays in code. A send is never repeated.

use super::Ctx;
use super::call::{self, Peer, Repeat};
use super::email::{Composed, compose};
use crate::error::{Error, Result};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE;
use serde_json::{Value, json};

const PEER: Peer<'static> = Peer {
    platform: "Gmail",
    check: "the Sent folder in Gmail",
};

pub(super) async fn run(ctx: &Ctx<'_>, action: &str, input: &Value) -> Result<Value> {
    if action != "send_email" {
        return Err(ctx.unavailable(action));
    }
    let from = ctx.c.account_handle.clone().filter(|h| h.contains('@')).ok_or_else(|| {
        Error::InvalidInput("This Gmail connection does not know its address yet. Connect it (or verify it), then try again.".into())
    })?;
    let Composed { message, .. } = compose(ctx.ws, &from, input, true)?;
    let raw = URL_SAFE.encode(message.formatted());
    let request = ctx
        .request(reqwest::Method::POST, "/users/me/messages/send")?
        .json(&json!({"raw": raw}));
    let reply = call::send(ctx.ws, request, Repeat::Never, PEER).await?;
    if reply.status == 429 {
        return Err(call::rate_limited("Gmail", &reply));
    }
    if !reply.ok() {
        let status = reply.body["error"]["status"].as_str().unwrap_or_default();
        let said = reply.body["error"]["message"]
            .as_str()
            .unwrap_or("no reason given");
        let message = match (reply.status, status) {
            (401, _) => {
                "it no longer accepts this connection's token. Reconnect the account.".to_owned()
            }
            (403, _) => format!(
                "the account did not allow sending mail ({said}). Reconnect and approve sending."
            ),
            _ => format!(
                "{} ({} {status}).",
                said.trim_end_matches('.'),
                reply.status
            ),
        };
        return Err(Error::ActionRefused {
            platform: "Gmail".into(),
            message,
        });
    }
    Ok(json!({"id": reply.body["id"], "threadId": reply.body["threadId"]}))
}
