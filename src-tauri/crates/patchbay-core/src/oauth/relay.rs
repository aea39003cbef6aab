//! The relay route: a static page the user hosts on HTTPS (Instagram, Facebook and LinkedIn
//! return only to HTTPS addresses) that forwards the platform's answer to `patchbay://`.
//! Patchbay remembers the page's address and writes the page for hosting.

use crate::error::{Error, Result};
use crate::store::settings;
use crate::workspace::Workspace;
use std::path::PathBuf;

const RELAY_SETTING: &str = "oauth.relay_url";

/// The page itself: it forwards the query string to the deep link, unchanged.
pub const RELAY_PAGE: &str = include_str!("relay.html");

/// The relay page address remembered for this workspace.
pub fn get(ws: &Workspace) -> Result<Option<String>> {
    Ok(settings::get_in(ws.database(), RELAY_SETTING)?.filter(|u| !u.is_empty()))
}

/// Remembers the relay page's address; None or an empty one forgets it.
pub fn set(ws: &Workspace, url: Option<&str>) -> Result<Option<String>> {
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    if let Some(url) = url {
        let parsed = url::Url::parse(url).map_err(|_| {
            Error::InvalidInput(format!(
                "`{url}` is not a web address. Enter the full https:// address of your relay page."
            ))
        })?;
        if parsed.scheme() != "https" || parsed.host_str().is_none() {
            return Err(Error::InvalidInput(format!(
                "The relay page must be served over https; `{url}` is not."
            )));
        }
    }
    settings::set_in(ws.database(), RELAY_SETTING, url.unwrap_or(""))?;
    get(ws)
}

/// The address to use: `given` (remembered for next time) or the remembered one.
pub fn resolve(ws: &Workspace, given: Option<&str>) -> Result<Option<String>> {
    match given {
        Some(url) => set(ws, Some(url)),
        None => get(ws),
    }
}

/// Writes `relay.html` into `<data dir>/exports/` for the user to host, and returns its path.
pub fn save_page(ws: &Workspace) -> Result<PathBuf> {
    let dir = crate::exports::dir(ws);
    let io = |path: &PathBuf, e: std::io::Error| Error::Io {
        path: path.clone(),
        action: "written",
        reason: e.to_string(),
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let path = dir.join("relay.html");
    std::fs::write(&path, RELAY_PAGE).map_err(|e| io(&path, e))?;
    Ok(path)
}
