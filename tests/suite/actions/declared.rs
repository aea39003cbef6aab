//! The bundled actions that are declared in their manifests (no code of their own), each
//! against its sandbox, which refuses a request that breaks the platform's documented format
//! (Notion's version header and block objects, Trello's key and token, Asana's `data` envelope,
//! HubSpot's `properties`, Sheets' `valueInputOption`, Shopify's cursor rules, LinkedIn's
//! headers and author), so a success means the request had that shape.

use super::{add, connect, ok, outbox, refused, run};
use patchbay_tests::workspace::TestWorkspace;
use serde_json::{Value, json};

#[test]
fn notion_trello_asana_and_hubspot_create_what_they_are_asked() {
    let ws = TestWorkspace::new();
    let notion = add(
        &ws,
        "notion",
        "sandbox",
        &["database_id=8a3f0c2e5b7d4e1f9a6b3c2d1e0f9a8b"],
        &[("integration_token", "ntn_sandbox1")],
    );
    let page = ok(&run(
        &ws,
        &notion,
        "create_page",
        &json!({"title": "Launch plan", "content": "First draft"}),
    ));
    assert!(
        page["url"]
            .as_str()
            .unwrap()
            .starts_with("https://www.notion.so/Launch-plan-")
    );
    let got = &outbox(&ws, "notion")[0]["detail"];
    assert_eq!(
        got["page"]["parent"]["database_id"], "8a3f0c2e5b7d4e1f9a6b3c2d1e0f9a8b",
        "the connection's default database"
    );
    assert_eq!(
        got["page"]["properties"]["title"]["title"][0]["text"]["content"],
        "Launch plan"
    );
    assert_eq!(
        got["children"][0]["paragraph"]["rich_text"][0]["text"]["content"],
        "First draft"
    );
    ok(&run(
        &ws,
        &notion,
        "create_page",
        &json!({"title": "No body"}),
    ));
    assert!(
        outbox(&ws, "notion")[1]["detail"]["children"].is_null(),
        "an absent optional input is left out"
    );
    let out = run(
        &ws,
        &notion,
        "create_page",
        &json!({"title": "x", "database_id": "00000000000000000000000000000000"}),
    );
    assert!(refused(&out, "action.refused").contains("Share it with the integration"));

    let trello = add(
        &ws,
        "trello",
        "sandbox",
        &[
            "api_key=0123456789abcdef0123456789abcdef",
            "list_id=5f1e2d3c4b5a69788796a5b4",
        ],
        &[("api_token", "trellotoken1")],
    );
    let card = ok(&run(
        &ws,
        &trello,
        "create_card",
        &json!({"name": "Edit the video", "desc": "B-roll first"}),
    ));
    assert!(
        card["shortUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://trello.com/c/")
    );
    let got = &outbox(&ws, "trello")[0]["detail"];
    assert_eq!(
        (
            got["idList"].as_str(),
            got["name"].as_str(),
            got["desc"].as_str()
        ),
        (
            Some("5f1e2d3c4b5a69788796a5b4"),
            Some("Edit the video"),
            Some("B-roll first")
        )
    );
    let out = run(
        &ws,
        &trello,
        "create_card",
        &json!({"name": "x", "list_id": "000000000000000000000000"}),
    );
    assert!(refused(&out, "action.refused").contains("no list with that ID"));

    let asana = add(
        &ws,
        "asana",
        "sandbox",
        &["workspace_gid=1200000000000100"],
        &[("personal_access_token", "pat_sandbox")],
    );
    let task = ok(&run(
        &ws,
        &asana,
        "create_task",
        &json!({"name": "Film intro", "due_on": "2026-12-05"}),
    ));
    assert_eq!(outbox(&ws, "asana")[0]["id"], task["gid"]);
    assert_eq!(
        outbox(&ws, "asana")[0]["detail"]["workspace"],
        "1200000000000100"
    );

    let hubspot = add(
        &ws,
        "hubspot",
        "sandbox",
        &[],
        &[("private_app_token", "pat-na1-0a1b2c3d-0000")],
    );
    let contact = ok(&run(
        &ws,
        &hubspot,
        "create_contact",
        &json!({"email": "jane@example.com", "firstname": "Jane"}),
    ));
    let got = &outbox(&ws, "hubspot")[0]["detail"];
    assert_eq!(got["id"], contact["id"]);
    assert_eq!(got["properties"]["firstname"], "Jane");
    assert!(
        got["properties"].get("lastname").is_none(),
        "absent inputs are not sent as empty strings"
    );
    let again = run(
        &ws,
        &hubspot,
        "create_contact",
        &json!({"email": "jane@example.com"}),
    );
    assert!(
        refused(&again, "action.refused")
            .contains("already has a contact with this email (409, CONFLICT)")
    );
}

#[test]
fn shopify_orders_are_paged_by_the_link_header_cursor() {
    let ws = TestWorkspace::new();
    let shop = add(
        &ws,
        "shopify",
        "sandbox",
        &["shop=sandbox-studio"],
        &[("admin_api_token", "shpat_0a1b2c3d")],
    );
    let mut seen = std::collections::BTreeSet::new();
    let mut input = json!({"limit": 50, "status": "any"});
    for _ in 0..10 {
        let page = ok(&run(&ws, &shop, "list_orders", &input));
        for o in page["orders"].as_array().unwrap() {
            assert!(seen.insert(o["id"].as_i64().unwrap()), "no order twice");
        }
        match page["next_page_info"].as_str() {
            Some(next) => input = json!({"limit": 50, "page_info": next}),
            None => break,
        }
    }
    assert_eq!(seen.len(), 137, "every order of the store, once");
}

#[test]
fn sheets_gmail_and_linkedin_act_as_the_signed_in_account() {
    let ws = TestWorkspace::new();
    let sheet = add(
        &ws,
        "google-sheets",
        "sandbox",
        &[
            "client_id=42-gs.apps.googleusercontent.com",
            "spreadsheet_id=1AbCdEfGhIjKlMnOpQrStUvWxYz",
        ],
        &[("client_secret", "gs-secret")],
    );
    connect(&ws, &sheet);
    let first = ok(&run(
        &ws,
        &sheet,
        "append_rows",
        &json!({"range": "Sheet1!A:C", "values": [["2026-11-30", 12310, "launch"], ["2026-12-01", 12402, ""]]}),
    ));
    assert_eq!(
        first,
        json!({"updatedRange": "Sheet1!A1:C2", "updatedRows": 2})
    );
    let second = ok(&run(
        &ws,
        &sheet,
        "append_rows",
        &json!({"range": "Sheet1!A:C", "values": [["2026-12-02", 12500, true]]}),
    ));
    assert_eq!(
        second["updatedRange"], "Sheet1!A3:C3",
        "rows go after the last one"
    );
    assert_eq!(
        outbox(&ws, "sheets")[1]["detail"]["rows"],
        json!([["2026-12-02", 12500, true]]),
        "numbers and booleans keep their type"
    );

    let gmail = add(
        &ws,
        "gmail",
        "sandbox",
        &["client_id=42-gm.apps.googleusercontent.com"],
        &[("client_secret", "gm-secret")],
    );
    connect(&ws, &gmail);
    std::fs::create_dir_all(ws.data_dir().join("attachments")).unwrap();
    std::fs::write(ws.data_dir().join("attachments/notes.txt"), "see you").unwrap();
    let sent = ok(&run(
        &ws,
        &gmail,
        "send_email",
        &json!({"to": ["client@example.com"], "bcc": ["archive@example.com"], "subject": "Hello from Gmail",
        "text": "Hi", "html": "<p>Hi</p>", "attachments": [{"filename": "notes.txt", "path": "notes.txt"}]}),
    ));
    let mail = &outbox(&ws, "gmail")[0];
    assert_eq!(mail["id"], sent["id"]);
    assert_eq!(
        mail["detail"]["bcc"], "archive@example.com",
        "Gmail reads bcc from the message itself"
    );
    let raw = std::fs::read_to_string(
        ws.data_dir()
            .join("sandbox-outbox")
            .join(mail["file"].as_str().unwrap()),
    )
    .unwrap();
    assert!(
        raw.contains("multipart/alternative") && raw.contains("filename=\"notes.txt\""),
        "{raw}"
    );

    let linkedin = add(
        &ws,
        "linkedin",
        "sandbox",
        &["client_id=86abcdef"],
        &[("client_secret", "li-secret")],
    );
    connect(&ws, &linkedin);
    let post = ok(&run(
        &ws,
        &linkedin,
        "share_post",
        &json!({"text": "New video is out!"}),
    ));
    assert!(
        post["id"].as_str().unwrap().starts_with("urn:li:share:"),
        "the id comes from the x-restli-id header"
    );
    let shared: Value = outbox(&ws, "linkedin")[0]["detail"].clone();
    assert!(
        shared["author"]
            .as_str()
            .unwrap()
            .starts_with("urn:li:person:")
    );
    assert_eq!(shared["visibility"], "PUBLIC");
}
