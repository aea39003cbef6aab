//! Slack Web API: `auth.test`, `chat.postMessage`, `chat.update` and `reactions.add`. Bodies are
//! form-encoded (with `blocks` as a JSON string) or JSON; the token comes as
//! `Authorization: Bearer` or a `token` field. Every answer is HTTP 200 with `ok`, except
//! rate limits: HTTP 429 with `Retry-After` and `ok:false, error:"ratelimited"`.
//!
//! Sandbox tokens: any `xoxb-…`; one containing `invalid` is `invalid_auth`, `revoked` is
//! `token_revoked`. Channels: any name or id; a name containing `missing` is
//! `channel_not_found`, `private` is `not_in_channel`.

use super::common::{UPPER_DIGITS, bearer, fields, text};
use crate::faults::FaultKind;
use crate::outbox::{Delivery, now};
use crate::state::{Refusal, State};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::post;
use serde_json::{Value, json};
use sha2::Digest;
use std::sync::Arc;

const P: &str = "slack";

pub fn router() -> Router<Arc<State>> {
    Router::new().route("/api/{method}", post(call))
}

fn fail(error: &str) -> Response {
    Json(json!({"ok": false, "error": error})).into_response()
}

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::RateLimited { retry_after }
        | Refusal::Fault(FaultKind::RateLimit {
            retry_after_secs: retry_after,
        }) => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after.to_string())],
            Json(json!({"ok": false, "error": "ratelimited"})),
        )
            .into_response(),
        Refusal::Fault(FaultKind::ExpiredToken) => fail("token_expired"),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"ok": false, "error": "internal_error"})),
        )
            .into_response(),
    }
}

async fn call(
    Shared(state): Shared<Arc<State>>,
    Path(method): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(form) = fields(&headers, &body) else {
        return fail("invalid_form_data");
    };
    let Some(token) = bearer(&headers).or_else(|| text(&form, "token").map(str::to_owned)) else {
        return fail("not_authed");
    };
    if !token.starts_with("xoxb-") || token.contains("invalid") {
        return fail("invalid_auth");
    }
    if token.contains("revoked") {
        return fail("token_revoked");
    }
    if let Err(r) = state.admit(P, &format!("/api/{method}"), &token, 0) {
        return refused(r);
    }
    match method.as_str() {
        "auth.test" => Json(json!({
            "ok": true, "url": "https://sandbox-studio.slack.com/", "team": "Sandbox Studio",
            "user": "patchbay", "team_id": "T0SANDBOX", "user_id": "U0PATCHBAY", "bot_id": "B0PATCHBAY"
        }))
        .into_response(),
        "chat.postMessage" => post_message(&state, &form),
        "chat.update" => update(&state, &form),
        "reactions.add" => react(&state, &form),
        _ => fail("unknown_method"),
    }
}

/// The channel's id: ids pass through, names get a stable id per sandbox.
fn channel_id(channel: &str) -> Result<String, Response> {
    let name = channel.trim_start_matches('#');
    if name.contains("missing") {
        return Err(fail("channel_not_found"));
    }
    if name.contains("private") {
        return Err(fail("not_in_channel"));
    }
    if name.starts_with(['C', 'G'])
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Ok(name.to_owned());
    }
    // The same name gets the same id in every run, as a real workspace's channel would.
    let digest = sha2::Sha256::digest(name.as_bytes());
    let id: String = digest
        .iter()
        .take(9)
        .map(|b| UPPER_DIGITS[*b as usize % UPPER_DIGITS.len()] as char)
        .collect();
    Ok(format!("C0{id}"))
}

/// A message the bot posted: kept by this sandbox, or recalled from the outbox.
fn message<'a>(
    state: &State,
    objects: &'a mut std::collections::BTreeMap<String, Value>,
    channel: &str,
    ts: &str,
) -> Option<&'a mut Value> {
    let key = format!("slack/message/{channel}/{ts}");
    if !objects.contains_key(&key) {
        let detail = state.recall(P, ts).filter(|d| d["channel"] == channel)?;
        objects.insert(key.clone(), detail["message"].clone());
    }
    objects.get_mut(&key)
}

/// `blocks` as sent: a JSON array (or its text) of objects that each have a `type`.
fn blocks(form: &Value) -> Result<Option<Value>, Response> {
    let blocks = match form.get("blocks") {
        None => return Ok(None),
        Some(Value::String(s)) => {
            serde_json::from_str::<Value>(s).map_err(|_| fail("invalid_blocks_format"))?
        }
        Some(v) => v.clone(),
    };
    let valid = blocks.as_array().is_some_and(|items| {
        !items.is_empty()
            && items.len() <= 50
            && items
                .iter()
                .all(|b| b.get("type").and_then(Value::as_str).is_some())
    });
    if valid {
        Ok(Some(blocks))
    } else {
        Err(fail("invalid_blocks"))
    }
}

/// Slack's message timestamp: seconds and a unique six-digit suffix.
fn new_ts() -> String {
    let now = chrono::Utc::now();
    format!("{}.{:06}", now.timestamp(), now.timestamp_subsec_micros())
}

fn post_message(state: &State, form: &Value) -> Response {
    let Some(channel) = text(form, "channel") else {
        return fail("channel_not_found");
    };
    let channel = match channel_id(channel) {
        Ok(id) => id,
        Err(resp) => return resp,
    };
    let blocks = match blocks(form) {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let text_field = text(form, "text").unwrap_or_default().to_owned();
    if text_field.is_empty() && blocks.is_none() {
        return fail("no_text");
    }
    if text_field.chars().count() > 40_000 {
        return fail("msg_too_long");
    }
    let ts = new_ts();
    let mut message = json!({"type": "message", "user": "U0PATCHBAY", "bot_id": "B0PATCHBAY", "text": text_field, "ts": ts});
    if let Some(b) = blocks {
        message["blocks"] = b;
    }
    if let Some(thread) = text(form, "thread_ts") {
        message["thread_ts"] = json!(thread);
    }
    state
        .objects()
        .insert(format!("slack/message/{channel}/{ts}"), message.clone());
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "chat.postMessage".into(),
            id: ts.clone(),
            summary: format!("{channel}: {}", first_line(&text_field)),
            detail: json!({"channel": channel, "message": message}),
            file: None,
        },
        None,
    );
    Json(json!({"ok": true, "channel": channel, "ts": ts, "message": message})).into_response()
}

fn update(state: &State, form: &Value) -> Response {
    let (Some(channel), Some(ts)) = (text(form, "channel"), text(form, "ts")) else {
        return fail("message_not_found");
    };
    let channel = match channel_id(channel) {
        Ok(id) => id,
        Err(resp) => return resp,
    };
    let new_text = text(form, "text").unwrap_or_default().to_owned();
    if new_text.is_empty() && form.get("blocks").is_none() {
        return fail("no_text");
    }
    let mut objects = state.objects();
    let Some(message) = message(state, &mut objects, &channel, ts) else {
        return fail("message_not_found");
    };
    message["text"] = json!(new_text);
    message["edited"] = json!({"user": "U0PATCHBAY", "ts": ts});
    let message = message.clone();
    drop(objects);
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "chat.update".into(),
            id: ts.to_owned(),
            summary: format!("{channel}: {}", first_line(&new_text)),
            detail: json!({"channel": channel, "message": message}),
            file: None,
        },
        None,
    );
    Json(json!({"ok": true, "channel": channel, "ts": ts, "text": new_text, "message": message}))
        .into_response()
}

fn react(state: &State, form: &Value) -> Response {
    let (Some(channel), Some(ts), Some(name)) = (
        text(form, "channel"),
        text(form, "timestamp"),
        text(form, "name"),
    ) else {
        return fail("invalid_arguments");
    };
    let channel = match channel_id(channel) {
        Ok(id) => id,
        Err(resp) => return resp,
    };
    let name = name.trim_matches(':');
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+-'".contains(c))
    {
        return fail("invalid_name");
    }
    let mut objects = state.objects();
    let Some(message) = message(state, &mut objects, &channel, ts) else {
        return fail("message_not_found");
    };
    let reactions = message
        .as_object_mut()
        .map(|m| m.entry("reactions").or_insert_with(|| json!([])));
    let Some(Value::Array(list)) = reactions else {
        return fail("internal_error");
    };
    if list.iter().any(|r| r["name"] == name) {
        return fail("already_reacted");
    }
    list.push(json!({"name": name, "users": ["U0PATCHBAY"], "count": 1}));
    let message = message.clone();
    drop(objects);
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "reactions.add".into(),
            id: ts.to_owned(),
            summary: format!("{channel}: :{name}: on {ts}"),
            // The whole message, reactions included, so a later run recalls it as it is now.
            detail: json!({"channel": channel, "message": message}),
            file: None,
        },
        None,
    );
    Json(json!({"ok": true})).into_response()
}

/// The first line of a message, shortened for a one-line summary.
pub fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(79).collect::<String>())
    } else {
        line.to_owned()
    }
}
