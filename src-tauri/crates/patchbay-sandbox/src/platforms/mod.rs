// Handlers answer early with a ready Response; boxing it would only add noise.
#![allow(clippy::result_large_err)]

//! The HTTP surface: one router per platform, plus `/__sandbox` controls.

mod common;
mod facebook;
mod graph;
mod instagram;
mod reddit;
mod tiktok;
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
        .route("/__sandbox/clock", get(clock))
        .route("/__sandbox/advance", post(advance))
        .layer(axum::middleware::from_fn_with_state(state.clone(), slow))
        .layer(axum::middleware::from_fn_with_state(state.clone(), journal))
        .with_state(state)
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
