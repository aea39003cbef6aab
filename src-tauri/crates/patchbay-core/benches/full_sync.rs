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
            },
        )
        .unwrap();
        sign_in(&ws, &c.id, i / CONNECTORS.len()).await;
    }
    let connect = started.elapsed();

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
        "database                 {:.1} MB",
        std::fs::metadata(dir.path().join("patchbay.sqlite3"))
            .unwrap()
            .len() as f64
            / 1e6
    );
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
