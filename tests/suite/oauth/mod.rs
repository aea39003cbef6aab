//! OAuth against the sandbox, local servers that assert each platform's rules, and a real
//! third-party OAuth server.

mod engine;
mod flow;
mod mock_server;
mod quirks;

use patchbay_core::Workspace;
use patchbay_core::connections::{self, ConnectionView, Mode, NewConnection};
use patchbay_core::vault::keyring_store;
use serde_json::{Map, Value, json};

/// A workspace in a temp dir whose keyring entry is removed afterwards.
pub struct Fixture {
    _tmp: tempfile::TempDir,
    pub ws: Workspace,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = keyring_store::delete(self.ws.id());
    }
}

pub fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&tmp.path().join("data")).unwrap();
    Fixture { _tmp: tmp, ws }
}

pub fn settings(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

/// A sandbox-mode connection with demo client credentials.
pub fn sandbox_connection(ws: &Workspace, connector: &str) -> ConnectionView {
    let client = match connector {
        "tiktok" => json!({"client_key": "ck-test", "client_secret": "cs-test-secret"}),
        "youtube" => {
            json!({"client_id": "42-test.apps.googleusercontent.com", "client_secret": "yt-test-secret"})
        }
        "facebook-pages" => json!({"app_id": "1000000002", "app_secret": "fb-test-secret"}),
        // X and Reddit desktop apps are public clients.
        "x" | "reddit" => json!({"client_id": format!("{connector}-test-client")}),
        _ => json!({"client_id": "1000000001", "client_secret": "ig-test-secret"}),
    };
    connections::create(
        ws,
        NewConnection {
            connector_id: connector.into(),
            name: format!("{connector} test"),
            mode: Mode::Sandbox,
            settings: settings(client),
            app_id: None,
        },
    )
    .unwrap()
}

/// A client that shows redirects instead of following them.
#[allow(clippy::disallowed_methods)]
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Opens an authorize URL the way a browser would and returns where it was sent back to.
pub async fn follow(url: &str) -> String {
    let resp = browser().get(url).send().await.unwrap();
    assert_eq!(
        resp.status().as_u16(),
        302,
        "authorize answered {}: {}",
        resp.status(),
        resp.text().await.unwrap_or_default()
    );
    resp.headers()["location"].to_str().unwrap().to_owned()
}

/// begin → browser → complete, with a redirect URI nobody listens on (the callback URL is
/// handed to `complete` directly, as the paste route does).
pub async fn connect(ws: &Workspace, id: &str) -> patchbay_core::Result<ConnectionView> {
    let request = patchbay_core::oauth::begin(ws, id, "http://127.0.0.1:9/oauth/callback").await?;
    let back = follow(&request.url).await;
    patchbay_core::oauth::complete(ws, &back, false).await
}

/// A sandbox connection on each of `connectors`, signed in and synced once; their ids in order.
pub async fn synced(ws: &Workspace, connectors: &[&str]) -> Vec<String> {
    let mut ids = Vec::new();
    for connector in connectors {
        let c = sandbox_connection(ws, connector);
        connect(ws, &c.id).await.unwrap();
        let summary = patchbay_core::sync::sync_connection(ws, &c.id)
            .await
            .unwrap();
        assert_eq!(summary.status, "ok", "{summary:?}");
        ids.push(c.id.clone());
    }
    ids
}
