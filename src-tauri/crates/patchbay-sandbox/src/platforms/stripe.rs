//! Stripe API v1: `GET /balance`, `GET`/`POST /customers`, `POST /invoiceitems`,
//! `POST /invoices`, `GET`/`POST /payment_intents`. Bodies are form-encoded with nested keys
//! (`metadata[plan]=pro`); errors are `{"error": {type, code, param, message}}`; the
//! idempotency layer replays the first answer to a repeated `Idempotency-Key` (with
//! `Idempotent-Replayed: true`) and refuses the key with other parameters.
//!
//! Sandbox keys: any `sk_test_…`/`rk_test_…` (live keys too); one containing `invalid` is
//! refused with 401.

use super::common::{ALNUM, fields, random_id, text};
use crate::faults::FaultKind;
use crate::outbox::{Delivery, now};
use crate::state::{Refusal, State};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State as Shared};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

const P: &str = "stripe";

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/v1/balance", get(balance))
        .route("/v1/customers", get(list).post(create))
        .route("/v1/invoiceitems", axum::routing::post(create))
        .route("/v1/invoices", axum::routing::post(create))
        .route("/v1/payment_intents", get(list).post(create))
}

fn error(
    status: StatusCode,
    kind: &str,
    code: Option<&str>,
    param: Option<&str>,
    message: &str,
) -> (u16, Value) {
    let mut e = json!({"type": kind, "message": message});
    if let Some(code) = code {
        e["code"] = json!(code);
        e["doc_url"] = json!(format!(
            "https://stripe.com/docs/error-codes/{}",
            code.replace('_', "-")
        ));
    }
    if let Some(param) = param {
        e["param"] = json!(param);
    }
    (status.as_u16(), json!({"error": e}))
}

fn answer((status, body): (u16, Value)) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [("request-id", random_id("req_", 14, ALNUM))],
        Json(body),
    )
        .into_response()
}

/// The secret key of a request, or Stripe's 401.
fn key(headers: &HeaderMap) -> Result<String, Response> {
    let key = super::common::bearer(headers)
        .filter(|k| (k.starts_with("sk_") || k.starts_with("rk_")) && !k.contains("invalid"));
    key.ok_or_else(|| {
        let masked = super::common::bearer(headers)
            .map(|k| {
                format!(
                    "{}****{}",
                    &k[..k.len().min(8)],
                    &k[k.len().saturating_sub(4)..]
                )
            })
            .unwrap_or_default();
        answer(error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            None,
            None,
            &format!("Invalid API Key provided: {masked}"),
        ))
    })
}

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::RateLimited { .. } | Refusal::Fault(FaultKind::RateLimit { .. }) => answer(error(
            StatusCode::TOO_MANY_REQUESTS,
            "invalid_request_error",
            Some("rate_limit"),
            None,
            "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
        )),
        _ => answer(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "api_error",
            None,
            None,
            "An unknown error occurred",
        )),
    }
}

async fn balance(Shared(state): Shared<Arc<State>>, headers: HeaderMap) -> Response {
    let key = match key(&headers) {
        Ok(k) => k,
        Err(resp) => return resp,
    };
    if let Err(r) = state.admit(P, "/v1/balance", &key, 0) {
        return refused(r);
    }
    Json(json!({"object": "balance", "livemode": false,
        "available": [{"amount": 0, "currency": "usd", "source_types": {"card": 0}}],
        "pending": [{"amount": 0, "currency": "usd", "source_types": {"card": 0}}]}))
    .into_response()
}

/// `GET /v1/customers`, `GET /v1/payment_intents`: newest first, `limit` and `starting_after`.
async fn list(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let key = match key(&headers) {
        Ok(k) => k,
        Err(resp) => return resp,
    };
    if let Err(r) = state.admit(P, uri.path(), &key, 0) {
        return refused(r);
    }
    let object = match uri.path() {
        "/v1/customers" => "customer",
        _ => "payment_intent",
    };
    let limit = q
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(10)
        .clamp(1, 100);
    let history = state.history(P);
    // Newest first.
    let all: Vec<&Value> = history
        .iter()
        .rev()
        .map(|d| &d.detail)
        .filter(|v| v["object"] == object)
        .collect();
    let start = match q.get("starting_after") {
        Some(after) => all
            .iter()
            .position(|v| v["id"] == after.as_str())
            .map_or(all.len(), |i| i + 1),
        None => 0,
    };
    let page: Vec<Value> = all
        .iter()
        .skip(start)
        .take(limit)
        .map(|v| (*v).clone())
        .collect();
    let has_more = all.len() > start + page.len();
    Json(json!({"object": "list", "url": uri.path(), "has_more": has_more, "data": page}))
        .into_response()
}

/// Every `POST`: the idempotency layer around [`make`].
async fn create(
    Shared(state): Shared<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let key = match key(&headers) {
        Ok(k) => k,
        Err(resp) => return resp,
    };
    if let Err(r) = state.admit(P, uri.path(), &key, 0) {
        return refused(r);
    }
    let Some(params) = fields(&headers, &body).filter(|_| {
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"))
    }) else {
        return answer(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            None,
            None,
            "Invalid request: the body must be application/x-www-form-urlencoded.",
        ));
    };
    let fingerprint = hex::encode(
        Sha256::new_with_prefix(format!("{method} {} ", uri.path()))
            .chain_update(&body)
            .finalize(),
    );
    let idem = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|k| format!("{key}/{k}"));
    let saved = idem
        .as_ref()
        .and_then(|k| state.idempotent().get(k).cloned());
    if let Some((seen, status, saved)) = saved {
        {
            if seen != fingerprint {
                return answer(error(
                    StatusCode::BAD_REQUEST,
                    "idempotency_error",
                    None,
                    None,
                    "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than the one used in the original request.",
                ));
            }
            let mut resp = answer((status, saved));
            resp.headers_mut().insert(
                "idempotent-replayed",
                header::HeaderValue::from_static("true"),
            );
            return resp;
        }
    }
    let result = make(&state, uri.path(), &params);
    // Stripe saves the first answer once the endpoint ran; refused parameters are not saved.
    if let Some(idem) = idem
        && result.0 != 400
    {
        state
            .idempotent()
            .insert(idem, (fingerprint, result.0, result.1.clone()));
    }
    answer(result)
}

fn missing(param: &str) -> (u16, Value) {
    error(
        StatusCode::BAD_REQUEST,
        "invalid_request_error",
        Some("parameter_missing"),
        Some(param),
        &format!("Missing required param: {param}."),
    )
}

fn integer(params: &Value, name: &str) -> Result<Option<i64>, (u16, Value)> {
    match text(params, name) {
        None => Ok(None),
        Some(t) => t.parse::<i64>().map(Some).map_err(|_| {
            error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("parameter_invalid_integer"),
                Some(name),
                &format!("Invalid integer: {t}"),
            )
        }),
    }
}

fn customer_of(
    state: &State,
    params: &Value,
    required: bool,
) -> Result<Option<String>, (u16, Value)> {
    match text(params, "customer") {
        None if required => Err(missing("customer")),
        None => Ok(None),
        Some(id)
            if state
                .recall(P, id)
                .is_some_and(|c| c["object"] == "customer") =>
        {
            Ok(Some(id.to_owned()))
        }
        Some(id) => Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("resource_missing"),
            Some("customer"),
            &format!("No such customer: '{id}'"),
        )),
    }
}

fn currency(params: &Value) -> Result<String, (u16, Value)> {
    let c = text(params, "currency")
        .ok_or_else(|| missing("currency"))?
        .to_lowercase();
    if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_lowercase()) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("parameter_invalid_string"),
            Some("currency"),
            &format!(
                "Invalid currency: {c}. Stripe currently supports these currencies: usd, eur, gbp, …"
            ),
        ));
    }
    Ok(c)
}

fn make(state: &State, path: &str, params: &Value) -> (u16, Value) {
    match build(state, path, params) {
        Ok((kind, object)) => {
            let id = object["id"].as_str().unwrap_or_default().to_owned();
            let summary = match kind {
                "customers" => format!("customer {}", object["email"].as_str().unwrap_or_default()),
                _ => format!(
                    "{} {} {}",
                    object["object"].as_str().unwrap_or(kind),
                    object["amount"]
                        .as_i64()
                        .or(object["amount_due"].as_i64())
                        .unwrap_or(0),
                    object["currency"].as_str().unwrap_or_default()
                ),
            };
            state.deliver(
                Delivery {
                    at: now(),
                    platform: P.into(),
                    kind: kind.trim_end_matches('s').into(),
                    id,
                    summary,
                    detail: object.clone(),
                    file: None,
                },
                None,
            );
            (200, object)
        }
        Err(e) => e,
    }
}

fn build(state: &State, path: &str, p: &Value) -> Result<(&'static str, Value), (u16, Value)> {
    let created = chrono::Utc::now().timestamp();
    let metadata = p.get("metadata").cloned().unwrap_or(json!({}));
    let description = p.get("description").cloned().unwrap_or(Value::Null);
    Ok(match path {
        "/v1/customers" => (
            "customers",
            json!({
                "id": random_id("cus_", 14, ALNUM), "object": "customer", "created": created,
                "email": p.get("email").cloned().unwrap_or(Value::Null),
                "name": p.get("name").cloned().unwrap_or(Value::Null), "description": description,
                "metadata": metadata, "balance": 0, "currency": null, "delinquent": false,
                "invoice_prefix": random_id("", 8, b"ABCDEF0123456789"), "livemode": false
            }),
        ),
        "/v1/invoiceitems" => {
            let customer = customer_of(state, p, true)?;
            let amount = integer(p, "amount")?.ok_or_else(|| missing("amount"))?;
            let currency = currency(p)?;
            (
                "invoiceitems",
                json!({
                    "id": random_id("ii_", 24, ALNUM), "object": "invoiceitem", "amount": amount,
                    "currency": currency, "customer": customer, "date": created, "description": description,
                    "invoice": null, "metadata": metadata, "livemode": false, "quantity": 1
                }),
            )
        }
        "/v1/invoices" => {
            let customer = customer_of(state, p, true)?.unwrap_or_default();
            // The customer's invoice items that no earlier invoice took.
            let history = state.history(P);
            let taken: Vec<&Value> = history
                .iter()
                .filter(|d| d.detail["object"] == "invoice")
                .flat_map(|d| d.detail["lines"]["data"].as_array().into_iter().flatten())
                .collect();
            let pending: Vec<&Value> = history
                .iter()
                .map(|d| &d.detail)
                .filter(|v| v["object"] == "invoiceitem" && v["customer"] == customer.as_str())
                .filter(|v| !taken.iter().any(|t| t["invoice_item"] == v["id"]))
                .collect();
            let amount: i64 = pending.iter().filter_map(|v| v["amount"].as_i64()).sum();
            let lines: Vec<Value> = pending
                .iter()
                .map(|v| {
                    json!({"object": "line_item", "invoice_item": v["id"],
                "amount": v["amount"], "currency": v["currency"], "description": v["description"]})
                })
                .collect();
            let auto_advance = text(p, "auto_advance").is_none_or(|a| a == "true");
            let id = random_id("in_", 24, ALNUM);
            (
                "invoices",
                json!({
                    "lines": {"object": "list", "data": lines, "has_more": false},
                    "id": id, "object": "invoice", "customer": customer, "status": "draft",
                    "auto_advance": auto_advance, "amount_due": amount, "total": amount, "currency": "usd",
                    "description": description, "metadata": metadata, "created": created, "livemode": false,
                    "collection_method": "charge_automatically", "hosted_invoice_url": null
                }),
            )
        }
        "/v1/payment_intents" => {
            let amount = integer(p, "amount")?.ok_or_else(|| missing("amount"))?;
            let currency = currency(p)?;
            if amount < 50 {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    Some("amount_too_small"),
                    Some("amount"),
                    "Amount must be at least $0.50 usd",
                ));
            }
            let customer = customer_of(state, p, false)?;
            let id = random_id("pi_", 24, ALNUM);
            (
                "payment_intents",
                json!({
                    "id": id, "object": "payment_intent", "amount": amount, "currency": currency,
                    "customer": customer, "description": description, "metadata": metadata,
                    "status": "requires_payment_method", "created": created, "livemode": false,
                    "client_secret": format!("{id}_secret_{}", random_id("", 25, ALNUM)),
                    "capture_method": "automatic", "confirmation_method": "automatic",
                    "payment_method_types": ["card"]
                }),
            )
        }
        _ => {
            return Err(error(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                None,
                None,
                "Unrecognized request URL.",
            ));
        }
    })
}
