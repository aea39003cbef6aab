//! What a connection is: one configured instance of a connector.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Live,
    /// Talks to Patchbay's local emulator of the platform instead of the real one.
    Sandbox,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    PendingSetup,
    Active,
    Inactive,
    Error,
    NeedsReauth,
}

impl ConnectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingSetup => "pending_setup",
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Error => "error",
            Self::NeedsReauth => "needs_reauth",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::PendingSetup,
            Self::Active,
            Self::Inactive,
            Self::Error,
            Self::NeedsReauth,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// Per-connection replacements for the manifest's endpoints: proxies, regional endpoints, and
/// local servers in tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub authorize_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub token_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub api_base_url: Option<String>,
}

impl Overrides {
    /// The setting names that address overrides rather than config fields.
    pub const KEYS: [&'static str; 3] = ["authorize_url", "token_url", "api_base_url"];

    pub fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        match key {
            "authorize_url" => Some(&mut self.authorize_url),
            "token_url" => Some(&mut self.token_url),
            "api_base_url" => Some(&mut self.api_base_url),
            _ => None,
        }
    }
}

/// A stored connection, as the database holds it: no secret in here.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Connection {
    pub id: String,
    pub connector_id: String,
    pub name: String,
    pub mode: Mode,
    /// Non-secret settings only.
    #[ts(type = "Record<string, unknown>")]
    pub config: Map<String, Value>,
    pub overrides: Overrides,
    pub status: ConnectionStatus,
    pub status_message: Option<String>,
    pub account_id: Option<String>,
    pub account_handle: Option<String>,
    pub scopes: Vec<String>,
    pub token_expires_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub last_verified_at: Option<String>,
    pub last_synced_at: Option<String>,
}
