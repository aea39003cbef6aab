//! HTTP against the sandbox's echo API: the request arrives with its method, path, query,
//! headers and JSON body; each credential style (bearer, basic, an API-key header) is sent;
//! a URL on another origin is refused before the credential could go there; 4xx is a sentence.

use super::{add, ok, refused, run};
use patchbay_tests::workspace::TestWorkspace;
use serde_json::json;

#[test]
fn a_request_arrives_as_described_with_the_chosen_credential() {
    let ws = TestWorkspace::new();
    let id = add(
        &ws,
        "http",
        "sandbox",
        &["base_url=https://api.example.com/v1"],
        &[("bearer_token", "tok-123")],
    );
    let answer = ok(&run(
        &ws,
        &id,
        "request",
        &json!({"method": "POST", "url": "/orders?src=patchbay", "params": {"page": 2},
                "headers": {"X-Trace": "abc"}, "body": {"sku": "MUG-1", "qty": 2}, "timeout": 10}),
    ));
    assert_eq!(answer["status"], 200);
    let echo = &answer["body"];
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["path"], "/orders");
    assert_eq!(echo["query"], json!({"src": "patchbay", "page": "2"}));
    assert_eq!(echo["headers"]["x-trace"], "abc");
    assert_eq!(echo["headers"]["authorization"], "Bearer …");
    assert_eq!(echo["body"], json!({"sku": "MUG-1", "qty": 2}));

    let basic = add(
        &ws,
        "http",
        "sandbox",
        &[
            "base_url=https://api.example.com",
            "auth_style=basic",
            "username=me",
        ],
        &[("bearer_token", "pw")],
    );
    let echo = ok(&run(
        &ws,
        &basic,
        "request",
        &json!({"method": "GET", "url": "/private/me"}),
    ));
    assert_eq!(echo["body"]["headers"]["authorization"], "Basic …");
    let keyed = add(
        &ws,
        "http",
        "sandbox",
        &[
            "base_url=https://api.example.com",
            "auth_style=header",
            "header_name=X-Api-Key",
        ],
        &[("bearer_token", "k-9")],
    );
    let echo = ok(&run(
        &ws,
        &keyed,
        "request",
        &json!({"method": "GET", "url": "/"}),
    ));
    assert_eq!(echo["body"]["headers"]["x-api-key"], "k-9");
    assert!(echo["body"]["headers"].get("authorization").is_none());
}

#[test]
fn another_origin_and_error_statuses_are_refused_with_a_sentence() {
    let ws = TestWorkspace::new();
    let id = add(
        &ws,
        "http",
        "sandbox",
        &["base_url=https://api.example.com"],
        &[("bearer_token", "tok-123")],
    );
    let out = run(
        &ws,
        &id,
        "request",
        &json!({"method": "GET", "url": "https://elsewhere.example/steal"}),
    );
    assert!(refused(&out, "input.invalid").contains("sends its credential only to"));
    let out = run(
        &ws,
        &id,
        "request",
        &json!({"method": "GET", "url": "/status/404"}),
    );
    assert!(refused(&out, "action.refused").contains("404 Not Found"));
    let out = run(&ws, &id, "request", &json!({"method": "TRACE", "url": "/"}));
    refused(&out, "action.invalid_input");
}
