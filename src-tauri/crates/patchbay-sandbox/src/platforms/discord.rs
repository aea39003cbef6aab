//! Discord HTTP API v10: `GET /users/@me` and `POST /channels/{id}/messages` with
//! `Authorization: Bot …`, and webhooks (`GET`/`POST /webhooks/{id}/{token}`, `?wait=true` for
//! the message back, 204 without). Errors are `{code, message}` with Discord's JSON error codes,
//! `errors` for invalid form bodies; 429s carry `retry_after` and `Retry-After`.
//!
//! Sandbox rules: a bot token containing `invalid` is refused; a channel id starting with `404`
//! is unknown (10003), with `403` the bot lacks access (50001); a webhook token containing
//! `invalid` is an unknown webhook (10015).

use super::common::fields;
use super::slack::first_line;
use crate::faults::FaultKind;
use crate::outbox::{Delivery, now};
use crate::state::{Refusal, State};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "discord";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/api/v10/users/@me", get(me))
        .route("/api/v10/channels/{channel}/messages", post(send))
        .route("/api/v10/webhooks/{id}/{token}", get(webhook).post(execute))
}

fn error(status: StatusCode, code: u32, message: &str) -> Response {
    (status, Json(json!({"code": code, "message": message}))).into_response()
}

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::RateLimited { retry_after }
        | Refusal::Fault(FaultKind::RateLimit {
            retry_after_secs: retry_after,
        }) => (
            StatusCode::TOO_MANY_REQUESTS,
            [
                (header::RETRY_AFTER, retry_after.to_string()),
                (header::HeaderName::from_static("x-ratelimit-scope"), "user".into()),
            ],
            Json(json!({"message": "You are being rate limited.", "retry_after": retry_after as f64, "global": false})),
        )
            .into_response(),
        Refusal::Fault(FaultKind::ExpiredToken) => {
            error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized")
        }
        _ => error(StatusCode::INTERNAL_SERVER_ERROR, 0, "500: Internal Server Error"),
    }
}

fn bot(headers: &HeaderMap) -> Result<String, Response> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bot "))
        .filter(|t| !t.is_empty() && !t.contains("invalid"));
    token
        .map(str::to_owned)
        .ok_or_else(|| error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized"))
}

async fn me(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    let token = match bot(&headers) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    if let Err(r) = state.admit(P, "/users/@me", &token, 0) {
        return refused(r);
    }
    Json(
        json!({"id": "1100000000000000001", "username": "patchbay-sandbox", "discriminator": "0",
        "global_name": null, "avatar": null, "bot": true, "verified": true, "flags": 0}),
    )
    .into_response()
}

fn snowflake(state: &State) -> String {
    let n = state.objects().len() as u64;
    format!(
        "{}",
        1_200_000_000_000_000_000u64 + chrono::Utc::now().timestamp_millis() as u64 * 1000 + n
    )
}

/// Checks a message body the way Discord does: content or embeds, content at most 2000
/// characters, at most 10 embeds.
fn message_body(body: &Value) -> Result<(), Response> {
    let content = body
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let embeds = body.get("embeds").and_then(Value::as_array);
    if content.is_empty() && embeds.is_none_or(Vec::is_empty) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            50006,
            "Cannot send an empty message",
        ));
    }
    let too_long = content.chars().count() > 2000;
    let too_many = embeds.is_some_and(|e| e.len() > 10);
    if too_long || too_many {
        let (field, msg) = if too_long {
            ("content", "Must be 2000 or fewer in length.")
        } else {
            ("embeds", "Must be 10 or fewer in length.")
        };
        let errors =
            json!({field: {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": msg}]}});
        return Err((
            StatusCode::BAD_REQUEST,
            Json(json!({"code": 50035, "message": "Invalid Form Body", "errors": errors})),
        )
            .into_response());
    }
    Ok(())
}

fn store(state: &State, channel: &str, body: &Value, kind: &str, author: &str) -> Value {
    let id = snowflake(state);
    let content = body
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = json!({
        "id": id, "type": 0, "channel_id": channel, "content": content,
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "author": {"id": "1100000000000000001", "username": author, "bot": true},
        "timestamp": now(), "edited_timestamp": null, "tts": false, "mention_everyone": false,
        "mentions": [], "mention_roles": [], "attachments": [], "pinned": false
    });
    state
        .objects()
        .insert(format!("discord/message/{id}"), message.clone());
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: kind.into(),
            id,
            summary: format!("{channel}: {}", first_line(content)),
            detail: message.clone(),
            file: None,
        },
        None,
    );
    message
}

async fn send(
    Shared(state): Shared<Arc<State>>,
    Path(channel): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let token = match bot(&headers) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    if let Err(r) = state.admit(P, "/channels/messages", &token, 0) {
        return refused(r);
    }
    if channel.starts_with("404") || !channel.chars().all(|c| c.is_ascii_digit()) {
        return error(StatusCode::NOT_FOUND, 10003, "Unknown Channel");
    }
    if channel.starts_with("403") {
        return error(StatusCode::FORBIDDEN, 50001, "Missing Access");
    }
    let Some(body) = fields(&headers, &body) else {
        return error(
            StatusCode::BAD_REQUEST,
            50109,
            "The request body contains invalid JSON.",
        );
    };
    if let Err(resp) = message_body(&body) {
        return resp;
    }
    Json(store(
        &state,
        &channel,
        &body,
        "message",
        "patchbay-sandbox",
    ))
    .into_response()
}

fn hook(id: &str, token: &str) -> Result<Value, Response> {
    if token.contains("invalid") || !id.chars().all(|c| c.is_ascii_digit()) {
        return Err(error(StatusCode::NOT_FOUND, 10015, "Unknown Webhook"));
    }
    Ok(
        json!({"type": 1, "id": id, "name": "Patchbay sandbox", "avatar": null,
        "channel_id": "1300000000000000001", "guild_id": "1400000000000000001",
        "application_id": null, "token": token}),
    )
}

async fn webhook(Path((id, token)): Path<(String, String)>) -> Response {
    match hook(&id, &token) {
        Ok(h) => Json(h).into_response(),
        Err(resp) => resp,
    }
}

async fn execute(
    Shared(state): Shared<Arc<State>>,
    Path((id, token)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let hook = match hook(&id, &token) {
        Ok(h) => h,
        Err(resp) => return resp,
    };
    if let Err(r) = state.admit(P, "/webhooks", &id, 0) {
        return refused(r);
    }
    let Some(body) = fields(&headers, &body) else {
        return error(
            StatusCode::BAD_REQUEST,
            50109,
            "The request body contains invalid JSON.",
        );
    };
    if let Err(resp) = message_body(&body) {
        return resp;
    }
    let author = body
        .get("username")
        .and_then(Value::as_str)
        .unwrap_or("Patchbay sandbox");
    let channel = hook["channel_id"].as_str().unwrap_or_default().to_owned();
    let message = store(&state, &channel, &body, "webhook", author);
    if q.get("wait").is_some_and(|w| w == "true") {
        Json(message).into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    }
}
