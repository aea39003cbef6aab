//! Where a connection's requests go: its own overrides first, then the local sandbox for a
//! sandbox-mode connection, then the manifest.

use super::model::{Connection, Mode};
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, Manifest};
use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub authorize_url: Option<String>,
    pub token_url: Option<String>,
    pub api_base_url: Option<String>,
}

pub fn resolve(ws: &Workspace, c: &Connection, m: &Manifest) -> Result<Endpoints> {
    let (mut authorize, mut token) = match &m.auth {
        Auth::OAuth2(o) => (Some(o.authorize_url.clone()), Some(o.token_url.clone())),
        _ => (None, None),
    };
    let mut api = m.api.as_ref().map(|a| a.base_url.clone());
    if c.mode == Mode::Sandbox {
        let base = ws.sandbox_url().ok_or(Error::SandboxNotRunning)?;
        if let Some(sandbox) = sandbox_endpoints(&base, &m.id) {
            authorize = Some(sandbox.authorize_url);
            token = Some(sandbox.token_url);
            api = Some(sandbox.api_base_url);
        } else if let Some(sandbox_api) = sandbox_api(&base, &m.id) {
            api = Some(sandbox_api);
            if let Some((a, t)) = sandbox_sign_in(&base, &m.id) {
                authorize = Some(a);
                token = Some(t);
            }
        } else if !crate::platforms::emulated().contains(&m.id) {
            return Err(Error::NoSandbox {
                connector: m.name.clone(),
            });
        }
    }
    Ok(Endpoints {
        authorize_url: c.overrides.authorize_url.clone().or(authorize),
        token_url: c.overrides.token_url.clone().or(token),
        api_base_url: c.overrides.api_base_url.clone().or(api),
    })
}

/// Where the built-in sandbox serves one connector.
struct SandboxEndpoints {
    authorize_url: String,
    token_url: String,
    api_base_url: String,
}

#[cfg(feature = "sandbox")]
fn sandbox_endpoints(base: &str, connector: &str) -> Option<SandboxEndpoints> {
    patchbay_sandbox::endpoints(base, connector).map(|e| SandboxEndpoints {
        authorize_url: e.authorize_url,
        token_url: e.token_url,
        api_base_url: e.api_base_url,
    })
}

#[cfg(feature = "sandbox")]
fn sandbox_sign_in(base: &str, connector: &str) -> Option<(String, String)> {
    patchbay_sandbox::sign_in(base, connector)
}

#[cfg(not(feature = "sandbox"))]
fn sandbox_sign_in(_base: &str, _connector: &str) -> Option<(String, String)> {
    None
}

#[cfg(feature = "sandbox")]
fn sandbox_api(base: &str, connector: &str) -> Option<String> {
    patchbay_sandbox::api_base(base, connector)
}

#[cfg(not(feature = "sandbox"))]
fn sandbox_api(_base: &str, _connector: &str) -> Option<String> {
    None
}

#[cfg(not(feature = "sandbox"))]
fn sandbox_endpoints(_base: &str, _connector: &str) -> Option<SandboxEndpoints> {
    None
}
