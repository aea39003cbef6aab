//! The connectors that ship inside the binary, one TOML file each under `connectors/`.

macro_rules! bundled {
    ($($id:literal),* $(,)?) => {
        &[$(($id, include_str!(concat!("../connectors/", $id, ".toml")))),*]
    };
}

/// `(id, manifest text)` for every bundled connector.
pub(crate) const MANIFESTS: &[(&str, &str)] = bundled![
    "asana",
    "discord",
    "facebook-pages",
    "gmail",
    "google-ads",
    "google-sheets",
    "http",
    "hubspot",
    "instagram",
    "linkedin",
    "notion",
    "reddit",
    "shopify",
    "slack",
    "smtp",
    "stripe",
    "tiktok",
    "trello",
    "twilio-sms",
    "twilio-whatsapp",
    "webhook",
    "x",
    "youtube",
];
