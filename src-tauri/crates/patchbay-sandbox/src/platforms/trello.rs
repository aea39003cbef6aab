//! Trello REST API: `GET /1/members/me` and `POST /1/cards`, authenticated by `key` and `token`
//! query parameters. Card fields travel as query parameters; errors are plain text.
//!
//! Sandbox rules: a token containing `invalid` is refused; the list `000000000000000000000000`
//! does not exist.

use super::common::{HEX, random_id};
use crate::outbox::{Delivery, now};
use crate::state::State;
use axum::Router;
use axum::extract::{Query, State as Shared};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "trello";

type Params = Query<HashMap<String, String>>;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/1/members/me", get(me))
        .route("/1/cards", post(card))
}

fn admit(state: &State, q: &HashMap<String, String>, path: &str) -> Result<(), Response> {
    match (q.get("key"), q.get("token")) {
        (None, _) => Err((StatusCode::UNAUTHORIZED, "invalid key").into_response()),
        (_, None) => Err((
            StatusCode::UNAUTHORIZED,
            "unauthorized permission requested",
        )
            .into_response()),
        (_, Some(t)) if t.contains("invalid") => {
            Err((StatusCode::UNAUTHORIZED, "invalid token").into_response())
        }
        (Some(_), Some(t)) => state.admit(P, path, t, 0).map_err(|_| {
            (StatusCode::TOO_MANY_REQUESTS, "API_TOKEN_LIMIT_EXCEEDED").into_response()
        }),
    }
}

async fn me(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    if let Err(resp) = admit(&state, &q, "/1/members/me") {
        return resp;
    }
    Json(json!({"id": "5f1e2d3c4b5a69788796a5b4", "username": "patchbaysandbox"})).into_response()
}

async fn card(Shared(state): Shared<Arc<State>>, Query(q): Params) -> Response {
    if let Err(resp) = admit(&state, &q, "/1/cards") {
        return resp;
    }
    let list = q.get("idList").cloned().unwrap_or_default();
    if list.len() != 24 || !list.chars().all(|c| c.is_ascii_hexdigit()) {
        return (StatusCode::BAD_REQUEST, "invalid value for idList").into_response();
    }
    if list.chars().all(|c| c == '0') {
        return (StatusCode::NOT_FOUND, "could not find the list").into_response();
    }
    let name = q.get("name").cloned().unwrap_or_default();
    let id = random_id("", 24, HEX);
    let short = random_id(
        "",
        8,
        b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789",
    );
    let card = json!({
        "id": id, "name": name, "desc": q.get("desc").cloned().unwrap_or_default(), "idList": list,
        "due": q.get("due"), "pos": q.get("pos"), "closed": false,
        "shortUrl": format!("https://trello.com/c/{short}"), "url": format!("https://trello.com/c/{short}/1-card"),
    });
    state.deliver(
        Delivery {
            at: now(),
            platform: P.into(),
            kind: "card".into(),
            id: id.clone(),
            summary: format!("card “{name}”"),
            detail: card.clone(),
            file: None,
        },
        None,
    );
    Json(card).into_response()
}
