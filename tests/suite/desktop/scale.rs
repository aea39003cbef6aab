//! Agency scale, measured rather than asserted: 200 synced accounts opened in the real window.
//! How long the app takes to show them, how long the Overview takes to draw, and how quickly the
//! Connections table filters, sorts and selects. A benchmark, so it runs by hand:
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1920x1080x24" scripts/with-session.sh \
//!   cargo test -p patchbay-tests --test suite -- --ignored desktop::scale --nocapture
//! ```
//!
//! The figures go into docs/benchmarks.md.

use patchbay_core::Workspace;
use patchbay_core::connections::{self, Mode, NewConnection};
use patchbay_sandbox::{Sandbox, SandboxConfig};
use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::TestWorkspace;
use serde_json::{Map, Value, json};
use std::time::{Duration, Instant};

const ACCOUNTS: usize = 200;
const CONNECTORS: [&str; 6] = [
    "instagram",
    "tiktok",
    "youtube",
    "facebook-pages",
    "x",
    "reddit",
];

fn settings(connector: &str, sandbox: &str) -> Map<String, Value> {
    let mut s = Map::new();
    let (id_field, id, secret) = match connector {
        "tiktok" => ("client_key", "scale-client-key", Some("client_secret")),
        "facebook-pages" => ("app_id", "1000000002", Some("app_secret")),
        "x" | "reddit" => ("client_id", "scale-client", None),
        "youtube" => (
            "client_id",
            "42-scale.apps.googleusercontent.com",
            Some("client_secret"),
        ),
        _ => ("client_id", "1000000001", Some("client_secret")),
    };
    s.insert(id_field.into(), json!(id));
    if let Some(field) = secret {
        s.insert(field.into(), json!("scale-secret"));
    }
    let e = patchbay_sandbox::endpoints(sandbox, connector).unwrap();
    s.insert("authorize_url".into(), json!(e.authorize_url));
    s.insert("token_url".into(), json!(e.token_url));
    s.insert("api_base_url".into(), json!(e.api_base_url));
    s
}

/// 200 live connections against a local sandbox, signed in and synced, in this workspace.
async fn seed(data_dir: &std::path::Path) -> Sandbox {
    let sandbox = Sandbox::start(
        SandboxConfig {
            accounts: ACCOUNTS.div_ceil(CONNECTORS.len()),
            max_posts: 60,
            rate_limit_per_minute: 0,
            youtube_daily_quota: 0,
            ..Default::default()
        },
        0,
    )
    .await
    .unwrap();
    let ws = Workspace::open(data_dir).unwrap();
    #[allow(clippy::disallowed_methods)]
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for i in 0..ACCOUNTS {
        let connector = CONNECTORS[i % CONNECTORS.len()];
        let c = connections::create(
            &ws,
            NewConnection {
                connector_id: connector.into(),
                name: format!("Client {:03} {connector}", i / CONNECTORS.len()),
                mode: Mode::Live,
                settings: settings(connector, &sandbox.url()),
                app_id: None,
            },
        )
        .unwrap();
        let request = patchbay_core::oauth::begin(&ws, &c.id, "http://127.0.0.1:9/oauth/callback")
            .await
            .unwrap();
        let url = format!("{}&login_hint={}", request.url, i / CONNECTORS.len());
        let back = browser.get(url).send().await.unwrap().headers()["location"]
            .to_str()
            .unwrap()
            .to_owned();
        patchbay_core::oauth::complete(&ws, &back, false)
            .await
            .unwrap();
    }
    let summaries = patchbay_core::sync::sync_all(&ws, None).await.unwrap();
    assert!(summaries.iter().all(|s| s.status == "ok"), "{summaries:#?}");
    sandbox
}

fn number(v: Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
#[ignore = "a benchmark: run by hand, figures in docs/benchmarks.md"]
fn two_hundred_accounts_in_the_window() {
    let ws = TestWorkspace::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let seeding = Instant::now();
    let _sandbox = runtime.block_on(seed(&ws.data_dir()));
    println!(
        "seeded {ACCOUNTS} synced accounts in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let launched = Instant::now();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    s.wait_until("200 account cards", || {
        Ok((s.find_all("[data-account]")?.len() == ACCOUNTS).then_some(()))
    })
    .unwrap();
    let shown = launched.elapsed();
    let overview = number(
        s.execute("return performance.getEntriesByName('overview').at(-1).duration")
            .unwrap(),
    );
    let paint = s
        .execute("const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint'); return p ? p.startTime : null")
        .unwrap();
    s.screenshot(&screenshot_path("scale-overview")).unwrap();
    // Redrawn again (the period changed), warm.
    s.click_on(r#"[data-period="7d"]"#).unwrap();
    s.wait_for(r#".overview[data-period="7d"]"#).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let overview_again = number(
        s.execute("return performance.getEntriesByName('overview').at(-1).duration")
            .unwrap(),
    );

    s.click_on(r#"[data-view="connections"]"#).unwrap();
    s.wait_until("200 rows", || {
        Ok((s.find_all("[data-row]")?.len() == ACCOUNTS).then_some(()))
    })
    .unwrap();
    let table_shown = number(
        s.execute("return performance.getEntriesByName('connections').at(-1).duration")
            .unwrap(),
    );
    let timed = |script: &str| -> Value {
        s.execute(&format!(
            "const t = performance.now(); {script}; return [performance.now() - t, document.querySelectorAll('[data-row]').length];"
        ))
        .unwrap()
    };
    let filter = timed(
        "const q = document.getElementById('conn-search'); q.value = 'tiktok'; q.dispatchEvent(new Event('input'))",
    );
    let unfilter = timed(
        "const q = document.getElementById('conn-search'); q.value = ''; q.dispatchEvent(new Event('input'))",
    );
    let sort = timed("document.querySelector('[data-sort=\"platform\"]').click()");
    let select = timed("document.querySelector('[data-select=\"all\"]').click()");
    s.screenshot(&screenshot_path("scale-connections")).unwrap();

    println!(
        "launch to 200 cards shown (WebDriver session included)  {:.2} s",
        shown.as_secs_f64()
    );
    println!("first contentful paint                                  {paint} ms");
    println!(
        "Overview drawn (first / again for 7 days)               {overview:.0} / {overview_again:.0} ms"
    );
    println!("Connections view with 200 rows drawn                    {table_shown:.0} ms");
    println!(
        "filter 200 → rows {filter}, clear {unfilter}, sort {sort}, select all {select} (ms, rows)"
    );
}
