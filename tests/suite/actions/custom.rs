//! A connector Patchbay does not bundle, added by its user as one manifest in
//! `<data dir>/connectors/`: its declared action runs like a bundled one (checked input, the
//! credential attached, the answer mapped, the platform's error turned into the manifest's
//! sentence), against a server the test runs.

use super::{add, ok, refused, run};
use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::{Value, json};

const KEY: &str = "lb_live_7f3a9c";

/// A small newsletter service: `GET /v1/me`, `POST /v1/subscribers` (token auth, JSON).
pub(crate) fn newsletter() -> StubServer {
    let seen = std::sync::Mutex::new(Vec::<String>::new());
    StubServer::start(move |req| {
        if req.headers.get("authorization").map(String::as_str) != Some(&format!("Token {KEY}")) {
            return Reply::json(
                401,
                json!({"code": "unauthorized", "detail": "Invalid token."}),
            );
        }
        match (req.method.as_str(), req.target.as_str()) {
            ("GET", "/v1/me") => Reply::json(200, json!({"id": "acct_1", "username": "studio"})),
            ("POST", "/v1/subscribers") => {
                let body: Value = serde_json::from_str(&req.body).unwrap_or_default();
                let email = body["email_address"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let mut seen = seen.lock().unwrap();
                if seen.contains(&email) {
                    return Reply::json(
                        400,
                        json!({"code": "email_already_exists", "detail": "That email is already subscribed."}),
                    );
                }
                seen.push(email.clone());
                Reply::json(
                    201,
                    json!({"id": format!("sub_{}", seen.len()), "email_address": email, "tags": body["tags"], "type": "regular"}),
                )
            }
            _ => Reply::json(404, json!({"code": "not_found", "detail": "Not found."})),
        }
    })
}

pub(crate) fn manifest(base: &str) -> String {
    format!(
        r##"id = "letterbox"
name = "Letterbox"
summary = "Subscribers of a Letterbox newsletter."
description = "A user's own connector for the Letterbox newsletter API."
category = "email"
status = "beta"
tags = ["newsletter"]
publisher = "Me"
docs_url = "https://letterbox.example/docs"
color = "#0F766E"
capabilities = ["add_subscriber"]

[auth]
type = "api_key"
in = "header"
name = "Authorization"
prefix = "Token "
field = "api_key"

[[config]]
name = "api_key"
label = "API key"
kind = "secret"
required = true

[[config]]
name = "default_tag"
label = "Tag new subscribers with"
kind = "text"

[api]
base_url = "{base}"

[verify]
path = "/v1/me"
identity = {{ id = "/id", handle = "/username" }}

[[actions]]
name = "add_subscriber"
description = "Subscribe an email address to the newsletter."
input = {{ type = "object", required = ["email"], properties = {{ email = {{ type = "string", format = "email" }}, tags = {{ type = "array", items = {{ type = "string" }} }} }}, additionalProperties = false }}
output = {{ type = "object", required = ["id"], properties = {{ id = {{ type = "string" }}, email = {{ type = "string" }} }} }}

[actions.request]
method = "POST"
path = "/v1/subscribers"
body = {{ email_address = "{{{{ input.email }}}}", tags = "{{{{ input.tags | default([config.default_tag]) }}}}", type = "regular" }}
output = {{ id = "/id", email = "/email_address" }}
error_code = "/code"
error_message = "/detail"

[actions.request.errors]
email_already_exists = "This address is already on the list"
"##
    )
}

#[test]
fn a_users_own_connector_runs_its_declared_action() {
    let ws = TestWorkspace::new();
    let server = newsletter();
    let dir = ws.data_dir().join("connectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("letterbox.toml"), manifest(&server.url())).unwrap();

    let listed = text(&ws.run(&["connectors", "list"])).0;
    assert!(listed.contains("letterbox"), "{listed}");
    let id = add(
        &ws,
        "letterbox",
        "live",
        &["default_tag=website"],
        &[("api_key", KEY)],
    );
    let verified = ws.run(&["connections", "verify", &id]);
    assert!(
        text(&verified).0.contains("studio"),
        "{:?}",
        text(&verified)
    );
    let actions = text(&ws.run(&["actions", "list", "--connection", &id])).0;
    assert!(
        actions.contains("add_subscriber") && !actions.contains("coming soon"),
        "{actions}"
    );

    let added = ok(&run(
        &ws,
        &id,
        "add_subscriber",
        &json!({"email": "fan@example.com"}),
    ));
    assert_eq!(added, json!({"id": "sub_1", "email": "fan@example.com"}));
    let sent = server
        .received()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    let body: Value = serde_json::from_str(&sent.body).unwrap();
    assert_eq!(
        body,
        json!({"email_address": "fan@example.com", "tags": ["website"], "type": "regular"}),
        "the connection's default tag"
    );

    let again = run(
        &ws,
        &id,
        "add_subscriber",
        &json!({"email": "fan@example.com", "tags": ["vip"]}),
    );
    let sentence = refused(&again, "action.refused");
    assert!(
        sentence.contains("already on the list (400, email_already_exists)"),
        "{sentence}"
    );
    let bad = run(
        &ws,
        &id,
        "add_subscriber",
        &json!({"email": "not an email"}),
    );
    refused(&bad, "action.invalid_input");
    assert_eq!(
        server
            .received()
            .iter()
            .filter(|r| r.method == "POST")
            .count(),
        2,
        "bad input sent nothing"
    );
}
