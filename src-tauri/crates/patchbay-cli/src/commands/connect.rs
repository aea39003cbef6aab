use crate::cli::{ConnectArgs, RedirectArg};
use crate::{output, runtime};
use patchbay_core::oauth;
use patchbay_core::registry::manifest::RedirectStyle;
use patchbay_core::{Error, Workspace};
use std::io::BufRead;
use std::path::Path;
use std::time::Duration;

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

fn style(arg: Option<RedirectArg>) -> Option<RedirectStyle> {
    arg.map(|a| match a {
        RedirectArg::Loopback => RedirectStyle::Loopback,
        RedirectArg::DeepLink => RedirectStyle::DeepLink,
        RedirectArg::Relay => RedirectStyle::Relay,
        RedirectArg::Paste => RedirectStyle::Paste,
    })
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

/// Asks on a terminal whether the account that signed in replaces the connected one; without a
/// terminal the answer is no (pass --replace to say yes up front).
fn ask_replace(ws: &Workspace, connection_id: &str) -> bool {
    let question =
        "A different account signed in than the one this connection belongs to. Replace it?";
    if crate::input::confirm(question) == Some(true) {
        return true;
    }
    let _ = oauth::discard_replace(ws, connection_id);
    false
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
    let id = patchbay_core::connections::resolve(ws, &args.id)?;
    let started = oauth::start(
        ws,
        &id,
        style(args.redirect),
        args.port,
        args.relay_url.as_deref(),
    )
    .await?;
    let request = &started.request;
    println!("Open this address to sign in:\n{}", request.url);
    if !args.no_browser {
        open_browser(&request.url);
    }
    let view = match started.listener {
        Some(listener) => {
            eprintln!("Waiting for the browser on {} …", request.redirect_uri);
            oauth::finish_loopback(
                ws,
                listener,
                &request.state,
                Duration::from_secs(args.timeout),
                args.replace,
            )
            .await
        }
        None => oauth::complete(ws, &read_pasted_url()?, args.replace).await,
    };
    // A different account signed in: nothing changed yet; on a terminal, ask.
    let view = match view {
        Err(Error::OAuthDifferentAccount { connection_id, .. })
            if ask_replace(ws, &connection_id) =>
        {
            oauth::confirm_replace(ws, &connection_id)?
        }
        Err(e @ Error::OAuthDifferentAccount { .. }) => {
            eprintln!(
                "To let the new account replace it without a question, run: patchbay connect {} --replace",
                id
            );
            return Err(e);
        }
        other => other?,
    };
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
