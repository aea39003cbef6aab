use crate::cli::DemoArgs;
use crate::{output, runtime};
use patchbay_core::connections::{self, ConnectionFilter, ConnectionView, Mode, NewConnection};
use patchbay_core::oauth::{self, loopback::Loopback};
use patchbay_core::{Error, Workspace};
use serde_json::{Map, Value, json};
use std::path::Path;
use std::time::Duration;

/// A sandbox connection the demo creates: connector, name, client id field and value, client
/// secret field, and how its sign-in differs.
struct Demo {
    connector: &'static str,
    name: &'static str,
    client_field: &'static str,
    client_id: &'static str,
    secret_field: &'static str,
    flow: &'static str,
}

/// The sandbox apps' client credentials. They are not secrets of anyone: the local sandbox
/// accepts any client, and these only exist so the real OAuth code path runs end to end.
const DEMO: [Demo; 6] = [
    Demo {
        connector: "instagram",
        name: "Sandbox Instagram",
        client_field: "client_id",
        client_id: "1000000001",
        secret_field: "client_secret",
        flow: "code → long-lived token",
    },
    Demo {
        connector: "tiktok",
        name: "Sandbox TikTok",
        client_field: "client_key",
        client_id: "sandbox-client-key",
        secret_field: "client_secret",
        flow: "PKCE, hex challenge",
    },
    Demo {
        connector: "youtube",
        name: "Sandbox YouTube",
        client_field: "client_id",
        client_id: "1234567890-sandbox.apps.googleusercontent.com",
        secret_field: "client_secret",
        flow: "PKCE, offline access",
    },
    Demo {
        connector: "facebook-pages",
        name: "Sandbox Facebook Page",
        client_field: "app_id",
        client_id: "1000000002",
        secret_field: "app_secret",
        flow: "long-lived user token → Page token",
    },
    Demo {
        connector: "x",
        name: "Sandbox X",
        client_field: "client_id",
        client_id: "sandbox-x-client",
        secret_field: "",
        flow: "PKCE, public client",
    },
    Demo {
        connector: "reddit",
        name: "Sandbox Reddit",
        client_field: "client_id",
        client_id: "sandbox-reddit-client",
        secret_field: "",
        flow: "basic auth, permanent",
    },
];

pub fn run(data_dir: &Path, args: &DemoArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    match runtime::block_on(demo(&ws, args.json)) {
        Ok(()) => 0,
        Err(e) => output::error(&e),
    }
}

fn existing(ws: &Workspace, connector: &str) -> Result<Option<ConnectionView>, Error> {
    let found = connections::list(
        ws,
        &ConnectionFilter {
            connector_id: Some(connector.into()),
            status: None,
        },
    )?;
    Ok(found.into_iter().find(|c| c.mode == Mode::Sandbox))
}

/// Plays the browser: opens the authorize URL and follows the sandbox's auto-approve redirect
/// back to the loopback listener.
async fn sign_in(ws: &Workspace, id: &str) -> Result<ConnectionView, Error> {
    let listener = Loopback::bind(None).await?;
    let request = oauth::begin(ws, id, &listener.redirect_uri()).await?;
    let state = request.state.clone();
    let waiting = tokio::spawn(async move { listener.wait(&state, Duration::from_secs(30)).await });
    let browser = patchbay_core::http::browser()
        .get(&request.url)
        .send()
        .await;
    if let Err(e) = browser {
        return Err(Error::InvalidInput(format!(
            "the sandbox sign-in page did not answer: {e}"
        )));
    }
    let callback = waiting
        .await
        .map_err(|e| Error::InvalidInput(e.to_string()))??;
    oauth::complete(ws, &callback, false).await
}

async fn demo(ws: &Workspace, json_out: bool) -> Result<(), Error> {
    let sandbox = ws.start_sandbox().await?;
    if !json_out {
        println!("Patchbay demo in {}", ws.data_dir().display());
        println!(
            "Local sandbox running on {sandbox} (Instagram, TikTok, YouTube, Facebook, X and Reddit emulators, offline)."
        );
    }
    let mut report = Vec::new();
    for demo in &DEMO {
        let connector = demo.connector;
        let view = match existing(ws, connector)? {
            Some(view) => view,
            None => {
                let mut settings = Map::new();
                settings.insert(demo.client_field.into(), json!(demo.client_id));
                // X and Reddit desktop apps are public clients: no secret at all.
                if !demo.secret_field.is_empty() {
                    settings.insert(
                        demo.secret_field.into(),
                        json!(format!("sandbox-secret-{connector}")),
                    );
                }
                let view = connections::create(
                    ws,
                    NewConnection {
                        connector_id: connector.into(),
                        name: demo.name.into(),
                        mode: Mode::Sandbox,
                        settings,
                        app_id: None,
                    },
                )?;
                if !json_out {
                    println!("Created {} ({}) in sandbox mode.", view.name, view.id);
                }
                view
            }
        };
        let connected = sign_in(ws, &view.id).await?;
        let who = connected.account_handle.clone().unwrap_or_default();
        if !json_out {
            println!(
                "Connected {} through OAuth ({}) as {who}; token expires {}.",
                connected.name,
                demo.flow,
                connected.token_expires_at.as_deref().unwrap_or("never")
            );
        }
        report.push(json!({"id": connected.id, "connector": connector, "account": who, "status": connected.status, "token_expires_at": connected.token_expires_at}));
    }
    let summaries = patchbay_core::sync::sync_all(ws, None).await?;
    for s in &summaries {
        if let Some(entry) = report
            .iter_mut()
            .find(|r| r["id"] == s.connection_id.as_str())
        {
            entry["sync"] = json!({"status": s.status, "posts": s.posts, "followers": s.followers});
        }
    }
    if json_out {
        output::json(&Value::Array(report));
        return Ok(());
    }
    println!("Synced:");
    for s in &summaries {
        let overview = patchbay_core::analytics::overview(
            ws.database(),
            &s.connection_id,
            30,
            Default::default(),
        )?;
        println!(
            "  {:<20} {:>9} followers  {:>3} posts synced  {:>3} posts in 30 days  engagement {}",
            s.name,
            overview.followers.map(output::count).unwrap_or_default(),
            s.posts,
            overview.posts_in_period,
            overview
                .engagement_rate
                .map(|r| format!("{r:.2} % ({})", overview.engagement_label))
                .unwrap_or_else(|| "n/a".into())
        );
        for e in &s.errors {
            println!("      {e}");
        }
    }
    println!(
        "Done. Next: patchbay report overview --connection ID --data-dir {}",
        ws.data_dir().display()
    );
    Ok(())
}
