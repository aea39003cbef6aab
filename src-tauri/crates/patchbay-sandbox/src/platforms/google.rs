//! Google Workspace APIs on the Google sign-in the sandbox serves (YouTube's OAuth endpoints
//! issue the tokens): Gmail `users.getProfile` and `users.messages.send` (a base64url RFC 5322
//! message in `raw`, needing the gmail.send scope), and Sheets `spreadsheets.get` and
//! `spreadsheets.values.append` (`valueInputOption` required, `values` a list of rows). Errors
//! are `{error: {code, message, status}}`.
//!
//! Sandbox rule: a spreadsheet id starting with `missing` does not exist.

use crate::outbox::{Delivery, now};
use crate::state::State;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Google tokens come from the sandbox's Google sign-in, which YouTube shares.
const SIGN_IN: &str = "youtube";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/gmail/v1/users/me/profile", get(profile))
        .route("/gmail/v1/users/me/messages/send", post(send))
        .route("/sheets/v4/spreadsheets/{id}", get(spreadsheet))
        .route("/sheets/v4/spreadsheets/{id}/values/{*range}", post(append))
}

fn error(status: StatusCode, message: &str) -> Response {
    let text = match status.as_u16() {
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        400 => "INVALID_ARGUMENT",
        _ => "INTERNAL",
    };
    (
        status,
        Json(json!({"error": {"code": status.as_u16(), "message": message, "status": text}})),
    )
        .into_response()
}

/// The signed-in account's index, when the token is valid and carries `scope`.
fn admit(state: &State, headers: &HeaderMap, path: &str, scope: &str) -> Result<usize, Response> {
    let token = super::common::bearer(headers).unwrap_or_default();
    let checked = state.oauth().check(SIGN_IN, &token, state.now());
    let Ok(t) = checked else {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "Request had invalid authentication credentials. Expected OAuth 2 access token.",
        ));
    };
    if !t.scopes.iter().any(|s| s.ends_with(scope)) {
        return Err(error(
            StatusCode::FORBIDDEN,
            "Request had insufficient authentication scopes.",
        ));
    }
    state.admit("google", path, &token, 0).map_err(|_| {
        error(
            StatusCode::TOO_MANY_REQUESTS,
            "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user'.",
        )
    })?;
    Ok(t.account)
}

fn address(state: &State, account: usize) -> String {
    let name = state
        .account(SIGN_IN, account)
        .map_or("creator", |a| a.username.as_str());
    format!("{}@gmail.com", name.to_lowercase())
}

async fn profile(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    let account = match admit(&state, &headers, "/gmail/profile", "gmail.readonly") {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    Json(json!({"emailAddress": address(&state, account), "messagesTotal": 1204, "threadsTotal": 830, "historyId": "98765"})).into_response()
}

/// A header's value from raw message text (first occurrence).
fn header(raw: &str, name: &str) -> String {
    raw.split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_default()
}

async fn send(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    let account = match admit(&state, &headers, "/gmail/send", "gmail.send") {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let raw = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|b| b["raw"].as_str().map(str::to_owned));
    let Some(raw) = raw else {
        return error(
            StatusCode::BAD_REQUEST,
            "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
        );
    };
    // The reference asks for base64url; padded or not, but never standard base64's `+` or `/`.
    let decoded = URL_SAFE_NO_PAD.decode(raw.trim_end_matches('='));
    let Ok(bytes) = decoded else {
        return error(
            StatusCode::BAD_REQUEST,
            "Invalid value for ByteString: the raw message is not base64.",
        );
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let to = header(&text, "To");
    if to.is_empty() {
        return error(StatusCode::BAD_REQUEST, "Invalid To header");
    }
    let from = header(&text, "From");
    if !from.contains(&address(&state, account)) {
        return error(
            StatusCode::BAD_REQUEST,
            "Mail service not enabled for the From address; Gmail sends only as the signed-in account.",
        );
    }
    let id = super::common::random_id("18c", 13, super::common::HEX);
    let subject = header(&text, "Subject");
    state.deliver(
        Delivery { at: now(), platform: "gmail".into(), kind: "mail".into(), id: id.clone(),
            summary: format!("to {to}: {subject}"), detail: json!({"from": from, "to": to, "subject": subject, "bytes": bytes.len(), "bcc": header(&text, "Bcc")}), file: None },
        Some(&bytes),
    );
    Json(json!({"id": id, "threadId": id, "labelIds": ["SENT"]})).into_response()
}

async fn spreadsheet(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(resp) = admit(&state, &headers, "/sheets/get", "spreadsheets") {
        return resp;
    }
    if id.starts_with("missing") {
        return error(StatusCode::NOT_FOUND, "Requested entity was not found.");
    }
    Json(json!({"spreadsheetId": id, "properties": {"title": "Sandbox sheet"}})).into_response()
}

async fn append(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path((id, range)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    if let Err(resp) = admit(&state, &headers, "/sheets/append", "spreadsheets") {
        return resp;
    }
    let Some(range) = range.strip_suffix(":append") else {
        return error(StatusCode::NOT_FOUND, "Method not found.");
    };
    if id.starts_with("missing") {
        return error(StatusCode::NOT_FOUND, "Requested entity was not found.");
    }
    if !matches!(
        q.get("valueInputOption").map(String::as_str),
        Some("RAW" | "USER_ENTERED")
    ) {
        return error(
            StatusCode::BAD_REQUEST,
            "'valueInputOption' is required but not specified",
        );
    }
    let rows = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|b| b["values"].as_array().cloned());
    let Some(rows) = rows.filter(|r| r.iter().all(Value::is_array)) else {
        return error(
            StatusCode::BAD_REQUEST,
            "Invalid values: 'values' must be a list of rows, each a list of cells.",
        );
    };
    let (sheet, columns) = range.split_once('!').unwrap_or(("Sheet1", range));
    let first_col = columns
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>();
    let first_col = if first_col.is_empty() {
        "A".to_owned()
    } else {
        first_col
    };
    let width = rows
        .iter()
        .map(|r| r.as_array().map_or(0, Vec::len))
        .max()
        .unwrap_or(0)
        .max(1);
    let last_col = (b'A' + (first_col.as_bytes()[0] - b'A') + width as u8 - 1) as char;
    let before: usize = state
        .history("sheets")
        .iter()
        .filter(|d| d.detail["spreadsheetId"] == id.as_str() && d.detail["sheet"] == sheet)
        .map(|d| d.detail["rows"].as_array().map_or(0, Vec::len))
        .sum();
    let (from, to) = (before + 1, before + rows.len());
    let updated = format!("{sheet}!{first_col}{from}:{last_col}{to}");
    let cells = rows
        .iter()
        .map(|r| r.as_array().map_or(0, Vec::len))
        .sum::<usize>();
    state.deliver(
        Delivery {
            at: now(),
            platform: "sheets".into(),
            kind: "append".into(),
            id: updated.clone(),
            summary: format!("{} rows to {updated}", rows.len()),
            detail: json!({"spreadsheetId": id, "sheet": sheet, "rows": rows}),
            file: None,
        },
        None,
    );
    let table = if before == 0 {
        Value::Null
    } else {
        json!(format!("{sheet}!{first_col}1:{last_col}{before}"))
    };
    Json(json!({"spreadsheetId": id, "tableRange": table, "updates": {"spreadsheetId": id, "updatedRange": updated,
        "updatedRows": rows.len(), "updatedColumns": width, "updatedCells": cells}}))
    .into_response()
}
