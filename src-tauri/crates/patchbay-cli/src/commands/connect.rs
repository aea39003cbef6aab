use crate::cli::{ConnectArgs, RedirectArg};
use crate::{output, runtime};
use patchbay_core::oauth::{self, loopback::Loopback};
use patchbay_core::registry::manifest::RedirectStyle;
use patchbay_core::store::settings;
use patchbay_core::{Error, Workspace};
use std::io::BufRead;
use std::path::Path;
use std::time::Duration;

const RELAY_SETTING: &str = "oauth.relay_url";

pub fn run(data_dir: &Path, args: &ConnectArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    match runtime::block_on(connect(&ws, args)) {
        Ok(()) => 0,
        Err(e) => output::error(&e),
    }
}

pub fn disconnect(data_dir: &Path, id: &str) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    match runtime::block_on(oauth::disconnect(&ws, id)) {
        Ok(_) => {
            let view = patchbay_core::connections::get(&ws, id);
            if let Ok(Some(message)) = view.map(|v| v.status_message.clone()) {
                println!("{message}");
            }
            0
        }
        Err(e) => output::error(&e),
    }
}

fn style(arg: Option<RedirectArg>, ws: &Workspace, id: &str) -> Result<RedirectStyle, Error> {
    Ok(match arg {
        Some(RedirectArg::Loopback) => RedirectStyle::Loopback,
        Some(RedirectArg::DeepLink) => RedirectStyle::DeepLink,
        Some(RedirectArg::Relay) => RedirectStyle::Relay,
        Some(RedirectArg::Paste) => RedirectStyle::Paste,
        None => oauth::default_style(ws, id)?,
    })
}

fn relay_url(ws: &Workspace, given: Option<&String>) -> Result<Option<String>, Error> {
    let conn = ws.database();
    match given {
        Some(url) => {
            if !url.starts_with("https://") {
                return Err(Error::InvalidInput(format!(
                    "The relay page must be served over https; `{url}` is not."
                )));
            }
            settings::set_in(conn, RELAY_SETTING, url)?;
            Ok(Some(url.clone()))
        }
        None => settings::get_in(conn, RELAY_SETTING),
    }
}

/// Opens the system browser; failure is fine, the URL is printed anyway.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

fn read_pasted_url() -> Result<String, Error> {
    eprintln!("Paste the full address your browser ended on, then press Enter:");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::InvalidInput(format!("could not read the pasted URL: {e}")))?;
    Ok(line.trim().to_owned())
}

async fn connect(ws: &Workspace, args: &ConnectArgs) -> Result<(), Error> {
    let style = style(args.redirect, ws, &args.id)?;
    let timeout = Duration::from_secs(args.timeout);
    let (listener, redirect_uri) = match style {
        RedirectStyle::Loopback => {
            let listener = Loopback::bind(args.port).await?;
            let uri = listener.redirect_uri();
            (Some(listener), uri)
        }
        RedirectStyle::DeepLink => (None, oauth::DEEP_LINK_REDIRECT.to_owned()),
        RedirectStyle::Relay | RedirectStyle::Paste => {
            match relay_url(ws, args.relay_url.as_ref())? {
                Some(relay) => (None, relay),
                None if style == RedirectStyle::Relay => {
                    return Err(Error::InvalidInput(
                    "The relay route needs your relay page's address: pass --relay-url https://… (see `patchbay connect --help`).".into(),
                ));
                }
                None => (None, "http://127.0.0.1/oauth/callback".to_owned()),
            }
        }
    };
    let request = oauth::begin(ws, &args.id, &redirect_uri).await?;
    println!("Open this address to sign in:\n{}", request.url);
    if !args.no_browser {
        open_browser(&request.url);
    }
    let callback = match listener {
        Some(listener) => {
            eprintln!("Waiting for the browser on {} …", request.redirect_uri);
            listener.wait(&request.state, timeout).await?
        }
        None => read_pasted_url()?,
    };
    let view = oauth::complete(ws, &callback, args.replace).await?;
    let who = view
        .account_handle
        .clone()
        .or(view.account_id.clone())
        .unwrap_or_else(|| "the account".into());
    println!("Connected {} ({}) as {who}.", view.name, view.id);
    if let Some(expiry) = &view.token_expires_at {
        println!(
            "Token expires at {expiry}; granted scopes: {}.",
            view.scopes.join(", ")
        );
    }
    Ok(())
}
