//! The connector catalog as the front doors show it: the registry's manifests, with the
//! capabilities trimmed to what this build can run today. A manifest may promise more (a
//! "send message" action); a chip appears only once Patchbay can do it.

use crate::error::Result;
use crate::registry::{ConnectorFilter, ConnectorSummary, Manifest};
use crate::workspace::Workspace;

/// Whether Patchbay can do `capability` for `manifest` now.
pub fn runs_today(manifest: &Manifest, capability: &str) -> bool {
    match capability {
        "read_profile" => manifest.verify.is_some(),
        "read_posts" | "read_insights" => crate::platforms::supports(&manifest.id),
        // `read_orders`: a list stream named `orders` that a sync keeps.
        other
            if other.strip_prefix("read_").is_some_and(|list| {
                manifest
                    .streams
                    .iter()
                    .any(|s| s.name == list && s.records.is_some())
            }) =>
        {
            true
        }
        action => crate::actions::runs(manifest, action),
    }
}

pub fn list(ws: &Workspace, filter: &ConnectorFilter) -> Vec<ConnectorSummary> {
    ws.registry()
        .list(filter)
        .into_iter()
        .map(|mut s| {
            match ws.registry().get(&s.id) {
                Ok(m) => s.capabilities.retain(|c| runs_today(m, c)),
                Err(_) => s.capabilities.clear(),
            }
            s
        })
        .collect()
}

pub fn get(ws: &Workspace, id: &str) -> Result<Manifest> {
    let mut m = ws.registry().get(id)?.clone();
    let runnable: Vec<String> = m
        .capabilities
        .iter()
        .filter(|c| runs_today(&m, c))
        .cloned()
        .collect();
    m.capabilities = runnable;
    Ok(m)
}
