//! The connector catalog as the front doors show it: the registry's manifests, with the
//! capabilities trimmed to what this build can run today. A manifest may promise more (a
//! "send message" action); a chip appears only once Patchbay can do it.

use crate::error::Result;
use crate::registry::{ConnectorFilter, ConnectorSummary, Manifest};
use crate::workspace::Workspace;

/// Whether Patchbay can do `capability` for `manifest` now.
pub fn runs_today(manifest_id: &str, has_verify: bool, capability: &str) -> bool {
    match capability {
        "read_profile" => has_verify,
        "read_posts" | "read_insights" => crate::platforms::supports(manifest_id),
        _ => false,
    }
}

pub fn list(ws: &Workspace, filter: &ConnectorFilter) -> Vec<ConnectorSummary> {
    ws.registry()
        .list(filter)
        .into_iter()
        .map(|mut s| {
            let has_verify = ws
                .registry()
                .get(&s.id)
                .map(|m| m.verify.is_some())
                .unwrap_or(false);
            s.capabilities.retain(|c| runs_today(&s.id, has_verify, c));
            s
        })
        .collect()
}

pub fn get(ws: &Workspace, id: &str) -> Result<Manifest> {
    let mut m = ws.registry().get(id)?.clone();
    let has_verify = m.verify.is_some();
    m.capabilities.retain(|c| runs_today(id, has_verify, c));
    Ok(m)
}
