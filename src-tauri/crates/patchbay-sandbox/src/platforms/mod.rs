// Handlers answer early with a ready Response; boxing it would only add noise.
#![allow(clippy::result_large_err)]

//! The HTTP surface: one router per platform, plus `/__sandbox` controls.

mod asana;
mod common;
mod discord;
mod echo;
mod facebook;
mod google;
mod graph;
mod hubspot;
mod instagram;
mod linkedin;
mod notion;
mod reddit;
mod shopify;
mod slack;
mod stripe;
mod tiktok;
mod trello;
mod twilio;
mod x;
mod youtube;

use crate::state::State;
use axum::Router;
use axum::extract::{Query, State as Shared};
use axum::response::{IntoResponse, Json};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .nest("/instagram", instagram::router())
        .nest("/tiktok", tiktok::router())
        .nest("/youtube", youtube::router())
        .nest("/facebook", facebook::router())
        .nest("/x", x::router())
        .nest("/reddit", reddit::router())
        .nest("/slack", slack::router())
        .nest("/discord", discord::router())
        .nest("/stripe", stripe::router())
        .nest("/twilio", twilio::router())
        .nest("/notion", notion::router())
        .nest("/trello", trello::router())
        .nest("/asana", asana::router())
        .nest("/hubspot", hubspot::router())
        .nest("/shopify", shopify::router())
        .nest("/google", google::router())
        .nest("/linkedin", linkedin::router())
        .nest("/http", echo::router())
        // A nested router does not see its own root with a trailing slash.
        .route("/http/", axum::routing::any(echo::echo))
        .route("/__sandbox/clock", get(clock))
        .route("/__sandbox/outbox", get(outbox))
        .route("/__sandbox/advance", post(advance))
        .route("/__sandbox/media/{name}", get(media))
        .layer(axum::middleware::from_fn_with_state(state.clone(), lose))
        .layer(axum::middleware::from_fn_with_state(state.clone(), slow))
        .layer(axum::middleware::from_fn_with_state(state.clone(), journal))
        .with_state(state)
}

/// A 1×1 PNG, served for every thumbnail: a real image a client can check and store.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf0, 0x77, 0x7b, 0xfa,
    0x1f, 0x00, 0x04, 0xdc, 0x02, 0x7a, 0xcc, 0xce, 0x05, 0x8e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn media(axum::extract::Path(name): axum::extract::Path<String>) -> impl IntoResponse {
    if name.ends_with(".png") {
        ([(axum::http::header::CONTENT_TYPE, "image/png")], PIXEL).into_response()
    } else {
        axum::http::StatusCode::NOT_FOUND.into_response()
    }
}

async fn clock(Shared(state): Shared<Arc<State>>) -> impl IntoResponse {
    Json(json!({"now": state.now().to_rfc3339(), "youtube_quota_used": state.quota_used()}))
}

#[derive(Deserialize)]
struct Advance {
    #[serde(default)]
    hours: i64,
    #[serde(default)]
    days: i64,
}

/// `POST /__sandbox/advance?days=1`: moves the sandbox clock forward.
async fn advance(
    Shared(state): Shared<Arc<State>>,
    Query(by): Query<Advance>,
) -> impl IntoResponse {
    state.advance(chrono::Duration::hours(by.hours) + chrono::Duration::days(by.days));
    Json(json!({"now": state.now().to_rfc3339()}))
}

/// Records each request in the state's journal when the config keeps one.
async fn journal(
    Shared(state): Shared<Arc<State>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !state.config.journal {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    state.record(crate::state::Recorded {
        method: parts.method.to_string(),
        uri: parts.uri.to_string(),
        headers: parts
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_owned())))
            .collect(),
        body: body.to_vec(),
    });
    next.run(axum::extract::Request::from_parts(parts, body.into()))
        .await
}

/// `GET /__sandbox/outbox`: everything the action emulators received, oldest first.
async fn outbox(Shared(state): Shared<Arc<State>>) -> impl IntoResponse {
    Json(state.deliveries())
}

/// The `lost_response` fault: the handler runs (the message is sent, the customer created), then
/// the answer is cut off mid-body and the connection closes, as when a network drops.
async fn lose(
    Shared(state): Shared<Arc<State>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path().to_owned();
    let platform = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let response = next.run(request).await;
    if !state.lose(&platform, &path) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    // Announce more than is sent: the server stops short and drops the connection.
    let announced = bytes.len() + 64;
    if let Ok(v) = announced.to_string().parse() {
        parts.headers.insert(axum::http::header::CONTENT_LENGTH, v);
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The `slow` fault: waits before letting the request through.
async fn slow(
    Shared(state): Shared<Arc<State>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if let Some(delay) = state.delay(request.uri().path()) {
        tokio::time::sleep(delay).await;
    }
    next.run(request).await
}
