//! Asana API: `GET /api/1.0/users/me` and `POST /api/1.0/tasks` with a bearer personal access
//! token. Requests and answers wrap their object in a `data` envelope; errors are
//! `{errors: [{message}]}`. A task needs a workspace, a parent or projects.
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

const P: &str = "asana";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/api/1.0/users/me", get(me))
        .route("/api/1.0/tasks", post(task))
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"errors": [{"message": message, "help": "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors"}]}))).into_response()
}

fn admit(state: &State, headers: &HeaderMap, path: &str) -> Result<(), Response> {
    match bearer(headers) {
        Some(t) if !t.contains("invalid") => state.admit(P, path, &t, 0).map_err(|_| {
            error(
                StatusCode::TOO_MANY_REQUESTS,
                "You have made too many requests recently.",
            )
        }),
        _ => Err(error(StatusCode::UNAUTHORIZED, "Not Authorized")),
    }
}

async fn me(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    if let Err(resp) = admit(&state, &headers, "/users/me") {
        return resp;
    }
    Json(json!({"data": {"gid": "1200000000000001", "name": "Patchbay Sandbox", "resource_type": "user",
        "workspaces": [{"gid": "1200000000000100", "name": "Sandbox Studio", "resource_type": "workspace"}]}}))
    .into_response()
}

async fn task(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(resp) = admit(&state, &headers, "/tasks") {
        return resp;
    }
    let Some(data) = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|b| b.get("data").cloned())
    else {
        return error(StatusCode::BAD_REQUEST, "data: Missing input");
    };
    let Some(name) = data["name"].as_str().filter(|n| !n.is_empty()) else {
        return error(StatusCode::BAD_REQUEST, "name: Missing input");
    };
    let placed = data.get("workspace").is_some()
        || data.get("parent").is_some()
        || data["projects"].as_array().is_some_and(|p| !p.is_empty());
    if !placed {
        return error(
            StatusCode::BAD_REQUEST,
            "You should specify one of workspace, parent, projects",
        );
    }
    let n = state.history(P).len() as u64;
    let gid = format!(
        "{}",
        1_209_000_000_000_000u64
            + chrono::Utc::now().timestamp_millis() as u64 % 1_000_000_000 * 100
            + n
    );
    let task = json!({"gid": gid, "resource_type": "task", "name": name, "notes": data["notes"].as_str().unwrap_or_default(),
        "due_on": data["due_on"], "completed": false, "projects": data["projects"], "workspace": data["workspace"],
        "permalink_url": format!("https://app.asana.com/0/0/{gid}"), "created_at": now()});
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "task".into(),
            id: gid.clone(),
            summary: format!("task “{name}”"),
            detail: task.clone(),
            file: None,
        },
        None,
    );
    (StatusCode::CREATED, Json(json!({"data": task}))).into_response()
}
