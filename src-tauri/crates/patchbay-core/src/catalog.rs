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
        action => runs(manifest, action),
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

/// Connectors with runners of their own (the others' actions run from their manifests).
pub(crate) const RUNNABLE: &[(&str, &[&str])] = &[
    ("smtp", &["send_email"]),
    ("slack", &["send_message", "update_message", "add_reaction"]),
    (
        "stripe",
        &[
            "create_customer",
            "create_invoice_item",
            "create_invoice",
            "create_payment_intent",
            "list_payments",
        ],
    ),
    ("discord", &["send_message", "send_webhook"]),
    ("twilio-sms", &["send_sms"]),
    ("twilio-whatsapp", &["send_whatsapp"]),
    ("http", &["request"]),
    ("gmail", &["send_email"]),
];

/// Whether Patchbay can run `action` of `m` today: a runner of its own, or a declared request.
pub fn runs(m: &Manifest, action: &str) -> bool {
    RUNNABLE
        .iter()
        .any(|(c, actions)| *c == m.id && actions.contains(&action))
        || m.actions
            .iter()
            .any(|a| a.name == action && a.request.is_some())
}

/// Whether running `action` of `m` a second time cannot do its work twice: Stripe's writes
/// (one idempotency key per call), reads, reactions, and declared requests that say so.
pub fn repeatable(m: &Manifest, action: &str) -> bool {
    match (m.id.as_str(), action) {
        ("stripe", _) | ("slack", "add_reaction") => true,
        (_, "list_payments" | "list_orders") => true,
        _ => m
            .actions
            .iter()
            .find(|a| a.name == action)
            .and_then(|a| a.request.as_ref())
            .is_some_and(|r| {
                r.idempotency_header.is_some()
                    || r.repeat == Some(crate::registry::manifest::Repeat::Safe)
                    || (r.repeat.is_none() && matches!(r.method.as_str(), "GET" | "PUT" | "DELETE"))
            }),
    }
}

/// Whether a connection of `m` holding the secrets `holds` says it holds can sync: a platform
/// Patchbay syncs, connected; or a connector with list streams and its credential.
pub fn can_sync(m: &crate::registry::Manifest, holds: impl Fn(&str) -> bool) -> bool {
    if crate::platforms::supports(&m.id) {
        return holds("access_token");
    }
    !m.record_streams().is_empty() && credential_field(m).is_none_or(holds)
}

/// The secret field a connector's requests need, if any.
fn credential_field(m: &crate::registry::Manifest) -> Option<&str> {
    use crate::registry::manifest::Auth;
    match &m.auth {
        Auth::ApiKey(k) => Some(&k.field),
        Auth::BotToken(b) => Some(&b.field),
        Auth::Basic(b) => Some(&b.password_field),
        Auth::OAuth2(_) => Some("access_token"),
        Auth::Smtp(_) | Auth::None => None,
    }
}
