//! Stripe against its sandbox: the seed's customer (with metadata as Stripe's nested form keys),
//! an invoice item, a draft invoice and a PaymentIntent; Stripe's error objects as sentences;
//! and a create whose answer was lost is retried under the same Idempotency-Key, so exactly one
//! customer exists and the user gets its id.

use super::{add, faults, log, ok, outbox, refused, run};
use patchbay_tests::workspace::TestWorkspace;
use serde_json::json;

fn stripe(ws: &TestWorkspace) -> String {
    add(
        ws,
        "stripe",
        "sandbox",
        &[],
        &[("secret_key", "sk_test_51SandboxKey")],
    )
}

#[test]
fn a_customer_is_invoiced_and_asked_to_pay() {
    let ws = TestWorkspace::new();
    let id = stripe(&ws);
    let customer = ok(&run(
        &ws,
        &id,
        "create_customer",
        &json!({"email": "jane@example.com", "name": "Jane Doe", "metadata": {"plan": "pro", "seats": 3}}),
    ));
    let cus = customer["id"].as_str().unwrap().to_owned();
    assert!(cus.starts_with("cus_"), "{cus}");
    let kept = outbox(&ws, "stripe");
    assert_eq!(kept[0]["detail"]["email"], "jane@example.com");
    assert_eq!(
        kept[0]["detail"]["metadata"],
        json!({"plan": "pro", "seats": "3"}),
        "metadata travels as metadata[plan]=pro"
    );

    ok(&run(
        &ws,
        &id,
        "create_invoice_item",
        &json!({"customer": cus, "amount": 4900, "currency": "usd", "description": "Sponsored post"}),
    ));
    let invoice = ok(&run(
        &ws,
        &id,
        "create_invoice",
        &json!({"customer": cus, "auto_advance": false}),
    ));
    assert_eq!(invoice["status"], "draft");
    assert_eq!(
        invoice["amount_due"], 4900,
        "the pending item is on the invoice"
    );
    let intent = ok(&run(
        &ws,
        &id,
        "create_payment_intent",
        &json!({"amount": 2000, "currency": "eur", "customer": cus}),
    ));
    assert_eq!(intent["status"], "requires_payment_method");
    assert!(
        intent.get("client_secret").is_none(),
        "the client secret is not an output"
    );
    let listed = ok(&run(&ws, &id, "list_payments", &json!({"limit": 5})));
    assert_eq!(listed["data"][0]["id"], intent["id"]);

    let out = run(
        &ws,
        &id,
        "create_invoice_item",
        &json!({"customer": "cus_nobody", "amount": 1, "currency": "usd"}),
    );
    let sentence = refused(&out, "action.refused");
    assert!(
        sentence.contains("No such customer")
            && sentence.contains("resource_missing")
            && sentence.contains("Field: customer"),
        "{sentence}"
    );
    let out = run(
        &ws,
        &id,
        "create_payment_intent",
        &json!({"amount": 20, "currency": "usd"}),
    );
    assert!(refused(&out, "action.refused").contains("amount_too_small"));
}

#[test]
fn a_lost_answer_is_retried_with_the_same_key_and_makes_one_customer() {
    let ws = TestWorkspace::new();
    let id = stripe(&ws);
    faults(
        &ws,
        r#"
[[faults]]
platform = "stripe"
path_contains = "/customers"
kind = "lost_response"
times = 1
"#,
    );
    let customer = ok(&run(
        &ws,
        &id,
        "create_customer",
        &json!({"email": "once@example.com"}),
    ));
    let made = outbox(&ws, "stripe");
    assert_eq!(
        made.len(),
        1,
        "Stripe replayed its first answer instead of making a second customer"
    );
    assert_eq!(
        made[0]["id"], customer["id"],
        "the user gets the customer that exists"
    );
    assert_eq!(log(&ws)[0]["created_id"], customer["id"]);
}

#[test]
fn a_rejected_key_is_named_without_showing_it() {
    let ws = TestWorkspace::new();
    let id = add(
        &ws,
        "stripe",
        "sandbox",
        &[],
        &[("secret_key", "sk_test_invalidKEY99")],
    );
    let out = run(
        &ws,
        &id,
        "create_customer",
        &json!({"email": "a@example.com"}),
    );
    let sentence = refused(&out, "action.refused");
    assert!(sentence.contains("rejected the API key"), "{sentence}");
    assert!(!sentence.contains("KEY99"), "{sentence}");
}
