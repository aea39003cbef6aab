//! Local emulators of the platforms Patchbay connects to. Each one speaks its platform's
//! documented wire format (field names, paging, error bodies, status codes, rate-limit headers)
//! on a loopback port, so every connector has a mode that works offline.
//!
//! Every platform lives under its own path prefix on one server: `/instagram`, `/tiktok`,
//! `/youtube`, `/facebook`, `/x`, `/reddit`. `endpoints(platform)` says where a connection should point.

pub mod config;
pub mod data;
pub mod faults;
pub mod oauth;
pub mod outbox;
mod platforms;
mod smtp;
mod state;

pub use config::SandboxConfig;
pub use state::{Recorded, State};

use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The platforms the sandbox emulates.
pub const PLATFORMS: [&str; 6] = ["instagram", "tiktok", "youtube", "facebook", "x", "reddit"];

/// The connectors whose actions the sandbox emulates (SMTP through its mail sink).
pub const ACTION_CONNECTORS: [&str; 15] = [
    "slack",
    "discord",
    "stripe",
    "twilio-sms",
    "twilio-whatsapp",
    "http",
    "smtp",
    "notion",
    "trello",
    "asana",
    "hubspot",
    "shopify",
    "gmail",
    "google-sheets",
    "linkedin",
];

/// Where a sandbox connection of an action connector sends its API requests.
pub fn api_base(base: &str, connector_id: &str) -> Option<String> {
    let path = match connector_id {
        "slack" => "/slack/api",
        "discord" => "/discord/api/v10",
        "stripe" => "/stripe/v1",
        "twilio-sms" | "twilio-whatsapp" => "/twilio/2010-04-01",
        "http" => "/http",
        "notion" => "/notion/v1",
        "trello" => "/trello/1",
        "asana" => "/asana/api/1.0",
        "hubspot" => "/hubspot",
        "shopify" => "/shopify/admin/api/2025-07",
        "gmail" => "/google/gmail/v1",
        "google-sheets" => "/google/sheets/v4",
        "linkedin" => "/linkedin",
        _ => return None,
    };
    Some(format!("{base}{path}"))
}

/// Where a sandbox connection of an OAuth action connector signs in: Google's sign-in (shared
/// with YouTube) for Gmail and Sheets, LinkedIn's own.
pub fn sign_in(base: &str, connector_id: &str) -> Option<(String, String)> {
    let (authorize, token) = match connector_id {
        "gmail" | "google-sheets" => ("/youtube/o/oauth2/v2/auth", "/youtube/token"),
        "linkedin" => (
            "/linkedin/oauth/v2/authorization",
            "/linkedin/oauth/v2/accessToken",
        ),
        _ => return None,
    };
    Some((format!("{base}{authorize}"), format!("{base}{token}")))
}

/// The sandbox platform standing in for a connector (`facebook-pages` is `facebook`).
pub fn platform_of(connector_id: &str) -> Option<&'static str> {
    let platform = match connector_id {
        "facebook-pages" => "facebook",
        other => other,
    };
    PLATFORMS.iter().copied().find(|p| *p == platform)
}

/// Where a sandbox connection's authorize, token and API requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub authorize_url: String,
    pub token_url: String,
    pub api_base_url: String,
}

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    smtp_addr: SocketAddr,
    state: Arc<State>,
    task: JoinHandle<()>,
    smtp_task: JoinHandle<()>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.task.abort();
        self.smtp_task.abort();
    }
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1:port` (0 picks a free port).
    pub async fn start(config: SandboxConfig, port: u16) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::new(config));
        state.set_base(format!("http://{addr}"));
        let app = platforms::router(state.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let smtp = TcpListener::bind(("127.0.0.1", 0)).await?;
        let smtp_addr = smtp.local_addr()?;
        let smtp_task = tokio::spawn(smtp::serve(smtp, state.clone()));
        Ok(Self {
            addr,
            smtp_addr,
            state,
            task,
            smtp_task,
        })
    }

    /// Where the SMTP sink listens (a random loopback port).
    pub fn smtp_addr(&self) -> SocketAddr {
        self.smtp_addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn state(&self) -> &Arc<State> {
        &self.state
    }

    /// The connector ids the sandbox can stand in for.
    pub fn supports(connector_id: &str) -> bool {
        platform_of(connector_id).is_some() || ACTION_CONNECTORS.contains(&connector_id)
    }

    /// The URLs a sandbox connection of `connector_id` uses instead of the platform's own.
    pub fn endpoints(&self, connector_id: &str) -> Option<Endpoints> {
        endpoints(&self.url(), connector_id)
    }
}

/// The sandbox URLs for a connector, given the sandbox's base URL.
pub fn endpoints(base: &str, connector_id: &str) -> Option<Endpoints> {
    let (authorize, token, api) = match platform_of(connector_id)? {
        "instagram" => (
            "/instagram/oauth/authorize",
            "/instagram/oauth/access_token",
            "/instagram/graph",
        ),
        "tiktok" => (
            "/tiktok/v2/auth/authorize/",
            "/tiktok/v2/oauth/token/",
            "/tiktok/v2",
        ),
        "youtube" => (
            "/youtube/o/oauth2/v2/auth",
            "/youtube/token",
            "/youtube/youtube/v3",
        ),
        "facebook" => (
            "/facebook/dialog/oauth",
            "/facebook/graph/oauth/access_token",
            "/facebook/graph",
        ),
        "x" => ("/x/i/oauth2/authorize", "/x/2/oauth2/token", "/x/2"),
        "reddit" => (
            "/reddit/api/v1/authorize",
            "/reddit/api/v1/access_token",
            "/reddit/oauth",
        ),
        _ => return None,
    };
    Some(Endpoints {
        authorize_url: format!("{base}{authorize}"),
        token_url: format!("{base}{token}"),
        api_base_url: format!("{base}{api}"),
    })
}
