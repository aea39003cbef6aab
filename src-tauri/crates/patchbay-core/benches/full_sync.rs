//! A full sync of 100 sandbox accounts × 500 posts with the sandbox's limits lifted: sign-in
//! through the real OAuth code path, then every account's profile, posts, per-post metrics and
//! insights over loopback HTTP into SQLite, four connections at a time, as `patchbay sync` does.
//! Run with `cargo bench -p patchbay-core --bench full_sync`; the figures go into
//! docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::expect_used)]

use patchbay_core::Workspace;
use patchbay_core::connections::{self, Mode, NewConnection};
use patchbay_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Map, json};
use std::time::Instant;

const ACCOUNTS: usize = 100;
const POSTS: usize = 500;
const CONNECTORS: [&str; 6] = [
    "instagram",
    "tiktok",
    "youtube",
    "facebook-pages",
    "x",
    "reddit",
];
const PASSPHRASE: &str = "PATCHBAY_VAULT_PASSPHRASE";

/// A test browser: shows the sandbox's redirect instead of following it.
#[allow(clippy::disallowed_methods)]
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn settings(connector: &str, sandbox: &str) -> Map<String, serde_json::Value> {
    let mut s = Map::new();
    let (id_field, id, secret) = match connector {
        "tiktok" => ("client_key", "bench-client-key", Some("client_secret")),
        "facebook-pages" => ("app_id", "1000000002", Some("app_secret")),
        "x" | "reddit" => ("client_id", "bench-client", None),
        "youtube" => (
            "client_id",
            "42-bench.apps.googleusercontent.com",
            Some("client_secret"),
        ),
        _ => ("client_id", "1000000001", Some("client_secret")),
    };
    s.insert(id_field.into(), json!(id));
    if let Some(field) = secret {
        s.insert(field.into(), json!("bench-secret"));
    }
    let e = patchbay_sandbox::endpoints(sandbox, connector).unwrap();
    s.insert("authorize_url".into(), json!(e.authorize_url));
    s.insert("token_url".into(), json!(e.token_url));
    s.insert("api_base_url".into(), json!(e.api_base_url));
    s
}

async fn sign_in(ws: &Workspace, id: &str, account: usize) {
    let request = patchbay_core::oauth::begin(ws, id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    let url = format!("{}&login_hint={account}", request.url);
    let resp = browser().get(url).send().await.unwrap();
    let back = resp.headers()["location"].to_str().unwrap().to_owned();
    patchbay_core::oauth::complete(ws, &back, false)
        .await
        .unwrap();
}

async fn bench() {
    let per_platform = ACCOUNTS.div_ceil(CONNECTORS.len());
    let sandbox = Sandbox::start(
        SandboxConfig {
            accounts: per_platform,
            max_posts: POSTS,
            rate_limit_per_minute: 0,
            youtube_daily_quota: 0,
            journal: true,
            ..Default::default()
        },
        0,
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();

    let started = Instant::now();
    for i in 0..ACCOUNTS {
        let connector = CONNECTORS[i % CONNECTORS.len()];
        let c = connections::create(
            &ws,
            NewConnection {
                connector_id: connector.into(),
                name: format!("{connector} {}", i / CONNECTORS.len()),
                mode: Mode::Live,
                settings: settings(connector, &sandbox.url()),
                app_id: None,
            },
        )
        .unwrap();
        sign_in(&ws, &c.id, i / CONNECTORS.len()).await;
    }
    let connect = started.elapsed();
    sandbox.state().take_journal();

    let started = Instant::now();
    let summaries = patchbay_core::sync::sync_all(&ws, None).await.unwrap();
    let sync = started.elapsed();
    let failed: Vec<_> = summaries.iter().filter(|s| s.status != "ok").collect();
    assert!(failed.is_empty(), "{failed:#?}");

    let db = rusqlite::Connection::open(dir.path().join("patchbay.sqlite3")).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    let posts = count("SELECT count(*) FROM posts");
    let snapshots = count("SELECT count(*) FROM snapshots");
    // Every post each account has published by the sandbox's clock, exactly once.
    let state = sandbox.state();
    let expected: usize = (0..ACCOUNTS)
        .map(|i| {
            let platform = patchbay_sandbox::platform_of(CONNECTORS[i % CONNECTORS.len()]).unwrap();
            state
                .account(platform, i / CONNECTORS.len())
                .unwrap()
                .media_count(state.now())
        })
        .sum();
    assert_eq!(posts, expected as i64, "every post of every account, once");
    let journal = sandbox.state().take_journal();
    let replay = replay(&sandbox.url(), &journal).await;
    let secs = sync.as_secs_f64();
    println!("accounts                 {ACCOUNTS} ({per_platform} per platform × 6 platforms)");
    println!("connect (OAuth, total)   {:.2} s", connect.as_secs_f64());
    println!("full sync                {secs:.2} s");
    println!(
        "posts                    {posts} ({:.0} posts/s)",
        posts as f64 / secs
    );
    println!(
        "snapshots                {snapshots} ({:.0} rows/s)",
        snapshots as f64 / secs
    );
    for connector in CONNECTORS {
        let times: Vec<i64> = summaries
            .iter()
            .filter(|s| s.name.starts_with(&format!("{connector} ")))
            .map(|s| s.duration_ms)
            .collect();
        let mean = times.iter().sum::<i64>() as f64 / times.len().max(1) as f64;
        println!("  {connector:<22} {mean:>7.0} ms per account");
    }
    println!(
        "same requests, replayed  {:.2} s (one client, four at a time, bodies read, nothing parsed or stored): the sync takes {:.2}× that",
        replay.as_secs_f64(),
        secs / replay.as_secs_f64()
    );
    println!("requests per account     sent / the platform's minimum for the same data");
    for connector in CONNECTORS {
        let platform = patchbay_sandbox::platform_of(connector).unwrap();
        let accounts: Vec<usize> = (0..ACCOUNTS)
            .filter(|i| CONNECTORS[i % CONNECTORS.len()] == connector)
            .map(|i| i / CONNECTORS.len())
            .collect();
        let sent = journal.iter().filter(|r| r.platform() == platform).count();
        let minimum: usize = accounts
            .iter()
            .map(|a| {
                minimum_requests(
                    connector,
                    state
                        .account(platform, *a)
                        .unwrap()
                        .media_count(state.now()),
                )
            })
            .sum();
        println!(
            "  {connector:<22} {:>7.1} / {:.1}",
            sent as f64 / accounts.len() as f64,
            minimum as f64 / accounts.len() as f64
        );
    }
    println!(
        "database                 {:.1} MB",
        std::fs::metadata(dir.path().join("patchbay.sqlite3"))
            .unwrap()
            .len() as f64
            / 1e6
    );
}

/// The fewest requests a first sync of `posts` posts needs on each platform, at the largest page
/// each documents: the profile, the post pages, the per-post requests the platform has no batch
/// for, and a year of account insights.
fn minimum_requests(connector: &str, posts: usize) -> usize {
    match connector {
        // /me, media pages of 50, one insights request per post (all metrics), one account
        // insights request.
        "instagram" => 1 + posts.div_ceil(50) + posts + 1,
        // user info, video pages of 20.
        "tiktok" => 1 + posts.div_ceil(20),
        // channel, playlist pages of 50 plus one videos call per page, one Analytics report.
        "youtube" => 1 + 2 * posts.div_ceil(50) + 1,
        // the Page, post pages of 100, a year of Page Insights in 93-day windows.
        "facebook-pages" => 1 + posts.div_ceil(100) + 365usize.div_ceil(93),
        // the user, timeline or listing pages of 100.
        _ => 1 + posts.div_ceil(100),
    }
}

/// Sends the recorded requests again with one client, four at a time, reading each body and
/// nothing more: the floor for moving the same bytes over the same loopback.
async fn replay(base: &str, journal: &[patchbay_sandbox::Recorded]) -> std::time::Duration {
    #[allow(clippy::disallowed_methods)]
    let client = reqwest::Client::new();
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(4));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for r in journal.iter().cloned() {
        let (client, permits, url) = (client.clone(), permits.clone(), format!("{base}{}", r.uri));
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await.unwrap();
            let mut request = client.request(r.method.parse().unwrap(), url).body(r.body);
            for (k, v) in r
                .headers
                .iter()
                .filter(|(k, _)| k != "host" && k != "content-length")
            {
                request = request.header(k, v);
            }
            let response = request.send().await.unwrap();
            response.bytes().await.unwrap().len()
        });
    }
    while tasks.join_next().await.is_some() {}
    started.elapsed()
}

fn main() {
    // The vault needs a key: without a keyring, run again with a passphrase for this process.
    if std::env::var_os(PASSPHRASE).is_none() {
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args(std::env::args_os().skip(1))
            .env(PASSPHRASE, "full-sync-bench")
            .status()
            .unwrap();
        std::process::exit(status.code().unwrap_or(1));
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(bench());
}
