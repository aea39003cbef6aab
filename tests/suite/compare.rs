//! The cross-account comparison per 1,000 followers, from the core and the command line.

use crate::oauth::{fixture, synced};
use patchbay_core::analytics;
use patchbay_tests::workspace::{TestWorkspace, text};

#[tokio::test]
async fn accounts_are_compared_per_1000_followers_best_engagement_first() {
    let f = fixture();
    let ids = synced(&f.ws, &["tiktok", "youtube", "x"]).await;
    let rows = analytics::compare(f.ws.database(), 30).unwrap();
    let mut compared: Vec<&str> = rows.iter().map(|r| r.connection_id.as_str()).collect();
    compared.sort_unstable();
    let mut expected: Vec<&str> = ids.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(compared, expected, "every synced account, once");
    let rates: Vec<f64> = rows
        .iter()
        .map(|r| r.interactions_per_1k.unwrap())
        .collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]), "{rates:?}");

    // Each figure is the account's own posts over the period, divided by its followers.
    let db = rusqlite::Connection::open(f.ws.data_dir().join("patchbay.sqlite3")).unwrap();
    let since = (chrono::Utc::now() - chrono::Duration::days(30))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for r in &rows {
        let (posts, interactions, views): (i64, f64, f64) = db
            .query_row(
                "SELECT count(*), sum(coalesce(likes,0)+coalesce(comments,0)+coalesce(shares,0)+coalesce(saves,0)), avg(views)
                 FROM posts WHERE connection_id = ?1 AND posted_at >= ?2",
                rusqlite::params![r.connection_id, since],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .unwrap();
        let followers = r.followers.unwrap() as f64;
        assert_eq!(r.posts, posts);
        let want = interactions / posts as f64 / followers * 1000.0;
        assert!(
            (r.interactions_per_1k.unwrap() - want).abs() < 1e-6,
            "{}: {r:?} vs {want}",
            r.name
        );
        assert!((r.views_per_1k.unwrap() - views / followers * 1000.0).abs() < 1e-6);
    }
}

#[test]
fn report_compare_prints_every_account_and_other_reports_ask_for_a_connection() {
    let ws = TestWorkspace::new();
    let pass = ("PATCHBAY_VAULT_PASSPHRASE", "compare-test-passphrase");
    let run = |args: &[&str]| ws.cli().env(pass.0, pass.1).args(args).output().unwrap();
    let demo = run(&["demo", "--json"]);
    assert!(demo.status.success(), "{:?}", text(&demo));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["report", "compare", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        patchbay_sandbox::PLATFORMS.len()
    );
    let (table, _) = text(&run(&["report", "compare"]));
    assert!(
        table.contains("Per 1,000 followers") && table.contains("Sandbox Reddit"),
        "{table}"
    );
    let csv = run(&["report", "compare", "--format", "csv"]);
    let (csv, _) = text(&csv);
    assert_eq!(
        csv.lines().count(),
        1 + patchbay_sandbox::PLATFORMS.len(),
        "{csv}"
    );

    let missing = run(&["report", "overview"]);
    assert!(!missing.status.success());
    assert!(
        text(&missing).1.contains("--connection"),
        "{:?}",
        text(&missing)
    );
}

#[test]
fn sync_draws_progress_bars_on_a_terminal_and_json_lines_elsewhere() {
    let ws = TestWorkspace::new();
    let pass = ("PATCHBAY_VAULT_PASSPHRASE", "progress-test-passphrase");
    let demo = ws
        .cli()
        .env(pass.0, pass.1)
        .args(["demo", "--json"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{:?}", text(&demo));
    // Start over, so the first sync knows each account's post count and draws a bar.
    let db = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    db.execute_batch("DELETE FROM posts; DELETE FROM cursors; DELETE FROM sync_runs;")
        .unwrap();

    // `script` gives the command a real pseudo-terminal.
    let command = format!("{} sync", patchbay_tests::bins::bin("patchbay").display());
    let tty = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .envs(ws.env())
        .env(pass.0, pass.1)
        .env("COLUMNS", "120")
        .output()
        .unwrap();
    let (out, err) = text(&tty);
    assert!(tty.status.success(), "{out}\n{err}");
    assert!(out.contains("[="), "a progress bar was drawn: {out}");
    assert!(
        out.contains("/120 posts"),
        "against the account's post count: {out}"
    );
    assert!(
        out.matches("✓ ok").count() >= patchbay_sandbox::PLATFORMS.len(),
        "{out}"
    );

    // Not a terminal: one JSON line per connection, nothing else.
    let piped = ws
        .cli()
        .env(pass.0, pass.1)
        .args(["sync"])
        .output()
        .unwrap();
    let (out, _) = text(&piped);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), patchbay_sandbox::PLATFORMS.len());
    assert!(lines.iter().all(|l| l["status"] == "ok"), "{out}");
}
