//! Shopify Admin REST API 2025-07: `GET /shop.json` and `GET /orders.json` with the custom
//! app's `X-Shopify-Access-Token`. Orders come newest first, `limit` at most 250, paged by a
//! `page_info` cursor in the `Link` header (`rel="next"`); a cursor request takes no other filter
//! than `limit`. `updated_at_min` returns orders changed since. Errors are `{errors: …}`.
//!
//! The store has 137 orders, one about every nine hours before the sandbox clock, a few of
//! them closed or cancelled. Sandbox rule: a token containing `invalid` is refused.

use crate::state::State;
use axum::Router;
use axum::extract::{Query, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "shopify";
const ORDERS: i64 = 137;
const BASE: &str = "/shopify/admin/api/2025-07";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/admin/api/2025-07/shop.json", get(shop))
        .route("/admin/api/2025-07/orders.json", get(orders))
}

fn error(status: StatusCode, errors: Value) -> Response {
    (status, Json(json!({"errors": errors}))).into_response()
}

fn admit(state: &State, headers: &HeaderMap, path: &str) -> Result<(), Response> {
    let token = headers
        .get("x-shopify-access-token")
        .and_then(|v| v.to_str().ok());
    match token {
        Some(t) if !t.is_empty() && !t.contains("invalid") => state
            .admit(P, path, t, 0)
            .map_err(|_| error(StatusCode::TOO_MANY_REQUESTS, json!("Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."))),
        _ => Err(error(StatusCode::UNAUTHORIZED, json!("[API] Invalid API key or access token (unrecognized login or wrong password)"))),
    }
}

async fn shop(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    if let Err(resp) = admit(&state, &headers, "/shop.json") {
        return resp;
    }
    Json(json!({"shop": {"id": 548_380_009, "name": "Sandbox Studio Shop", "myshopify_domain": "sandbox-studio.myshopify.com", "currency": "USD"}})).into_response()
}

/// Order `n` (1 is the oldest): when it was placed and last changed, and its state.
fn order(now: DateTime<Utc>, n: i64) -> Value {
    let created = now - Duration::hours(9 * (ORDERS - n) + 2);
    // Every seventh order was changed a day later (refunded, fulfilled…).
    let updated = if n % 7 == 0 {
        created + Duration::hours(24)
    } else {
        created
    };
    let updated = updated.min(now);
    let (status, financial) = match n % 23 {
        0 => ("cancelled", "refunded"),
        5 | 11 => ("closed", "paid"),
        _ => ("open", "paid"),
    };
    let cents = 1500 + (n * 7919) % 18_000;
    json!({
        "id": 5_000_000_000_000i64 + n, "name": format!("#{}", 1000 + n), "order_number": 1000 + n,
        "created_at": created.to_rfc3339(), "updated_at": updated.to_rfc3339(),
        "cancelled_at": if status == "cancelled" { json!(updated.to_rfc3339()) } else { Value::Null },
        "closed_at": if status == "closed" { json!(updated.to_rfc3339()) } else { Value::Null },
        "financial_status": financial, "currency": "USD",
        "total_price": format!("{}.{:02}", cents / 100, cents % 100),
        "line_items": [{"title": "Studio mug", "quantity": 1 + n % 3}],
        "_status": status,
    })
}

async fn orders(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(resp) = admit(&state, &headers, "/orders.json") {
        return resp;
    }
    let limit = q
        .get("limit")
        .map_or(Ok(50), |l| l.parse::<usize>())
        .unwrap_or(0);
    if !(1..=250).contains(&limit) {
        return error(
            StatusCode::BAD_REQUEST,
            json!({"limit": ["must be between 1 and 250"]}),
        );
    }
    // A cursor carries the filters of the first request: "offset:N" plus them, encoded.
    let (start, status, since) = match q.get("page_info") {
        Some(c) => {
            if q.keys().any(|k| k != "page_info" && k != "limit") {
                return error(
                    StatusCode::BAD_REQUEST,
                    json!({"page_info": ["Other filters are not allowed with page_info"]}),
                );
            }
            let decoded = URL_SAFE_NO_PAD
                .decode(c)
                .ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
            let Some(d) = decoded.filter(|d| d["o"].is_u64()) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    json!({"page_info": ["Invalid value."]}),
                );
            };
            (
                d["o"].as_u64().unwrap_or(0) as usize,
                d["s"].as_str().unwrap_or("any").to_owned(),
                d["u"].as_str().unwrap_or_default().to_owned(),
            )
        }
        None => (
            0,
            q.get("status").cloned().unwrap_or_else(|| "open".into()),
            q.get("updated_at_min").cloned().unwrap_or_default(),
        ),
    };
    let since_at = DateTime::parse_from_rfc3339(&since)
        .ok()
        .map(|t| t.with_timezone(&Utc));
    let now = state.now();
    let all: Vec<Value> = (1..=ORDERS)
        .rev()
        .map(|n| order(now, n))
        .filter(|o| status == "any" || o["_status"] == status.as_str())
        .filter(|o| {
            since_at.is_none_or(|s| {
                DateTime::parse_from_rfc3339(o["updated_at"].as_str().unwrap_or_default())
                    .is_ok_and(|u| u >= s)
            })
        })
        .collect();
    let page: Vec<Value> = all
        .iter()
        .skip(start)
        .take(limit)
        .map(|o| {
            let mut o = o.clone();
            o.as_object_mut().map(|m| m.remove("_status"));
            o
        })
        .collect();
    let mut resp = Json(json!({"orders": page})).into_response();
    let cursor =
        |o: usize| URL_SAFE_NO_PAD.encode(json!({"o": o, "s": status, "u": since}).to_string());
    let mut links = Vec::new();
    if start + limit < all.len() {
        links.push(format!(
            "<{}{BASE}/orders.json?limit={limit}&page_info={}>; rel=\"next\"",
            state.base(),
            cursor(start + limit)
        ));
    }
    if start > 0 {
        links.push(format!(
            "<{}{BASE}/orders.json?limit={limit}&page_info={}>; rel=\"previous\"",
            state.base(),
            cursor(start.saturating_sub(limit))
        ));
    }
    if !links.is_empty()
        && let Ok(v) = links.join(", ").parse()
    {
        resp.headers_mut().insert(header::LINK, v);
    }
    resp
}
