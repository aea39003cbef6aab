//! Notion API: `GET /v1/users/me` and `POST /v1/pages` with a bearer integration secret and the
//! required `Notion-Version` header. A page's parent is a database; its title goes in the
//! database's title property (id `title`); children are block objects. Errors are
//! `{object: "error", status, code, message}`.
//!
//! Sandbox rules: a secret containing `invalid` is refused; a database id starting with
//! `00000000` is not shared with the integration (404 `object_not_found`).

use super::common::{HEX, bearer, random_id};
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

const P: &str = "notion";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/v1/users/me", get(me))
        .route("/v1/pages", post(page))
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(
            json!({"object": "error", "status": status.as_u16(), "code": code, "message": message}),
        ),
    )
        .into_response()
}

fn admit(state: &State, headers: &HeaderMap, path: &str) -> Result<(), Response> {
    let ok = bearer(headers).is_some_and(|t| {
        (t.starts_with("secret_") || t.starts_with("ntn_")) && !t.contains("invalid")
    });
    if !ok {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "API token is invalid.",
        ));
    }
    if headers.get("notion-version").is_none() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "missing_version",
            "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.",
        ));
    }
    state.admit(P, path, "token", 0).map_err(|_| {
        error(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "You have been rated limited. Please try again in a few minutes.",
        )
    })
}

async fn me(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    if let Err(resp) = admit(&state, &headers, "/v1/users/me") {
        return resp;
    }
    Json(json!({"object": "user", "id": "6794760a-1f15-45cd-9c65-0dfe42f5135a", "name": "Patchbay sandbox", "type": "bot", "bot": {}})).into_response()
}

fn uuid() -> String {
    let h = random_id("", 32, HEX);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

async fn page(Shared(state): Shared<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(resp) = admit(&state, &headers, "/v1/pages") {
        return resp;
    }
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "Error parsing JSON body.",
        );
    };
    let Some(database) = body["parent"]["database_id"].as_str() else {
        return error(
            StatusCode::BAD_REQUEST,
            "validation_error",
            "body failed validation: body.parent.database_id should be defined, instead was `undefined`.",
        );
    };
    let compact: String = database.chars().filter(|c| *c != '-').collect();
    if compact.len() != 32 || !compact.chars().all(|c| c.is_ascii_hexdigit()) {
        return error(
            StatusCode::BAD_REQUEST,
            "validation_error",
            &format!(
                "body failed validation: body.parent.database_id should be a valid uuid, instead was `\"{database}\"`."
            ),
        );
    }
    if compact.starts_with("00000000") {
        return error(
            StatusCode::NOT_FOUND,
            "object_not_found",
            &format!(
                "Could not find database with ID: {database}. Make sure the relevant pages and databases are shared with your integration."
            ),
        );
    }
    let title = body["properties"]["title"]["title"][0]["text"]["content"]
        .as_str()
        .unwrap_or_default();
    if title.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "validation_error",
            "Title is not a property that exists, or is empty.",
        );
    }
    for (i, block) in body["children"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let kind = block["type"].as_str().unwrap_or_default();
        if block["object"] != "block" || block.get(kind).is_none() {
            return error(
                StatusCode::BAD_REQUEST,
                "validation_error",
                &format!("body failed validation: body.children[{i}] should be a block object."),
            );
        }
    }
    let id = uuid();
    let slug: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let page = json!({
        "object": "page", "id": id, "created_time": now(), "archived": false,
        "parent": {"type": "database_id", "database_id": database},
        "properties": body["properties"], "url": format!("https://www.notion.so/{slug}-{}", id.replace('-', "")),
    });
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "page".into(),
            id: id.clone(),
            summary: format!("page “{title}”"),
            detail: json!({"page": page, "children": body["children"]}),
            file: None,
        },
        None,
    );
    Json(page).into_response()
}
