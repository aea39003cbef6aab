//! Per-connection schedules: intervals and cron expressions, who the scheduler syncs when, and
//! one connection never syncing twice at once.

use crate::oauth::{connect, fixture, sandbox_connection, synced};
use patchbay_core::background::Scheduler;
use patchbay_core::connections::{self, ConnectionPatch};
use patchbay_core::sync::{self, SyncSummary, sync_connection};
use patchbay_tests::workspace::{TestWorkspace, text};
use std::time::Duration;

fn schedule(
    ws: &patchbay_core::Workspace,
    id: &str,
    text: &str,
) -> patchbay_core::Result<connections::ConnectionView> {
    connections::update(
        ws,
        id,
        ConnectionPatch {
            sync_schedule: Some(text.into()),
            ..Default::default()
        },
    )
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

#[tokio::test]
async fn each_connection_runs_on_its_own_schedule_after_its_last_sync() {
    let f = fixture();
    let own = sandbox_connection(&f.ws, "tiktok");
    let default = sandbox_connection(&f.ws, "youtube");
    connect(&f.ws, &own.id).await.unwrap();
    connect(&f.ws, &default.id).await.unwrap();
    // Connected and never synced: due at once.
    let view = connections::get(&f.ws, &own.id).unwrap();
    let next = at(view.schedule.next_sync_at.as_deref().unwrap());
    assert!(next <= chrono::Utc::now() + chrono::Duration::seconds(1));

    let view = schedule(&f.ws, &own.id, "every 2h").unwrap();
    assert_eq!(view.schedule.label, "every 2 h");
    assert_eq!(view.schedule.own.as_deref(), Some("every 2h"));
    for id in [&own.id, &default.id] {
        assert_eq!(sync_connection(&f.ws, id).await.unwrap().status, "ok");
    }
    let synced = |id: &str| {
        let v = connections::get(&f.ws, id).unwrap();
        let last = sync::log(&f.ws, Some(id), 100)
            .unwrap()
            .last()
            .unwrap()
            .started_at
            .clone();
        (
            at(&last),
            at(v.schedule.next_sync_at.as_deref().unwrap()),
            v.schedule.label,
        )
    };
    // Next-sync times are shown to the second.
    let about = |d: chrono::Duration, want: i64| {
        (d - chrono::Duration::hours(want)).num_seconds().abs() <= 1
    };
    let (last, next, label) = synced(&own.id);
    assert!(about(next - last, 2), "{label}: {last} → {next}");
    let (last, next, label) = synced(&default.id);
    assert!(about(next - last, 6), "{label}: {last} → {next}");
    assert_eq!(label, "every 6 h (default)");

    // A bad schedule is refused with a sentence, and the old one stays.
    let err = schedule(&f.ws, &own.id, "whenever")
        .unwrap_err()
        .to_string();
    assert!(err.contains("0 7 * * *"), "{err}");
    assert_eq!(
        connections::get(&f.ws, &own.id)
            .unwrap()
            .schedule
            .own
            .as_deref(),
        Some("every 2h")
    );
    // "default" hands it back to the workspace's interval.
    let view = schedule(&f.ws, &own.id, "default").unwrap();
    assert_eq!(
        (view.schedule.own, view.schedule.label.as_str()),
        (None, "every 6 h (default)")
    );
}

#[tokio::test]
async fn the_scheduler_syncs_only_the_due_connections_and_sync_now_runs_any_at_once() {
    let f = fixture();
    let fresh = sandbox_connection(&f.ws, "tiktok");
    let recent = sandbox_connection(&f.ws, "instagram");
    for id in [&fresh.id, &recent.id] {
        connect(&f.ws, id).await.unwrap();
    }
    // `recent` synced a moment ago and runs daily at most: not due. `fresh` never synced: due.
    schedule(&f.ws, &recent.id, "1d").unwrap();
    assert_eq!(
        sync_connection(&f.ws, &recent.id).await.unwrap().status,
        "ok"
    );

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<SyncSummary>>();
    let scheduler = Scheduler::start(f.ws.clone(), Duration::from_millis(100), move |s| {
        let _ = tx.send(s);
    });
    let round = tokio::time::timeout(Duration::from_secs(60), rx.recv())
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<&str> = round.iter().map(|s| s.connection_id.as_str()).collect();
    assert_eq!(
        ids,
        vec![fresh.id.as_str()],
        "only the due connection synced"
    );
    // Several more ticks: both are now within their schedules, so nothing else runs.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        rx.try_recv().is_err(),
        "nothing was due after the first round"
    );

    scheduler.sync_now(Some(recent.id.clone())).await;
    let now = tokio::time::timeout(Duration::from_secs(60), rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(
        (now[0].connection_id.as_str(), now[0].status.as_str()),
        (recent.id.as_str(), "ok")
    );
    scheduler.stop().await;
}

#[tokio::test]
async fn a_round_that_panics_does_not_stop_the_schedule() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<usize>();
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = calls.clone();
    // The first report panics, as a bug in whatever listens might.
    let scheduler = Scheduler::start(f.ws.clone(), Duration::from_secs(3600), move |_| {
        let n = counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let _ = tx.send(n);
        assert!(n > 0, "the first round's listener fails");
    });
    for expected in 0..2 {
        scheduler.sync_now(Some(c.id.clone())).await;
        let n = tokio::time::timeout(Duration::from_secs(60), rx.recv())
            .await
            .expect("the scheduler still answers")
            .unwrap();
        assert_eq!(n, expected);
    }
    scheduler.stop().await;
}

#[tokio::test]
async fn a_tick_with_nothing_due_decrypts_no_secret() {
    let f = fixture();
    let mut ids = synced(&f.ws, &["tiktok", "youtube", "x"]).await;
    let vault = f.ws.vault().unwrap();
    let before = vault.decryptions();
    // What the desktop's scheduler does every minute: keep tokens alive, warn about expiry,
    // and look for due connections. Everything was just synced and every token is fresh.
    let lost = patchbay_core::oauth::engine::keep_alive(&f.ws)
        .await
        .unwrap();
    assert!(lost.is_empty());
    patchbay_core::oauth::engine::expiring_soon(&f.ws, 7).unwrap();
    let mut syncable = sync::syncable(&f.ws).unwrap();
    syncable.sort();
    ids.sort();
    assert_eq!(syncable, ids);
    assert!(sync::sync_due(&f.ws).await.unwrap().is_empty());
    assert_eq!(
        vault.decryptions(),
        before,
        "a tick that has nothing to refresh or sync must not open the vault's secrets"
    );
    // A forced refresh is the moment the secrets are needed, and it does open them.
    patchbay_core::oauth::refresh_now(&f.ws, &ids[0])
        .await
        .unwrap();
    assert!(vault.decryptions() > before);
}

#[tokio::test]
async fn one_connection_never_syncs_twice_at_once() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "youtube");
    connect(&f.ws, &c.id).await.unwrap();
    let (a, b) = tokio::join!(sync_connection(&f.ws, &c.id), sync_connection(&f.ws, &c.id));
    let mut statuses = vec![a.unwrap().status, b.unwrap().status];
    statuses.sort();
    assert_eq!(statuses, vec!["ok", "skipped"]);
    let interrupted = sync::log(&f.ws, Some(&c.id), 100)
        .unwrap()
        .iter()
        .filter(|r| r.error_code.as_deref() == Some("sync.interrupted"))
        .count();
    assert_eq!(
        interrupted, 0,
        "the second call did not close the first one's runs"
    );
}

#[test]
fn the_cli_sets_shows_and_refuses_schedules() {
    let ws = TestWorkspace::new();
    let pass = ("PATCHBAY_VAULT_PASSPHRASE", "schedule-test-passphrase");
    let run = |args: &[&str]| ws.cli().env(pass.0, pass.1).args(args).output().unwrap();
    let demo = run(&["demo", "--json"]);
    assert!(demo.status.success(), "{:?}", text(&demo));
    let list: serde_json::Value =
        serde_json::from_slice(&run(&["connections", "list", "--json"]).stdout).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_owned();

    let set = run(&["connections", "update", &id, "--schedule", "0 7 * * *"]);
    assert!(set.status.success(), "{:?}", text(&set));
    let (shown, _) = text(&run(&["connections", "show", &id]));
    assert!(
        shown.contains("cron 0 7 * * * (local time); next sync "),
        "{shown}"
    );

    let bad = run(&[
        "connections",
        "update",
        &id,
        "--schedule",
        "every 2 minutes",
    ]);
    assert!(!bad.status.success());
    let (_, err) = text(&bad);
    assert!(err.contains("15 minutes"), "{err}");
    let (shown, _) = text(&run(&["connections", "show", &id]));
    assert!(shown.contains("cron 0 7 * * *"), "unchanged: {shown}");
    let (listed, _) = text(&run(&["connections", "list"]));
    assert!(listed.contains("NEXT SYNC"), "{listed}");
}

/// The tray's "Sync a client": the scheduler syncs the connections carrying the tag, no other.
#[tokio::test]
async fn a_tag_asked_of_the_scheduler_syncs_that_clients_accounts_alone() {
    let f = fixture();
    let ids = synced(&f.ws, &["tiktok", "youtube", "x"]).await;
    for id in &ids[..2] {
        connections::tags::set(&f.ws, id, &["client: Acme".to_owned()]).unwrap();
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<SyncSummary>>();
    let scheduler = Scheduler::start(f.ws.clone(), Duration::from_secs(3600), move |s| {
        let _ = tx.send(s);
    });
    let _ = scheduler
        .sender()
        .send(patchbay_core::background::Command::SyncTag(
            "CLIENT: acme".into(),
        ))
        .await;
    let round = tokio::time::timeout(Duration::from_secs(60), rx.recv())
        .await
        .expect("the scheduler answers")
        .unwrap();
    let mut synced: Vec<String> = round.iter().map(|s| s.connection_id.clone()).collect();
    synced.sort();
    let mut tagged = ids[..2].to_vec();
    tagged.sort();
    assert_eq!(synced, tagged);
    scheduler.stop().await;
}
