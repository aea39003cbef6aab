//! A plain HTTP API for the HTTP connector's sandbox: every request is answered with what
//! arrived (method, path, query, headers, body) as JSON. `/status/{code}` answers with that
//! status; `/slow/{millis}` waits first. The `Authorization` header is reported by its scheme
//! only, and requests without one get 401 when the path starts with `/private`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use serde_json::{Map, Value, json};
use std::sync::Arc;

pub fn router() -> Router<Arc<crate::state::State>> {
    Router::new()
        .route("/", axum::routing::any(echo))
        .route("/{*rest}", axum::routing::any(echo))
}

pub(super) async fn echo(request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body: Bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let query: Map<String, Value> =
        url::form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect();
    let mut headers = Map::new();
    for (name, value) in &parts.headers {
        let shown = if name == header::AUTHORIZATION {
            value
                .to_str()
                .ok()
                .and_then(|v| v.split(' ').next())
                .unwrap_or("?")
                .to_owned()
                + " …"
        } else {
            value.to_str().unwrap_or_default().to_owned()
        };
        headers.insert(name.to_string(), Value::String(shown));
    }
    let authorized = parts.headers.contains_key(header::AUTHORIZATION);
    let parsed = serde_json::from_slice::<Value>(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    let answer = json!({"method": parts.method.as_str(), "path": path, "query": query,
        "headers": headers, "body": if body.is_empty() { Value::Null } else { parsed }});
    let mut segments = path.trim_start_matches('/').split('/');
    let status = match (segments.next(), segments.next()) {
        (Some("private"), _) if !authorized => StatusCode::UNAUTHORIZED,
        (Some("status"), Some(code)) => code
            .parse::<u16>()
            .ok()
            .and_then(|c| StatusCode::from_u16(c).ok())
            .unwrap_or(StatusCode::BAD_REQUEST),
        (Some("slow"), Some(ms)) => {
            let ms = ms.parse::<u64>().unwrap_or(0).min(60_000);
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            StatusCode::OK
        }
        _ => StatusCode::OK,
    };
    (status, Json(answer)).into_response()
}
