//! Starting a connection from a front door: pick the redirect style, prepare where the browser
//! comes back to, and build the authorize URL. Shared by the desktop app and the CLI.

use super::flow::{self, AuthorizeRequest};
use super::loopback::Loopback;
use crate::connections::ConnectionView;
use crate::error::{Error, Result};
use crate::registry::manifest::RedirectStyle;
use crate::workspace::Workspace;
use std::time::Duration;

/// A flow in progress: the URL to open, and the loopback listener when that is the route.
#[derive(Debug)]
pub struct Started {
    pub request: AuthorizeRequest,
    pub style: RedirectStyle,
    pub listener: Option<Loopback>,
}

/// The loopback port the connection's platform has registered, if it matches exactly.
fn registered_port(ws: &Workspace, id: &str) -> Result<Option<u16>> {
    Ok(super::context::Context::load(ws, id)?.oauth.loopback_port)
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
            // A live connection listens where the platform expects it; the sandbox takes any port.
            let fixed = port.or(if sandbox {
                None
            } else {
                registered_port(ws, id)?
            });
            let listener = match fixed {
                Some(port) => Loopback::bind_fixed(port, ws.oauth()).await?,
                None => Loopback::bind(None).await?,
            };
            let uri = listener.redirect_uri();
            (Some(listener), uri)
        }
        other => {
            super::relay::resolve(ws, relay)?;
            let route = super::routes(ws, id)?
                .into_iter()
                .find(|r| r.style == other)
                .ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "This connector does not offer the {} route.",
                        style_name(other)
                    ))
                })?;
            match route.redirect_uri {
                Some(uri) => (None, uri),
                None => return Err(Error::InvalidInput(route.note)),
            }
        }
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

fn style_name(style: RedirectStyle) -> &'static str {
    match style {
        RedirectStyle::Loopback => "loopback",
        RedirectStyle::DeepLink => "deep link",
        RedirectStyle::Relay => "relay",
        RedirectStyle::Paste => "paste",
    }
}
