//! HubSpot CRM: `GET /account-info/v3/details` and `POST /crm/v3/objects/contacts` with a
//! private app's bearer token. A contact's fields go in `properties`; a second contact with the
//! same email is a 409 CONFLICT naming the existing id. Errors are
//! `{status: "error", message, category, correlationId}`.
//!
//! Sandbox rule: a token containing `invalid` is refused.

use super::common::bearer;
use crate::outbox::{Delivery, now};
use crate::state::State;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State as Shared;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::Arc;

const P: &str = "hubspot";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/account-info/v3/details", get(details))
        .route("/crm/v3/objects/contacts", post(contact))
}

fn error(status: StatusCode, category: &str, message: &str) -> Response {
    (
        status,
        Json(
            json!({"status": "error", "message": message, "category": category,
        "correlationId": "7c1f9a4e-0d4f-4c9b-9a53-sandbox"}),
        ),
    )
        .into_response()
}

fn admit(state: &State, headers: &HeaderMap, path: &str) -> Result<(), Response> {
    match bearer(headers) {
        Some(t) if !t.contains("invalid") => state.admit(P, path, &t, 0).map_err(|_| {
            error(
                StatusCode::TOO_MANY_REQUESTS,
                "RATE_LIMITS",
                "You have reached your ten_secondly_rolling limit.",
            )
        }),
        _ => Err(error(
            StatusCode::UNAUTHORIZED,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found.",
        )),
    }
}

async fn details(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    if let Err(resp) = admit(&state, &headers, "/account-info") {
        return resp;
    }
    Json(json!({"portalId": 4_200_001, "uiDomain": "app.hubspot.com", "timeZone": "UTC", "accountType": "STANDARD"})).into_response()
}

async fn contact(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(resp) = admit(&state, &headers, "/crm/v3/objects/contacts") {
        return resp;
    }
    let Some(props) = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|b| b.get("properties").cloned())
        .filter(Value::is_object)
    else {
        return error(
            StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            "Invalid input JSON: the body needs a properties object.",
        );
    };
    let email = props["email"].as_str().unwrap_or_default().to_owned();
    if !email.is_empty() && !email.contains('@') {
        return error(
            StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            &format!("Property values were not valid: Email address {email} is invalid"),
        );
    }
    let existing = state
        .history(P)
        .into_iter()
        .find(|d| !email.is_empty() && d.detail["properties"]["email"] == email.as_str());
    if let Some(d) = existing {
        return error(
            StatusCode::CONFLICT,
            "CONFLICT",
            &format!("Contact already exists. Existing ID: {}", d.id),
        );
    }
    let id = format!(
        "{}",
        50_000_000_000u64 + chrono::Utc::now().timestamp_micros() as u64 % 1_000_000_000
    );
    let mut properties = props.clone();
    properties["hs_object_id"] = json!(id);
    properties["createdate"] = json!(now());
    let contact = json!({"id": id, "properties": properties, "createdAt": now(), "updatedAt": now(), "archived": false});
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "contact".into(),
            id: id.clone(),
            summary: format!("contact {email}"),
            detail: contact.clone(),
            file: None,
        },
        None,
    );
    (StatusCode::CREATED, Json(contact)).into_response()
}
