//! What Meta's Graph APIs share (Instagram and Facebook Pages): the error body, the answers to
//! throttling and injected faults, `fields` selection, and the usage headers.

use crate::faults::FaultKind;
use crate::state::Refusal;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A Graph API error body.
pub fn error(status: StatusCode, code: u32, subcode: Option<u32>, message: &str) -> Response {
    let mut body = json!({"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AsandboxTrace"}});
    if let Some(sub) = subcode {
        body["error"]["error_subcode"] = json!(sub);
    }
    (status, Json(body)).into_response()
}

fn with_header(mut resp: Response, name: &'static str, value: String) -> Response {
    if let Ok(v) = value.parse() {
        resp.headers_mut().insert(name, v);
    }
    resp
}

/// How a Graph API answers a refused request. `product` names what is throttled ("Instagram
/// account", "Page"); `metrics` are the valid ones, named in a deprecated-metric error.
pub fn refused(r: Refusal, product: &str, metrics: &[&str]) -> Response {
    let too_many =
        format!("There have been too many calls to this {product}. Wait a bit and try again.");
    match r {
        Refusal::RateLimited { retry_after } => with_header(
            error(StatusCode::TOO_MANY_REQUESTS, 80002, None, &too_many),
            "Retry-After",
            retry_after.to_string(),
        ),
        Refusal::QuotaExceeded => error(
            StatusCode::FORBIDDEN,
            4,
            None,
            "Application request limit reached",
        ),
        Refusal::Fault(kind) => match kind {
            FaultKind::RateLimit { retry_after_secs } => with_header(
                error(
                    StatusCode::TOO_MANY_REQUESTS,
                    4,
                    None,
                    "Application request limit reached",
                ),
                "Retry-After",
                retry_after_secs.to_string(),
            ),
            FaultKind::UsageExhausted => {
                let usage = json!({"sandbox": [{"type": "pages", "call_count": 100, "total_cputime": 40, "total_time": 62, "estimated_time_to_regain_access": 15}]});
                with_header(
                    error(StatusCode::BAD_REQUEST, 80002, None, &too_many),
                    "X-Business-Use-Case-Usage",
                    usage.to_string(),
                )
            }
            FaultKind::Quota => error(
                StatusCode::FORBIDDEN,
                4,
                None,
                "Application request limit reached",
            ),
            FaultKind::ServerError | FaultKind::LostResponse => error(
                StatusCode::INTERNAL_SERVER_ERROR,
                2,
                None,
                "An unexpected error has occurred. Please retry your request later.",
            ),
            FaultKind::MalformedJson => (
                StatusCode::OK,
                [("Content-Type", "application/json")],
                "{\"data\": [ {\"id\": ",
            )
                .into_response(),
            FaultKind::ExpiredToken => error(
                StatusCode::BAD_REQUEST,
                190,
                Some(463),
                "Error validating access token: Session has expired.",
            ),
            FaultKind::InvalidGrant => error(
                StatusCode::BAD_REQUEST,
                190,
                Some(460),
                "Error validating access token: The session has been invalidated.",
            ),
            FaultKind::DeprecatedMetric { metric } => error(
                StatusCode::BAD_REQUEST,
                100,
                None,
                &format!(
                    "(#100) metric[0] must be one of the following values: {}; {metric} is no longer supported",
                    metrics.join(", ")
                ),
            ),
            FaultKind::Slow { .. } | FaultKind::HighUsage { .. } => error(
                StatusCode::INTERNAL_SERVER_ERROR,
                2,
                None,
                "unexpected slow fault",
            ),
        },
    }
}

/// One page of a Graph edge of `total` items: which ones (`limit`, `after`), and the `paging`
/// object with its cursors and, while more remain, `next` (a path on the sandbox, keeping the
/// requested fields).
pub fn page(
    q: &HashMap<String, String>,
    total: usize,
    path: &str,
) -> Result<(std::ops::Range<usize>, Value), Response> {
    use super::common::{cursor, encode, offset};
    let limit = q
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(25)
        .clamp(1, 100);
    let Some(start) = offset(q.get("after").map(String::as_str)) else {
        return Err(error(StatusCode::BAD_REQUEST, 100, None, "Invalid cursor"));
    };
    // A cursor past the end gives an empty last page, never a panic.
    let start = start.min(total);
    let end = (start + limit).min(total);
    let mut paging = json!({"cursors": {"before": cursor(start), "after": cursor(end)}});
    if end < total {
        let fields = q
            .get("fields")
            .map(|f| format!("&fields={}", encode(f)))
            .unwrap_or_default();
        paging["next"] = json!(format!(
            "{path}?limit={limit}&after={}{fields}",
            cursor(end)
        ));
    }
    Ok((start..end, paging))
}

/// Graph's answer to a token it does not accept: `why` is "expired" (subcode 463) or anything
/// else (a token it cannot parse).
pub fn token_refused(why: &str) -> Response {
    if why == "expired" {
        error(
            StatusCode::BAD_REQUEST,
            190,
            Some(463),
            "Error validating access token: Session has expired.",
        )
    } else {
        error(
            StatusCode::BAD_REQUEST,
            190,
            None,
            "Invalid OAuth access token - Cannot parse access token",
        )
    }
}

/// The access token of a Graph request: the `access_token` parameter, else the bearer header.
pub fn token_of(headers: &HeaderMap, q: &HashMap<String, String>) -> String {
    q.get("access_token")
        .cloned()
        .or_else(|| super::common::bearer(headers))
        .unwrap_or_default()
}

/// Only the requested `fields` (plus `id`, which the Graph API always returns).
pub fn pick(fields: Option<&String>, all: Value) -> Value {
    let Some(fields) = fields else { return all };
    let mut out = serde_json::Map::new();
    for f in fields.split(',') {
        // `reactions.summary(true)` selects the edge `reactions`.
        let name = f.trim().split(['.', '{']).next().unwrap_or_default();
        if let Some(v) = all.get(name) {
            out.insert(name.to_owned(), v.clone());
        }
    }
    if let Some(id) = all.get("id") {
        out.insert("id".into(), id.clone());
    }
    Value::Object(out)
}

/// `X-Business-Use-Case-Usage` for the object `id`, reporting `percent` of the budget used.
pub fn business_usage(resp: Response, id: &str, kind: &str, percent: u32) -> Response {
    let regain = if percent >= 100 { 15 } else { 0 };
    let usage = json!({id: [{"type": kind, "call_count": percent, "total_cputime": percent / 2, "total_time": percent / 2, "estimated_time_to_regain_access": regain}]});
    with_header(resp, "X-Business-Use-Case-Usage", usage.to_string())
}

/// `X-App-Usage`, the app-wide budget that calls with a user token count against.
pub fn app_usage(resp: Response, percent: u32) -> Response {
    let usage =
        json!({"call_count": percent, "total_cputime": percent / 2, "total_time": percent / 2});
    with_header(resp, "X-App-Usage", usage.to_string())
}
