//! Stripe: `create_customer`, `create_invoice_item`, `create_invoice`,
//! `create_payment_intent` and `list_payments`, with the secret key as a bearer token and
//! form-encoded bodies (`metadata[plan]=pro`). Every write carries an `Idempotency-Key` made
//! once per action call, so a retry after a lost answer gets Stripe's first answer back instead
//! of a second customer. Stripe's `error.type`, `code` and `message` become the sentence.

use super::call::{self, Peer, Repeat};
use super::{Ctx, text};
use crate::error::{Error, Result};
use serde_json::{Value, json};

const PEER: Peer<'static> = Peer {
    platform: "Stripe",
    check: "the Stripe Dashboard",
};

/// The form fields of a write, flattened the way Stripe reads them.
fn form(input: &Value, fields: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for field in fields {
        match input.get(*field) {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    let v = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                    out.push((format!("{field}[{k}]"), v));
                }
            }
            Some(Value::String(s)) => out.push(((*field).to_owned(), s.clone())),
            Some(other) => out.push(((*field).to_owned(), other.to_string())),
        }
    }
    out
}

pub(super) async fn run(ctx: &Ctx<'_>, action: &str, input: &Value) -> Result<Value> {
    let write = |path: &str, fields: &[&str]| -> Result<reqwest::RequestBuilder> {
        Ok(ctx
            .request(reqwest::Method::POST, path)?
            .header("Idempotency-Key", ctx.idempotency_key())
            .form(&form(input, fields)))
    };
    let request = match action {
        "create_customer" => write("/customers", &["email", "name", "description", "metadata"])?,
        "create_invoice_item" => write(
            "/invoiceitems",
            &["customer", "amount", "currency", "description", "metadata"],
        )?,
        "create_invoice" => write(
            "/invoices",
            &["customer", "description", "auto_advance", "metadata"],
        )?,
        "create_payment_intent" => write(
            "/payment_intents",
            &["amount", "currency", "customer", "description", "metadata"],
        )?,
        "list_payments" => {
            let mut query = vec![(
                "limit".to_owned(),
                input
                    .get("limit")
                    .and_then(Value::as_u64)
                    .unwrap_or(10)
                    .to_string(),
            )];
            if let Some(after) = text(input, "starting_after") {
                query.push(("starting_after".into(), after.to_owned()));
            }
            ctx.request(reqwest::Method::GET, "/payment_intents")?
                .query(&query)
        }
        _ => return Err(ctx.unavailable(action)),
    };
    let reply = call::send(ctx.ws, request, Repeat::Safe, PEER).await?;
    if reply.status == 429 {
        return Err(call::rate_limited("Stripe", &reply));
    }
    if !reply.ok() {
        return Err(refusal(&reply));
    }
    let b = &reply.body;
    Ok(match action {
        "create_customer" => json!({"id": b["id"], "email": b["email"], "name": b["name"]}),
        "create_invoice_item" => {
            json!({"id": b["id"], "amount": b["amount"], "currency": b["currency"], "invoice": b["invoice"]})
        }
        "create_invoice" => {
            json!({"id": b["id"], "status": b["status"], "amount_due": b["amount_due"], "hosted_invoice_url": b["hosted_invoice_url"]})
        }
        // The client secret lets a browser complete the payment: it stays out of outputs and logs.
        "create_payment_intent" => {
            json!({"id": b["id"], "status": b["status"], "amount": b["amount"], "currency": b["currency"]})
        }
        _ => json!({
            "data": b["data"].as_array().map(|items| items.iter().map(|p| json!({
                "id": p["id"], "amount": p["amount"], "currency": p["currency"], "status": p["status"],
                "customer": p["customer"], "description": p["description"], "created": p["created"]
            })).collect::<Vec<_>>()).unwrap_or_default(),
            "has_more": b["has_more"].as_bool().unwrap_or(false),
        }),
    })
}

fn refusal(reply: &call::Reply) -> Error {
    let e = &reply.body["error"];
    let kind = e["type"].as_str().unwrap_or("api_error");
    let code = e["code"].as_str();
    let message = e["message"].as_str().unwrap_or("no reason was given");
    let message = match (reply.status, kind) {
        (401, _) => "it rejected the API key. Copy it again from Developers → API keys.".to_owned(),
        (403, _) => "this key may not do that. Give the restricted key write access to it, or use another key.".to_owned(),
        (_, "idempotency_error") => format!("{message} (idempotency_error)."),
        _ => {
            let label = code.map_or(kind.to_owned(), |c| format!("{kind}/{c}"));
            let param = e["param"].as_str().map(|p| format!(" Field: {p}.")).unwrap_or_default();
            format!("{} ({label}).{param}", message.trim_end_matches('.'))
        }
    };
    Error::ActionRefused {
        platform: "Stripe".into(),
        message,
    }
}
