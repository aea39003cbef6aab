//! The tray icon's menu as a desktop panel shows it (a StatusNotifierWatcher on the session bus,
//! the menu read and clicked over dbusmenu): "Sync a client" lists the tags in use and syncs
//! exactly that client's accounts; "Sync now" syncs every account; the status line says how the
//! last sync went.

use patchbay_tests::desktop::Desktop;
use patchbay_tests::tray::Panel;
use patchbay_tests::workspace::{TestWorkspace, sqlite, text};
use std::time::{Duration, Instant};

fn runs_of(ws: &TestWorkspace, id: &str) -> i64 {
    sqlite(&ws.data_dir())
        .query_row(
            "SELECT COUNT(*) FROM sync_runs WHERE connection_id = ?1 AND finished_at IS NOT NULL",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

fn until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_tray_syncs_one_client_or_everyone_and_says_how_it_went() {
    let ws = TestWorkspace::new();
    let out = ws.run(&["demo", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&ws.run(&["connections", "list", "--json"]).stdout).unwrap();
    let id = |connector: &str| {
        list.iter()
            .find(|c| c["connector_id"] == connector)
            .and_then(|c| c["id"].as_str())
            .unwrap()
            .to_owned()
    };
    let (ig, yt, x) = (id("instagram"), id("youtube"), id("x"));
    for c in [&ig, &yt] {
        let out = ws.run(&["connections", "tag", c, "--add", "client: Acme"]);
        assert!(out.status.success(), "{:?}", text(&out));
    }

    let _app = Desktop::open(&ws).expect("the desktop app opens");
    // The panel comes up after the app, as a session's panel may: the icon registers when it
    // appears (and no other test's window is open meanwhile).
    let panel = Panel::start().unwrap();
    let menu = panel.icon_of(&ws.data_dir().display().to_string()).unwrap();
    let layout = menu.layout().unwrap();
    let client = layout
        .find("Sync a client")
        .expect("a Sync a client submenu");
    let labels = client.labels();
    assert!(
        labels.contains(&"client: Acme (2)".to_owned()),
        "{labels:?}"
    );
    assert!(
        layout.find("Last sync: not yet").is_some(),
        "{:?}",
        layout.labels()
    );

    let before = (runs_of(&ws, &ig), runs_of(&ws, &yt), runs_of(&ws, &x));
    menu.click("client: Acme (2)").unwrap();
    until("the client's two accounts are synced", || {
        runs_of(&ws, &ig) > before.0 && runs_of(&ws, &yt) > before.1
    });
    until("the tray says how the sync went", || {
        menu.layout()
            .is_ok_and(|m| m.find_prefix("Last sync: 2 account(s) OK").is_some())
    });
    assert_eq!(
        runs_of(&ws, &x),
        before.2,
        "another client's account is left alone"
    );

    menu.click("Sync now").unwrap();
    until("every account is synced", || runs_of(&ws, &x) > before.2);
    until("the tray counts all six", || {
        menu.layout()
            .is_ok_and(|m| m.find_prefix("Last sync: 6 account(s) OK").is_some())
    });
}
