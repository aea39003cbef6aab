//! Starting a connection from a front door: pick the redirect style, prepare where the browser
//! comes back to, and build the authorize URL. Shared by the desktop app and the CLI.

use super::flow::{self, AuthorizeRequest};
use super::loopback::Loopback;
use crate::connections::ConnectionView;
use crate::error::{Error, Result};
use crate::registry::manifest::RedirectStyle;
use crate::store::settings;
use crate::workspace::Workspace;
use std::time::Duration;

const RELAY_SETTING: &str = "oauth.relay_url";

/// A flow in progress: the URL to open, and the loopback listener when that is the route.
#[derive(Debug)]
pub struct Started {
    pub request: AuthorizeRequest,
    pub style: RedirectStyle,
    pub listener: Option<Loopback>,
}

/// The relay page address remembered for this workspace, replaced when `given`.
pub fn relay_url(ws: &Workspace, given: Option<&str>) -> Result<Option<String>> {
    match given {
        Some(url) if !url.starts_with("https://") => Err(Error::InvalidInput(format!(
            "The relay page must be served over https; `{url}` is not."
        ))),
        Some(url) => {
            settings::set_in(ws.database(), RELAY_SETTING, url)?;
            Ok(Some(url.to_owned()))
        }
        None => settings::get_in(ws.database(), RELAY_SETTING),
    }
}

pub async fn start(
    ws: &Workspace,
    id: &str,
    style: Option<RedirectStyle>,
    port: Option<u16>,
    relay: Option<&str>,
) -> Result<Started> {
    ws.ensure_sandbox_for(id).await?;
    let sandbox =
        crate::connections::service::load(ws, id)?.mode == crate::connections::Mode::Sandbox;
    let style = match style {
        Some(style) => style,
        // The sandbox runs on this machine: loopback always works, whatever the platform demands.
        None if sandbox => RedirectStyle::Loopback,
        None => flow::default_style(ws, id)?,
    };
    let (listener, redirect_uri) = match style {
        RedirectStyle::Loopback => {
            let listener = Loopback::bind(port).await?;
            let uri = listener.redirect_uri();
            (Some(listener), uri)
        }
        RedirectStyle::DeepLink => (None, super::DEEP_LINK_REDIRECT.to_owned()),
        RedirectStyle::Relay | RedirectStyle::Paste => match relay_url(ws, relay)? {
            Some(relay) => (None, relay),
            None if style == RedirectStyle::Relay => {
                return Err(Error::InvalidInput(
                    "The relay route needs the address of your relay page (an https page serving Patchbay's relay.html). Set it, or use another route.".into(),
                ));
            }
            None => (None, "http://127.0.0.1/oauth/callback".to_owned()),
        },
    };
    let request = flow::begin(ws, id, &redirect_uri).await?;
    Ok(Started {
        request,
        style,
        listener,
    })
}

/// Waits on the loopback listener, then finishes the flow.
pub async fn finish_loopback(
    ws: &Workspace,
    listener: Loopback,
    state: &str,
    timeout: Duration,
    allow_replace: bool,
) -> Result<ConnectionView> {
    let callback = listener.wait(state, timeout).await?;
    flow::complete(ws, &callback, allow_replace).await
}
