//! Sample accounts: one sandbox account of each analytics platform, created, signed in through
//! the real OAuth code path against the built-in sandbox, ready to sync. `patchbay demo` and the
//! window's "Try it with sample accounts" both use this.

use crate::connections::{self, ConnectionFilter, ConnectionView, Mode, NewConnection};
use crate::error::{Error, Result};
use crate::oauth::{self, loopback::Loopback};
use crate::workspace::Workspace;
use serde_json::{Map, json};
use std::time::Duration;

/// A sample connection: connector, name, client id field and value, client secret field, and
/// how its sign-in differs.
#[derive(Debug)]
pub struct Sample {
    pub connector: &'static str,
    pub name: &'static str,
    client_field: &'static str,
    client_id: &'static str,
    secret_field: &'static str,
    pub flow: &'static str,
}

/// The sandbox apps' client credentials. They are not secrets of anyone: the local sandbox
/// accepts any client, and these only exist so the real OAuth code path runs end to end.
pub const SAMPLES: [Sample; 6] = [
    Sample {
        connector: "instagram",
        name: "Sandbox Instagram",
        client_field: "client_id",
        client_id: "1000000001",
        secret_field: "client_secret",
        flow: "code → long-lived token",
    },
    Sample {
        connector: "tiktok",
        name: "Sandbox TikTok",
        client_field: "client_key",
        client_id: "sandbox-client-key",
        secret_field: "client_secret",
        flow: "PKCE, hex challenge",
    },
    Sample {
        connector: "youtube",
        name: "Sandbox YouTube",
        client_field: "client_id",
        client_id: "1234567890-sandbox.apps.googleusercontent.com",
        secret_field: "client_secret",
        flow: "PKCE, offline access",
    },
    Sample {
        connector: "facebook-pages",
        name: "Sandbox Facebook Page",
        client_field: "app_id",
        client_id: "1000000002",
        secret_field: "app_secret",
        flow: "long-lived user token → Page token",
    },
    Sample {
        connector: "x",
        name: "Sandbox X",
        client_field: "client_id",
        client_id: "sandbox-x-client",
        secret_field: "",
        flow: "PKCE, public client",
    },
    Sample {
        connector: "reddit",
        name: "Sandbox Reddit",
        client_field: "client_id",
        client_id: "sandbox-reddit-client",
        secret_field: "",
        flow: "basic auth, permanent",
    },
];

/// A sample account after sign-in.
#[derive(Debug)]
pub struct Connected {
    pub sample: &'static Sample,
    pub view: ConnectionView,
    /// False when the workspace already had it (running the samples twice adds nothing).
    pub created: bool,
}

fn existing(ws: &Workspace, connector: &str) -> Result<Option<ConnectionView>> {
    let found = connections::list(
        ws,
        &ConnectionFilter {
            connector_id: Some(connector.into()),
            ..Default::default()
        },
    )?;
    Ok(found.into_iter().find(|c| c.mode == Mode::Sandbox))
}

/// Plays the browser: opens the authorize URL and follows the sandbox's auto-approve redirect
/// back to the loopback listener.
async fn sign_in(ws: &Workspace, id: &str) -> Result<ConnectionView> {
    let listener = Loopback::bind(None).await?;
    let request = oauth::begin(ws, id, &listener.redirect_uri()).await?;
    let state = request.state.clone();
    let waiting = tokio::spawn(async move { listener.wait(&state, Duration::from_secs(30)).await });
    if let Err(e) = crate::http::browser().get(&request.url).send().await {
        waiting.abort();
        return Err(Error::InvalidInput(format!(
            "the sandbox sign-in page did not answer: {e}"
        )));
    }
    let callback = waiting
        .await
        .map_err(|e| Error::InvalidInput(e.to_string()))??;
    oauth::complete(ws, &callback, false).await
}

/// Creates (or finds) each sample account and signs it in; `each` hears about every one as it
/// is connected. Syncing is left to the caller.
pub async fn connect(ws: &Workspace, mut each: impl FnMut(&Connected)) -> Result<Vec<Connected>> {
    ws.start_sandbox().await?;
    let mut out = Vec::new();
    for sample in &SAMPLES {
        let (view, created) = match existing(ws, sample.connector)? {
            Some(view) => (view, false),
            None => {
                let mut settings = Map::new();
                settings.insert(sample.client_field.into(), json!(sample.client_id));
                // X and Reddit desktop apps are public clients: no secret at all.
                if !sample.secret_field.is_empty() {
                    settings.insert(
                        sample.secret_field.into(),
                        json!(format!("sandbox-secret-{}", sample.connector)),
                    );
                }
                let new = NewConnection {
                    connector_id: sample.connector.into(),
                    name: sample.name.into(),
                    mode: Mode::Sandbox,
                    settings,
                    app_id: None,
                };
                (connections::create(ws, new)?, true)
            }
        };
        let view = sign_in(ws, &view.id).await?;
        let connected = Connected {
            sample,
            view,
            created,
        };
        each(&connected);
        out.push(connected);
    }
    Ok(out)
}

/// The window's "Try it with sample accounts": connects them all, then syncs them (and lets
/// workflows react), so the Overview has six accounts with history.
pub async fn try_them(ws: &Workspace) -> Result<Vec<crate::sync::SyncSummary>> {
    let ids: Vec<String> = connect(ws, |_| {})
        .await?
        .into_iter()
        .map(|c| c.view.id.clone())
        .collect();
    crate::background::sync_group_now(ws, &ids).await
}
