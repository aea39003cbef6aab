//! Twilio REST API 2010-04-01: `GET /Accounts/{sid}.json` and
//! `POST /Accounts/{sid}/Messages.json` with HTTP basic auth (Account SID and Auth Token) and
//! form bodies (`To`, `From`, `Body`). WhatsApp numbers carry the `whatsapp:` prefix on both
//! ends. Errors are `{code, message, more_info, status}` with Twilio's error codes.
//!
//! Sandbox rules: an Auth Token containing `invalid` is refused (20003); a `To` ending in `0000`
//! cannot receive (21610, unsubscribed).

use super::common::{HEX, fields, random_id, text};
use super::slack::first_line;
use crate::faults::FaultKind;
use crate::outbox::{Delivery, now};
use crate::state::{Refusal, State};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;
use std::sync::Arc;

const P: &str = "twilio";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/2010-04-01/Accounts/{account}", get(account))
        .route("/2010-04-01/Accounts/{account}/Messages.json", post(send))
}

fn error(status: StatusCode, code: u32, message: &str) -> Response {
    (
        status,
        Json(
            json!({"code": code, "message": message, "status": status.as_u16(),
            "more_info": format!("https://www.twilio.com/docs/errors/{code}")}),
        ),
    )
        .into_response()
}

/// The Account SID the request authenticates as, when it matches the one in the path.
fn authenticate(headers: &HeaderMap, account: &str) -> Result<(), Response> {
    let pair = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok());
    match pair.as_deref().and_then(|p| p.split_once(':')) {
        Some((sid, token)) if sid == account && !token.is_empty() && !token.contains("invalid") => {
            Ok(())
        }
        _ => Err(error(StatusCode::UNAUTHORIZED, 20003, "Authenticate")),
    }
}

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::RateLimited { .. } | Refusal::Fault(FaultKind::RateLimit { .. }) => {
            error(StatusCode::TOO_MANY_REQUESTS, 20429, "Too Many Requests")
        }
        _ => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            20500,
            "An internal server error has occurred",
        ),
    }
}

async fn account(
    Shared(state): Shared<Arc<State>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(sid) = file.strip_suffix(".json") else {
        return error(
            StatusCode::NOT_FOUND,
            20404,
            "The requested resource was not found",
        );
    };
    if let Err(resp) = authenticate(&headers, sid) {
        return resp;
    }
    if let Err(r) = state.admit(P, "/Accounts", sid, 0) {
        return refused(r);
    }
    Json(
        json!({"sid": sid, "friendly_name": "Patchbay sandbox", "status": "active", "type": "Full",
        "date_created": "Sun, 01 Nov 2026 12:00:00 +0000", "owner_account_sid": sid,
        "uri": format!("/2010-04-01/Accounts/{sid}.json")}),
    )
    .into_response()
}

/// `+` and 2 to 15 digits, the first not 0.
fn e164(number: &str) -> bool {
    number.strip_prefix('+').is_some_and(|d| {
        (2..=15).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()) && !d.starts_with('0')
    })
}

async fn send(
    Shared(state): Shared<Arc<State>>,
    Path(account): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(resp) = authenticate(&headers, &account) {
        return resp;
    }
    if let Err(r) = state.admit(P, "/Messages.json", &account, 0) {
        return refused(r);
    }
    let Some(form) = fields(&headers, &body) else {
        return error(StatusCode::BAD_REQUEST, 21601, "Invalid request body");
    };
    let (Some(to), Some(from)) = (text(&form, "To"), text(&form, "From")) else {
        return error(
            StatusCode::BAD_REQUEST,
            21604,
            "A 'To' phone number is required.",
        );
    };
    let Some(message) = text(&form, "Body") else {
        return error(StatusCode::BAD_REQUEST, 21602, "Message body is required.");
    };
    let whatsapp = to.starts_with("whatsapp:");
    if whatsapp != from.starts_with("whatsapp:") {
        return error(
            StatusCode::BAD_REQUEST,
            63007,
            "Twilio could not find a Channel with the specified From address",
        );
    }
    let (to_number, from_number) = (
        to.trim_start_matches("whatsapp:"),
        from.trim_start_matches("whatsapp:"),
    );
    if !e164(to_number) {
        return error(
            StatusCode::BAD_REQUEST,
            21211,
            &format!("Invalid 'To' Phone Number: {to_number}"),
        );
    }
    if !e164(from_number) {
        return error(
            StatusCode::BAD_REQUEST,
            21212,
            &format!("Invalid 'From' Phone Number: {from_number}"),
        );
    }
    if to_number.ends_with("0000") {
        return error(
            StatusCode::BAD_REQUEST,
            21610,
            "Attempt to send to unsubscribed recipient",
        );
    }
    if message.chars().count() > 1600 {
        return error(
            StatusCode::BAD_REQUEST,
            21617,
            "The concatenated message body exceeds the 1600 character limit.",
        );
    }
    let sid = random_id("SM", 32, HEX);
    let segments = message.chars().count().div_ceil(153).max(1);
    let created = chrono::Utc::now()
        .format("%a, %d %b %Y %H:%M:%S +0000")
        .to_string();
    let answer = json!({
        "sid": sid, "account_sid": account, "to": to, "from": from, "body": message,
        "status": "queued", "direction": "outbound-api", "num_segments": segments.to_string(),
        "num_media": "0", "price": null, "price_unit": "USD", "error_code": null, "error_message": null,
        "date_created": created, "date_updated": created, "date_sent": null, "api_version": "2010-04-01",
        "messaging_service_sid": null,
        "uri": format!("/2010-04-01/Accounts/{account}/Messages/{sid}.json")
    });
    state
        .objects()
        .insert(format!("twilio/message/{sid}"), answer.clone());
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: if whatsapp { "whatsapp" } else { "sms" }.into(),
            id: sid,
            summary: format!("to {to}: {}", first_line(message)),
            detail: answer.clone(),
            file: None,
        },
        None,
    );
    (StatusCode::CREATED, Json(answer)).into_response()
}
