//! A killed process loses nothing: `kill -9` at random moments of a sync, then a resumed sync,
//! leave every committed page and no duplicate.

use patchbay_tests::workspace::{TestWorkspace, text};

#[test]
fn kill_9_at_random_moments_loses_nothing_committed_and_resuming_duplicates_nothing() {
    let ws = TestWorkspace::new();
    let env_passphrase = ("PATCHBAY_VAULT_PASSPHRASE", "kill-test-passphrase");
    let run = |args: &[&str]| {
        ws.cli()
            .env(env_passphrase.0, env_passphrase.1)
            .args(args)
            .output()
            .unwrap()
    };
    let demo = run(&["demo", "--json"]);
    assert!(demo.status.success(), "{:?}", text(&demo));
    // Slow the sandbox down so a sync takes long enough to be killed in the middle.
    std::fs::write(
        ws.data_dir().join(patchbay_core::sandbox::FAULTS_FILE),
        "[[faults]]\nplatform = \"instagram\"\nkind = \"slow\"\nmillis = 15\n\n[[faults]]\nplatform = \"youtube\"\nkind = \"slow\"\nmillis = 15\n",
    )
    .unwrap();
    // Start from nothing synced so the first sync has many pages.
    let db = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    db.execute_batch("DELETE FROM snapshots; DELETE FROM posts; DELETE FROM profiles; DELETE FROM cursors; DELETE FROM sync_runs;").unwrap();
    let mut seed: u64 = 0x5eed;
    for round in 0..6 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = 150 + (seed >> 33) % 900;
        let mut child = ws
            .cli()
            .env(env_passphrase.0, env_passphrase.1)
            .args(["sync", "--json"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let ok: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            ok, "ok",
            "round {round}: the database survived kill -9 after {delay} ms"
        );
        let dupes: i64 = db
            .query_row(
                "SELECT count(*) - count(DISTINCT connection_id || '/' || platform_id) FROM posts",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(dupes, 0, "round {round}");
    }
    let finished = run(&["sync", "--json"]);
    assert!(finished.status.success(), "{:?}", text(&finished));
    let posts: i64 = db
        .query_row("SELECT count(*) FROM posts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        posts,
        patchbay_sandbox::PLATFORMS.len() as i64 * 120,
        "every sandbox post, exactly once"
    );
    let interrupted: i64 = db
        .query_row(
            "SELECT count(*) FROM sync_runs WHERE error_code = 'sync.interrupted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let running: i64 = db
        .query_row(
            "SELECT count(*) FROM sync_runs WHERE status = 'running'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(running, 0, "no run is left looking alive");
    assert!(interrupted > 0, "killed runs are recorded as interrupted");
}
