//! Clients as tags from the command line: a connection carries tags; `connections list`,
//! `sync`, `export`, `insights` and `report build` take `--tag` and cover exactly the tagged accounts; a
//! tag nobody carries is an error naming the tags in use; tags are compared without regard to
//! case and keep their first spelling.

use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;

fn id_of(ws: &TestWorkspace, connector: &str) -> String {
    let out = ws.run(&["connections", "list", "--json"]);
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    list.iter()
        .find(|c| c["connector_id"] == connector)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn json_lines(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_tag_narrows_list_sync_export_and_report_to_its_connections() {
    let ws = TestWorkspace::new();
    let out = ws.run(&["demo", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let (ig, yt, x) = (
        id_of(&ws, "instagram"),
        id_of(&ws, "youtube"),
        id_of(&ws, "x"),
    );

    // Nothing tagged yet: the error says how to add one.
    let none = ws.run(&["sync", "--tag", "client: Acme", "--json"]);
    assert!(!none.status.success());
    assert!(
        text(&none).1.contains("no tags are in use yet"),
        "{:?}",
        text(&none)
    );

    let tagged = ws.run(&["connections", "tag", &ig, "--add", "client:   Acme"]);
    assert!(tagged.status.success(), "{:?}", text(&tagged));
    assert!(
        text(&tagged).0.contains("tagged: client: Acme"),
        "{:?}",
        text(&tagged)
    );
    // Another spelling of the same tag joins it, keeping the first spelling.
    assert!(
        ws.run(&[
            "connections",
            "tag",
            &yt,
            "--add",
            "CLIENT: ACME",
            "--add",
            "launch"
        ])
        .status
        .success()
    );
    let tags: Vec<Value> =
        serde_json::from_slice(&ws.run(&["connections", "tags", "--json"]).stdout).unwrap();
    assert_eq!(
        tags,
        vec![
            serde_json::json!({"tag": "client: Acme", "connections": 2}),
            serde_json::json!({"tag": "launch", "connections": 1}),
        ]
    );
    // A tag that is not plain, short text is refused.
    let long = "x".repeat(41);
    let refused = ws.run(&["connections", "tag", &x, "--add", &long]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).1.contains("40 characters"),
        "{:?}",
        text(&refused)
    );

    // list --tag
    let listed: Vec<Value> = serde_json::from_slice(
        &ws.run(&["connections", "list", "--tag", "client: acme", "--json"])
            .stdout,
    )
    .unwrap();
    let mut ids: Vec<&str> = listed.iter().map(|c| c["id"].as_str().unwrap()).collect();
    ids.sort();
    let mut expected = vec![ig.as_str(), yt.as_str()];
    expected.sort();
    assert_eq!(ids, expected);

    // sync --tag syncs those two, and only those.
    let synced = ws.run(&["sync", "--tag", "Client: Acme", "--json"]);
    assert!(synced.status.success(), "{:?}", text(&synced));
    let mut ids: Vec<String> = json_lines(&synced)
        .iter()
        .map(|s| s["connection_id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    assert_eq!(ids, expected);

    // export --tag writes one folder per tagged account.
    let dir = ws.root().join("acme-export");
    let exported = ws.run(&[
        "export",
        "--tag",
        "client: Acme",
        "-o",
        &dir.display().to_string(),
    ]);
    assert!(exported.status.success(), "{:?}", text(&exported));
    let mut folders: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(folders, expected);

    // report build --tag covers the tagged accounts alone.
    let file = ws.root().join("acme.html");
    let built = ws.run(&[
        "report",
        "build",
        "--period",
        "30d",
        "--tag",
        "client: Acme",
        "-o",
        &file.display().to_string(),
    ]);
    assert!(built.status.success(), "{:?}", text(&built));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains(&format!("data-account=\"{ig}\"")));
    assert!(html.contains(&format!("data-account=\"{yt}\"")));
    assert!(
        !html.contains(&format!("data-account=\"{x}\"")),
        "an untagged account is in the report"
    );

    // insights --tag speaks of the tagged accounts alone.
    let found: Value = serde_json::from_slice(
        &ws.run(&["insights", "--tag", "client: Acme", "--json"])
            .stdout,
    )
    .unwrap();
    let about: std::collections::BTreeSet<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["connection_id"].as_str())
        .collect();
    assert_eq!(
        about,
        expected.iter().copied().collect(),
        "insights of exactly the tagged accounts"
    );

    // A tag nobody carries names the ones in use.
    let unknown = ws.run(&["connections", "list", "--tag", "client: Globex"]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown)
            .1
            .contains("Tags in use: client: Acme, launch"),
        "{:?}",
        text(&unknown)
    );

    // Removing takes the tag away.
    assert!(
        ws.run(&["connections", "tag", &yt, "--remove", "launch"])
            .status
            .success()
    );
    let shown: Value =
        serde_json::from_slice(&ws.run(&["connections", "show", &yt, "--json"]).stdout).unwrap();
    assert_eq!(shown["tags"], serde_json::json!(["client: Acme"]));
}
