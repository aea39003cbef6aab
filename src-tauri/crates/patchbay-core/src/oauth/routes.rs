//! The ways a sign-in can come back to Patchbay for one connection, each with the exact
//! redirect URI the user registers with the platform. The connect dialog and
//! `patchbay connect --routes` show the same list.

use super::loopback::CALLBACK_PATH;
use crate::connections::{Mode, service};
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, RedirectStyle};
use crate::workspace::Workspace;
use serde::Serialize;
use ts_rs::TS;

/// One way back from the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Route {
    pub style: RedirectStyle,
    /// What to register with the platform, exactly; None when the route cannot be used yet.
    pub redirect_uri: Option<String>,
    /// One sentence on when to pick it, or what it still needs.
    pub note: String,
    /// The route Connect takes unless the user picks another.
    pub default: bool,
}

/// The routes the connection's manifest allows, first the default.
pub fn routes(ws: &Workspace, id: &str) -> Result<Vec<Route>> {
    let connection = service::load(ws, id)?;
    let manifest = ws.registry().get(&connection.connector_id)?;
    let Auth::OAuth2(oauth) = &manifest.auth else {
        return Err(Error::InvalidInput(format!(
            "{} connects with a stored credential, not a browser sign-in.",
            manifest.name
        )));
    };
    let relay = super::relay::get(ws)?;
    let sandbox = connection.mode == Mode::Sandbox;
    // The emulator runs on this machine and accepts any redirect: every route, loopback first.
    let styles = if sandbox {
        vec![
            RedirectStyle::Loopback,
            RedirectStyle::DeepLink,
            RedirectStyle::Relay,
            RedirectStyle::Paste,
        ]
    } else {
        oauth.redirect_styles.clone()
    };
    let loopback_allowed = styles.contains(&RedirectStyle::Loopback);
    Ok(styles
        .iter()
        .enumerate()
        .map(|(i, style)| {
            let (redirect_uri, note) = match style {
                RedirectStyle::Loopback => match oauth.loopback_port.filter(|_| !sandbox) {
                    Some(port) => (
                        Some(format!("http://127.0.0.1:{port}{CALLBACK_PATH}")),
                        format!("{} matches the address exactly, so Patchbay listens on port {port} while you sign in.", manifest.name),
                    ),
                    None => (
                        Some(format!("http://127.0.0.1{CALLBACK_PATH}")),
                        "Patchbay listens on a free port of this machine while you sign in; the platform accepts any loopback port.".to_owned(),
                    ),
                },
                RedirectStyle::DeepLink => (
                    Some(super::DEEP_LINK_REDIRECT.to_owned()),
                    "Your browser hands the answer to Patchbay through its patchbay:// link.".to_owned(),
                ),
                RedirectStyle::Relay => match &relay {
                    Some(url) => (
                        Some(url.clone()),
                        "Your hosted relay page forwards the answer to Patchbay.".to_owned(),
                    ),
                    None => (
                        None,
                        "Needs your relay page: save it from Settings → OAuth relay, host it on HTTPS, and enter its address there.".to_owned(),
                    ),
                },
                RedirectStyle::Paste => paste_route(loopback_allowed, relay.as_deref()),
            };
            Route {
                style: *style,
                redirect_uri,
                note,
                default: i == 0,
            }
        })
        .collect())
}

fn paste_route(loopback_allowed: bool, relay: Option<&str>) -> (Option<String>, String) {
    match (relay, loopback_allowed) {
        (Some(url), _) => (
            Some(url.to_owned()),
            "After signing in, copy the address your browser ends on and paste it here.".to_owned(),
        ),
        (None, true) => (
            Some(format!("http://127.0.0.1{CALLBACK_PATH}")),
            "The browser ends on a page that does not load; copy its address and paste it here.".to_owned(),
        ),
        (None, false) => (
            None,
            "This platform only returns to an HTTPS page you registered: enter its address in Settings → OAuth relay.".to_owned(),
        ),
    }
}
