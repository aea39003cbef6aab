use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;

fn checks(ws: &TestWorkspace, extra: &[&str]) -> (Vec<Value>, i32) {
    let mut args = vec!["doctor", "--json"];
    args.extend_from_slice(extra);
    let output = ws.run(&args);
    let report: Value = serde_json::from_slice(&output.stdout).expect("doctor --json prints JSON");
    let checks = report["checks"].as_array().expect("checks").clone();
    (checks, output.status.code().expect("exit code"))
}

fn check<'a>(checks: &'a [Value], name: &str) -> &'a Value {
    checks
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} check in {checks:?}"))
}

#[test]
fn doctor_creates_the_database_in_an_empty_data_dir_and_reports_every_check() {
    let ws = TestWorkspace::new();
    let dir = ws.root().join("brand-new");
    let (checks, _) = checks(&ws, &["--data-dir", dir.to_str().unwrap()]);
    let names: Vec<_> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["data_dir", "database", "keyring", "deep_link"]);
    assert!(dir.join("patchbay.sqlite3").exists());
    let db = check(&checks, "database");
    assert_eq!(db["ok"], true);
    assert!(db["detail"].as_str().unwrap().contains(&format!(
        "schema version {}",
        patchbay_core::store::SCHEMA_VERSION
    )));
}

#[test]
fn doctor_finds_the_secret_service_of_the_session() {
    // make test runs the suite inside a D-Bus session with an unlocked gnome-keyring.
    let ws = TestWorkspace::new();
    let (checks, _) = checks(&ws, &[]);
    let keyring = check(&checks, "keyring");
    assert_eq!(keyring["ok"], true, "{keyring}");
}

#[test]
fn doctor_reports_an_unregistered_deep_link_with_its_exit_bit() {
    let ws = TestWorkspace::new();
    let (checks, code) = checks(&ws, &[]);
    let link = check(&checks, "deep_link");
    assert_eq!(link["ok"], false, "{link}");
    assert!(
        link["detail"]
            .as_str()
            .unwrap()
            .contains("patchbay-desktop")
    );
    assert_eq!(code & 8, 8, "deep-link bit in exit code {code}");
}

#[test]
fn doctor_reports_a_deep_link_registered_by_a_desktop_entry() {
    let ws = TestWorkspace::new();
    let apps = ws.root().join("xdg-data/applications");
    std::fs::create_dir_all(&apps).unwrap();
    std::fs::write(
        apps.join("patchbay-handler.desktop"),
        "[Desktop Entry]\nType=Application\nName=Patchbay\nExec=patchbay-desktop %u\nMimeType=x-scheme-handler/patchbay\n",
    )
    .unwrap();
    let status = std::process::Command::new("update-desktop-database")
        .arg(&apps)
        .status()
        .expect("update-desktop-database runs");
    assert!(status.success());
    let status = std::process::Command::new("xdg-mime")
        .args([
            "default",
            "patchbay-handler.desktop",
            "x-scheme-handler/patchbay",
        ])
        .envs(ws.env())
        .status()
        .expect("xdg-mime runs");
    assert!(status.success());
    let (checks, code) = checks(&ws, &[]);
    let link = check(&checks, "deep_link");
    assert_eq!(link["ok"], true, "{link}");
    assert_eq!(code & 8, 0);
}

#[test]
fn doctor_exits_non_zero_with_a_sentence_when_the_data_dir_is_unusable() {
    let ws = TestWorkspace::new();
    let blocker = ws.root().join("a-file");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let output = ws.run(&["doctor", "--data-dir", blocker.to_str().unwrap()]);
    let (out, _) = text(&output);
    assert_eq!(output.status.code().unwrap() & 3, 3, "{out}");
    assert!(out.contains("FAIL  data_dir"), "{out}");
    assert!(out.contains("--data-dir or PATCHBAY_DATA_DIR"), "{out}");
}

#[test]
fn doctor_refuses_a_database_from_a_newer_version_without_touching_it() {
    let ws = TestWorkspace::new();
    std::fs::create_dir_all(ws.data_dir()).unwrap();
    let db = ws.data_dir().join("patchbay.sqlite3");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE future(x); PRAGMA user_version = 999;")
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let output = ws.run(&["doctor"]);
    let (out, _) = text(&output);
    assert_eq!(output.status.code().unwrap() & 2, 2, "{out}");
    assert!(out.contains("newer Patchbay"), "{out}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn doctor_refuses_a_data_dir_every_user_can_write_and_checks_the_modes_it_creates() {
    use std::os::unix::fs::PermissionsExt;
    let ws = TestWorkspace::new();
    let dir = ws.root().join("fresh");
    let (checks_before, code) = checks(&ws, &["--data-dir", dir.to_str().unwrap()]);
    assert_eq!(check(&checks_before, "data_dir")["ok"], true);
    assert_eq!(code & 1, 0);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700, "the data dir Patchbay made");
    assert_eq!(mode(&dir.join("patchbay.sqlite3")), 0o600, "the database");

    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let (checks_after, code) = checks(&ws, &["--data-dir", dir.to_str().unwrap()]);
    let data_dir = check(&checks_after, "data_dir");
    assert_eq!(data_dir["ok"], false);
    assert!(
        data_dir["detail"].as_str().unwrap().contains("chmod 700"),
        "{data_dir}"
    );
    assert_eq!(code & 1, 1, "the data directory's exit bit");
}
