use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;
use std::path::PathBuf;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../src-tauri/crates/patchbay-registry/tests/manifests")
        .join(name)
}

fn list_json(ws: &TestWorkspace, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["connectors", "list", "--json"];
    all.extend_from_slice(args);
    let output = ws.run(&all);
    assert!(output.status.success(), "{:?}", text(&output));
    serde_json::from_slice::<Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn list_json_gives_all_23_with_categories_and_statuses() {
    let ws = TestWorkspace::new();
    let list = list_json(&ws, &[]);
    assert_eq!(list.len(), 23);
    let youtube = list.iter().find(|c| c["id"] == "youtube").unwrap();
    assert_eq!(youtube["category"], "social");
    assert_eq!(youtube["status"], "beta");
    assert_eq!(youtube["auth"], "oauth2");
    let ads = list.iter().find(|c| c["id"] == "google-ads").unwrap();
    assert_eq!(ads["status"], "coming-soon");
}

#[test]
fn list_filters_by_category_status_and_search() {
    let ws = TestWorkspace::new();
    let email = list_json(&ws, &["--category", "email"]);
    let ids: Vec<_> = email.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["gmail", "smtp"]);
    let soon = list_json(&ws, &["--status", "coming-soon", "--search", "webhook"]);
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0]["id"], "webhook");
}

#[test]
fn list_rejects_an_unknown_category_with_a_sentence() {
    let ws = TestWorkspace::new();
    let output = ws.run(&["connectors", "list", "--category", "communication"]);
    assert_eq!(output.status.code(), Some(2));
    let (_, err) = text(&output);
    assert!(
        err.contains("--category communication is not a known category"),
        "{err}"
    );
}

#[test]
fn a_user_manifest_in_the_data_dir_appears_in_the_list() {
    let ws = TestWorkspace::new();
    let dir = ws.data_dir().join("connectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(corpus("valid-acme.toml"), dir.join("acme.toml")).unwrap();
    std::fs::copy(
        corpus("broken/bad-id-uppercase.toml"),
        dir.join("broken.toml"),
    )
    .unwrap();
    let output = ws.run(&["connectors", "list", "--json"]);
    assert!(output.status.success());
    let list: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let acme = list
        .iter()
        .find(|c| c["id"] == "acme-crm")
        .expect("acme-crm listed");
    assert_eq!(acme["source"], "user");
    assert_eq!(list.len(), 24);
    let (_, err) = text(&output);
    assert!(
        err.contains("broken.toml: id: `Acme_CRM` is not a kebab-case id"),
        "{err}"
    );
}

#[test]
fn show_prints_setup_steps_and_json_prints_the_manifest() {
    let ws = TestWorkspace::new();
    let (out, _) = text(&ws.run(&["connectors", "show", "tiktok"]));
    assert!(out.contains("TikTok (tiktok)"), "{out}");
    assert!(out.contains("http://127.0.0.1:*/oauth/callback"), "{out}");
    let output = ws.run(&["connectors", "show", "tiktok", "--json"]);
    let manifest: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(manifest["auth"]["pkce"], "s256-hex");
    assert_eq!(manifest["auth"]["client_id_param"], "client_key");
}

#[test]
fn show_an_unknown_connector_fails_with_a_stable_code() {
    let ws = TestWorkspace::new();
    let output = ws.run(&["connectors", "show", "myspace"]);
    assert_eq!(output.status.code(), Some(1));
    let (_, err) = text(&output);
    assert!(err.contains("error[connector.unknown]"), "{err}");
    assert!(err.contains("patchbay connectors list"), "{err}");
}

#[test]
fn schema_prints_json_schema_with_secrets_write_only() {
    let ws = TestWorkspace::new();
    let output = ws.run(&["connectors", "schema", "stripe"]);
    assert!(output.status.success());
    let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["secret_key"]["writeOnly"], true);
    assert_eq!(schema["properties"]["secret_key"]["format"], "password");
    assert_eq!(schema["required"], serde_json::json!(["secret_key"]));
}

#[test]
fn validate_exits_0_for_a_good_file_and_1_with_every_problem_for_a_bad_one() {
    let ws = TestWorkspace::new();
    let good = ws.run(&[
        "connectors",
        "validate",
        corpus("valid-acme.toml").to_str().unwrap(),
    ]);
    assert_eq!(good.status.code(), Some(0), "{:?}", text(&good));
    assert!(text(&good).0.contains("valid manifest for `acme-crm`"));

    let bad = ws.root().join("two-problems.toml");
    let source = std::fs::read_to_string(corpus("valid-acme.toml")).unwrap();
    std::fs::write(
        &bad,
        source
            .replace("color = \"#123ABC\"", "color = \"blue\"")
            .replace("window = \"1m\"", "window = \"soon\""),
    )
    .unwrap();
    let output = ws.run(&["connectors", "validate", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let (out, _) = text(&output);
    assert!(
        out.contains("two-problems.toml: color: `blue` is not a colour"),
        "{out}"
    );
    assert!(
        out.contains("two-problems.toml: rate_limits[0].window: `soon` is not a window"),
        "{out}"
    );
    assert!(out.contains("2 problem(s) found."), "{out}");
}

#[test]
fn validate_refuses_a_bundled_id() {
    let ws = TestWorkspace::new();
    let file = ws.root().join("slack.toml");
    let source = std::fs::read_to_string(corpus("valid-acme.toml")).unwrap();
    std::fs::write(&file, source.replace("id = \"acme-crm\"", "id = \"slack\"")).unwrap();
    let output = ws.run(&["connectors", "validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).0.contains("id of a bundled connector"));
}
