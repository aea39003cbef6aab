//! A connector Patchbay does not bundle, added by its user as one manifest in
//! `<data dir>/connectors/`: its declared action runs like a bundled one (checked input, the
//! credential attached, the answer mapped, the platform's error turned into the manifest's
//! sentence), and its declared list stream is synced page by page, then only what changed,
//! against a server the test runs.

use super::{add, ok, refused, run};
use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::{Value, json};

pub(crate) const KEY: &str = "lb_live_7f3a9c";

/// A small newsletter service: `GET /v1/me`, `POST /v1/subscribers` (token auth, JSON) and
/// `GET /v1/subscribers` (two per page with a `next` cursor; `date__gte` filters by when they
/// joined). Three people are on the list already.
pub(crate) fn newsletter() -> StubServer {
    let seen = std::sync::Mutex::new(vec![
        "ada@example.com".to_owned(),
        "bo@example.com".to_owned(),
        "cy@example.com".to_owned(),
    ]);
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
            ("GET", target) if target.starts_with("/v1/subscribers") => {
                let q: std::collections::HashMap<String, String> = url::form_urlencoded::parse(
                    target.split_once('?').map_or("", |(_, q)| q).as_bytes(),
                )
                .into_owned()
                .collect();
                let joined = |i: usize| format!("2026-11-{:02}T09:00:00Z", 10 + i);
                let all: Vec<Value> = seen.lock().unwrap().iter().enumerate()
                    .map(|(i, e)| json!({"id": format!("sub_{}", i + 1), "email_address": e, "creation_date": joined(i), "type": "regular"}))
                    .filter(|s| q.get("date__gte").is_none_or(|d| s["creation_date"].as_str().unwrap() >= d.as_str()))
                    .collect();
                let size: usize = q
                    .get("page_size")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(10);
                let from: usize = q.get("cursor").and_then(|c| c.parse().ok()).unwrap_or(0);
                let page: Vec<Value> = all.iter().skip(from).take(size).cloned().collect();
                let next = (from + size < all.len()).then(|| (from + size).to_string());
                Reply::json(
                    200,
                    json!({"results": page, "next": next, "count": all.len()}),
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

[[streams]]
name = "subscribers"
description = "Everyone on the list, with when they joined."
endpoint = "/v1/subscribers"

[streams.records]
items = "/results"
id = "/id"
fields = {{ email = "/email_address", joined = "/creation_date" }}
query = {{ page_size = "2" }}
paging = {{ style = "cursor", param = "cursor", next = "/next" }}
since = {{ param = "date__gte", field = "/creation_date" }}
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
    assert_eq!(added, json!({"id": "sub_4", "email": "fan@example.com"}));
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

fn records(ws: &TestWorkspace, id: &str) -> Vec<Value> {
    let out = ws.run(&["records", id, "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_users_own_connector_syncs_its_declared_list_then_only_what_changed() {
    let ws = TestWorkspace::new();
    let server = newsletter();
    let dir = ws.data_dir().join("connectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("letterbox.toml"), manifest(&server.url())).unwrap();
    let id = add(&ws, "letterbox", "live", &[], &[("api_key", KEY)]);

    let synced = ws.run(&["sync", "--connection", &id]);
    assert!(synced.status.success(), "{:?}", text(&synced));
    let kept = records(&ws, &id);
    assert_eq!(kept.len(), 3, "every page: {kept:?}");
    let ada = kept.iter().find(|r| r["record_id"] == "sub_1").unwrap();
    assert_eq!(
        ada["fields"],
        json!({"email": "ada@example.com", "joined": "2026-11-10T09:00:00Z"})
    );
    let pages: Vec<String> = server
        .received()
        .iter()
        .filter(|r| r.method == "GET" && r.target.starts_with("/v1/subscribers"))
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(pages.len(), 2, "two per page, then the cursor: {pages:?}");
    assert!(
        pages[1].contains("cursor=2") && pages[1].contains("page_size=2"),
        "{pages:?}"
    );

    ok(&run(
        &ws,
        &id,
        "add_subscriber",
        &json!({"email": "dee@example.com"}),
    ));
    assert!(
        ws.run(&["sync", "--connection", "Letterbox"])
            .status
            .success(),
        "named by its name"
    );
    let later: Vec<String> = server
        .received()
        .iter()
        .filter(|r| r.method == "GET" && r.target.starts_with("/v1/subscribers"))
        .map(|r| r.target.clone())
        .collect();
    assert!(
        later[2].contains("date__gte=2026-11-12T09"),
        "only what changed since the newest seen: {later:?}"
    );
    let kept = records(&ws, &id);
    assert_eq!(kept.len(), 4, "the new one, and no duplicates");
    let log = text(&ws.run(&["logs", "--lines", "200"])).0;
    assert!(log.contains("sync"), "{log}");
}
