//! Upgrades lose nothing: a database written by the previous schema (a small copy of a real
//! demo workspace at schema 5, committed under tests/fixtures) opens in this build, migrates,
//! and still holds every connection, secret, post, snapshot and run; what moved to new tables
//! (API budgets, YouTube quota days, the sandbox clock) is there.

use patchbay_core::Workspace;
use patchbay_core::store::{self, budgets, sandbox_clock};
use patchbay_core::vault::{Secret, Vault};
use rusqlite::OptionalExtension;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-5.sqlite3");
/// The same workspace after schema 6 opened it, and after schema 7 did.
const FIXTURE_6: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-6.sqlite3");
const FIXTURE_7: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-7.sqlite3");
/// The same workspace after schema 8 opened it (before developer apps existed).
const FIXTURE_8: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-8.sqlite3");
/// The same workspace at schema 9, its connections gathered into developer apps.
const FIXTURE_9: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-9.sqlite3");
const FIXTURE_10: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-10.sqlite3");
const FIXTURE_11: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-11.sqlite3");
/// The same workspace at schema 12, with a workflow and one run of it.
const FIXTURE_12: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema-12.sqlite3");
/// The passphrase the fixture's secrets were sealed with.
const PASSPHRASE: &str = "fixture-passphrase";

fn count(ws: &Workspace, table: &str) -> i64 {
    ws.database()
        .lock()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn open_copy(fixture: &str) -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(fixture, data.join(patchbay_core::paths::DATABASE_FILE)).unwrap();
    let ws = Workspace::open(&data).unwrap();
    assert_eq!(ws.info().unwrap().schema_version, store::SCHEMA_VERSION);
    (tmp, ws)
}

#[test]
fn a_schema_6_database_opens_migrated_with_everything_in_it() {
    let (_tmp, ws) = open_copy(FIXTURE_6);
    everything_is_there(&ws);
    let sql = ws.database().lock();
    assert_eq!(budgets::used(&sql, "sandbox-x-e82c").unwrap(), Some(0.7));
    assert_eq!(sandbox_clock::get(&sql).unwrap().seed, 11);
    drop(sql);
    assert_eq!(count(&ws, "leases"), 0, "the new table starts empty");
}

#[test]
fn a_schema_7_database_opens_migrated_with_everything_in_it() {
    let (_tmp, ws) = open_copy(FIXTURE_7);
    everything_is_there(&ws);
    let sql = ws.database().lock();
    for c in store::connections::list(&sql, None, None).unwrap() {
        assert_eq!(
            store::connections::token_generation(&sql, &c.id).unwrap(),
            0,
            "every connection starts at the first token generation"
        );
    }
}

#[test]
fn a_schema_8_database_opens_migrated_and_its_connections_move_into_apps_without_signing_in() {
    let (tmp, ws) = open_copy(FIXTURE_8);
    everything_is_there(&ws);
    assert_eq!(
        count(&ws, "apps"),
        0,
        "no app until the connections are gathered"
    );
    drop(ws);
    // The user opens the apps list (window or command line): the connections' own client
    // fields become apps; the tokens stay, so nobody signs in again.
    let data = tmp.path().join("data");
    let run = |args: &[&str]| {
        std::process::Command::new(patchbay_tests::bins::bin("patchbay"))
            .args(args)
            .env("PATCHBAY_DATA_DIR", &data)
            .env("PATCHBAY_VAULT_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap()
    };
    let listed = run(&["apps", "list", "--json"]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let apps: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let used: usize = apps
        .iter()
        .map(|a| a["connections"].as_array().unwrap().len())
        .sum();
    assert_eq!(used, 6, "every OAuth connection uses an app: {apps:?}");
    let ig = apps
        .iter()
        .find(|a| a["connector_id"] == "instagram")
        .unwrap();
    assert_eq!(ig["client_id"], "1000000001");
    assert_eq!(ig["client_secret"], "••••••••");
    // The secret moved into the app intact, and signing in asks for the same client.
    let ws = Workspace::open(&data).unwrap();
    let vault = Vault::unlock(ws.database(), ws.id(), Some(Secret::new(PASSPHRASE))).unwrap();
    let sql = ws.database().lock();
    let own = vault
        .get(&sql, "sandbox-instagram-2a31", "client_secret")
        .unwrap()
        .unwrap();
    let app_id = ig["id"].as_str().unwrap();
    let shared = vault
        .get_app(&sql, app_id, "client_secret")
        .unwrap()
        .unwrap();
    assert_eq!(own.expose(), shared.expose());
    drop(sql);
    drop(ws);
    // Gathering happens once: an account moved back to its own client fields stays so.
    assert!(
        run(&["apps", "use", "sandbox-x-e82c", "--own"])
            .status
            .success()
    );
    let again: Vec<serde_json::Value> =
        serde_json::from_slice(&run(&["apps", "list", "--json"]).stdout).unwrap();
    let used: usize = again
        .iter()
        .map(|a| a["connections"].as_array().unwrap().len())
        .sum();
    assert_eq!(used, 5, "the X connection keeps its own client fields");
    let started = run(&[
        "connect",
        "sandbox-instagram-2a31",
        "--no-browser",
        "--redirect",
        "loopback",
        "--timeout",
        "1",
    ]);
    let url = String::from_utf8_lossy(&started.stdout);
    assert!(url.contains("client_id=1000000001"), "{url}");
    let ws = Workspace::open(&data).unwrap();
    everything_is_there(&ws);
}

#[test]
fn a_schema_9_database_opens_migrated_with_its_apps_and_an_empty_action_log() {
    let (_tmp, ws) = open_copy(FIXTURE_9);
    everything_is_there(&ws);
    assert_eq!(count(&ws, "apps"), 6);
    let vault = Vault::unlock(ws.database(), ws.id(), Some(Secret::new(PASSPHRASE))).unwrap();
    let sql = ws.database().lock();
    for c in store::connections::list(&sql, None, None).unwrap() {
        assert!(
            store::apps::app_of(&sql, &c.id).unwrap().is_some(),
            "{} keeps its app",
            c.id
        );
    }
    let ig = store::apps::app_of(&sql, "sandbox-instagram-2a31")
        .unwrap()
        .unwrap();
    assert!(
        vault.get_app(&sql, &ig, "client_secret").unwrap().is_some(),
        "the app's secret opens"
    );
    drop(sql);
    assert_eq!(count(&ws, "action_log"), 0, "the new table starts empty");
}

#[test]
fn a_schema_10_database_opens_migrated_with_its_action_log_and_an_empty_records_table() {
    let (_tmp, ws) = open_copy(FIXTURE_10);
    everything_is_there(&ws);
    assert_eq!(count(&ws, "apps"), 6);
    let calls = patchbay_core::actions::log(&ws, None, 10).unwrap();
    assert_eq!(calls.len(), 2, "the action log is kept");
    assert_eq!(calls[0].outcome, "refused");
    assert_eq!(calls[1].created_id.as_deref(), Some("1796000000.000100"));
    assert_eq!(
        count(&ws, "stream_records"),
        0,
        "the new table starts empty"
    );
}

#[test]
fn a_schema_11_database_opens_migrated_with_its_records_and_empty_workflow_tables() {
    let (_tmp, ws) = open_copy(FIXTURE_11);
    everything_is_there(&ws);
    assert_eq!(patchbay_core::actions::log(&ws, None, 10).unwrap().len(), 2);
    let kept =
        patchbay_core::sync::records::list(&ws, "sandbox-instagram-2a31", Some("orders"), 10)
            .unwrap();
    assert_eq!(kept.len(), 1, "the stored records are kept");
    assert_eq!(kept[0].fields["number"], "#1137");
    for table in [
        "workflow_runs",
        "workflow_steps",
        "workflow_fired",
        "workflow_state",
    ] {
        assert_eq!(count(&ws, table), 0, "{table} starts empty");
    }
}

#[test]
fn a_schema_12_database_opens_migrated_with_its_workflow_runs_and_no_tags() {
    let (_tmp, ws) = open_copy(FIXTURE_12);
    everything_is_there(&ws);
    let runs = patchbay_core::store::workflows::runs(&ws.database().lock(), None, 10).unwrap();
    assert_eq!(runs.len(), 1, "the workflow run is kept");
    assert_eq!(runs[0].workflow, "check");
    assert_eq!(runs[0].status, "stopped");
    assert_eq!(count(&ws, "connection_tags"), 0, "tags start empty");
    // Tags work on the migrated connections.
    let v = patchbay_core::connections::tags::set(
        &ws,
        "sandbox-instagram-2a31",
        &["client: Acme".to_owned()],
    )
    .unwrap();
    assert_eq!(v.tags, vec!["client: Acme".to_owned()]);
}

/// Every connection, secret and bit of synced history of the fixture workspace.
fn everything_is_there(ws: &Workspace) {
    assert_eq!(
        ws.id(),
        "e6fde932e4eaa925a1d325db12d116c9",
        "the workspace keeps its id"
    );

    // Every connection, with its account and status.
    let sql = ws.database().lock();
    let connections = store::connections::list(&sql, None, None).unwrap();
    assert_eq!(connections.len(), 6);
    let ig = store::connections::require(&sql, "sandbox-instagram-2a31").unwrap();
    assert_eq!(ig.account_handle.as_deref(), Some("maya_instagram1"));
    drop(sql);

    // Every secret still opens with the workspace's key.
    let vault = Vault::unlock(ws.database(), ws.id(), Some(Secret::new(PASSPHRASE))).unwrap();
    let sql = ws.database().lock();
    for c in &connections {
        let token = vault.get(&sql, &c.id, "access_token").unwrap();
        assert!(token.is_some_and(|t| !t.expose().is_empty()), "{}", c.id);
    }
    drop(sql);

    // The synced history.
    assert_eq!(count(ws, "posts"), 30);
    assert_eq!(count(ws, "snapshots"), 175);
    assert_eq!(count(ws, "sync_runs"), 15);
    assert_eq!(count(ws, "profiles"), 6);
    let o = patchbay_core::analytics::overview(
        ws.database(),
        "sandbox-tiktok-532f",
        3650,
        Default::default(),
    )
    .unwrap();
    assert!(o.followers.is_some() && o.posts_in_period == 5, "{o:?}");
}

#[test]
fn a_schema_5_database_opens_migrated_with_everything_in_it() {
    let (_tmp, ws) = open_copy(FIXTURE);
    everything_is_there(&ws);

    // What moved out of `settings`.
    let sql = ws.database().lock();
    assert_eq!(
        budgets::used(&sql, "sandbox-facebook-page-548f").unwrap(),
        Some(1.0)
    );
    assert_eq!(budgets::used(&sql, "sandbox-x-e82c").unwrap(), Some(0.7));
    let days = budgets::youtube_days(&sql).unwrap();
    assert!(
        days.contains(&(
            "1234567890-sandbox.apps.googleusercontent.com".into(),
            "2026-11-29".into(),
            8.0
        )),
        "{days:?}"
    );
    let clock = sandbox_clock::get(&sql).unwrap();
    assert!(
        clock
            .epoch
            .as_deref()
            .is_some_and(|e| e.starts_with("2026-11-30"))
    );
    assert_eq!((clock.advance_secs, clock.seed), (86_400, 11));
    let leftover: Option<String> = sql
        .query_row(
            "SELECT key FROM settings WHERE key LIKE 'budget.%' OR key LIKE 'sandbox.%'",
            [],
            |r| r.get(0),
        )
        .optional()
        .unwrap();
    assert_eq!(leftover, None, "the old keys are gone");
    let interval: String = sql
        .query_row(
            "SELECT value FROM settings WHERE key = 'sync.interval_hours'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(interval, "12", "other settings stay");
    drop(sql);

    // The next YouTube count prunes the quota days that no longer matter.
    let sql = ws.database().lock();
    budgets::add_youtube_units(
        &sql,
        "1234567890-sandbox.apps.googleusercontent.com",
        "2026-11-30",
        1.0,
    )
    .unwrap();
    let days = budgets::youtube_days(&sql).unwrap();
    assert!(
        days.iter().all(|(_, day, _)| day.as_str() >= "2026-11-29"),
        "{days:?}"
    );
}
