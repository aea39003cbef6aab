//! The connector manifest: one TOML file per connector, describing it as data. Behaviour data
//! cannot express lives in small per-platform modules elsewhere.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use ts_rs::TS;

mod auth;
mod declared;
pub use auth::{
    ApiKey, Auth, Basic, BotToken, KeyLocation, OAuth2, Pkce, RedirectStyle, Smtp, TokenAuth,
};
pub use declared::{ActionRequest, Encoding, Paging, RecordStream, Repeat, Since};

/// A whole manifest, as written in `<id>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// kebab-case, unique across bundled and user manifests.
    pub id: String,
    pub name: String,
    /// One line for the gallery card.
    pub summary: String,
    pub description: String,
    pub category: Category,
    pub status: Status,
    #[serde(default)]
    pub tags: Vec<String>,
    pub publisher: String,
    pub docs_url: String,
    /// The brand colour for the card's monogram, as `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub color: Option<String>,
    pub auth: Auth,
    #[serde(default)]
    pub config: Vec<ConfigField>,
    #[serde(default)]
    pub capabilities: Vec<String>,
    #[serde(default)]
    pub setup: Vec<SetupStep>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub api: Option<Api>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verify: Option<Verify>,
    #[serde(default)]
    pub rate_limits: Vec<RateLimit>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub streams: Vec<Stream>,
}

/// The closed set of gallery categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Social,
    Messaging,
    Email,
    Payments,
    Commerce,
    Ads,
    Productivity,
    Crm,
    Analytics,
    Developer,
    Events,
    Marketing,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Category::Social,
        Category::Messaging,
        Category::Email,
        Category::Payments,
        Category::Commerce,
        Category::Ads,
        Category::Productivity,
        Category::Crm,
        Category::Analytics,
        Category::Developer,
        Category::Events,
        Category::Marketing,
    ];
}

/// How far Patchbay implements a connector. The UI shows it on every card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Available,
    Beta,
    ComingSoon,
    Deprecated,
}

/// One input on the connection form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ConfigField {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string | number | boolean")]
    pub default: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub help: Option<String>,
    /// A regular expression the whole value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pattern: Option<String>,
    /// The choices of a `select` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Secret,
    Number,
    Bool,
    Url,
    Email,
    Select,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetupStep {
    pub title: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Api {
    pub base_url: String,
    /// Headers every request carries (API versions, a required User-Agent). Values may use
    /// `{field}` placeholders.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Query parameters every request carries (Trello's `key`).
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// When set, an OAuth access token travels in this query parameter instead of an
    /// `Authorization: Bearer` header (Meta's Graph APIs use `access_token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub access_token_param: Option<String>,
}

/// The request that proves a connection's credentials work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Verify {
    #[serde(default = "default_method")]
    pub method: String,
    /// Appended to `api.base_url`; `{field}` is replaced by that config field's value.
    pub path: String,
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    #[serde(default)]
    pub success: SuccessRule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub identity: Option<Identity>,
    /// A sentence per failure: keys are HTTP statuses (`"401"`) or the platform's error codes.
    #[serde(default)]
    pub messages: BTreeMap<String, String>,
}

fn default_method() -> String {
    "GET".to_owned()
}

/// Decides whether the verify response means success.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SuccessRule {
    #[serde(default = "default_success_status")]
    pub status: Vec<u16>,
    /// A JSON pointer into the body that must equal `equals` (Slack answers 200 with `ok: false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub json_pointer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string | number | boolean")]
    pub equals: Option<Value>,
    /// Where the platform's error code sits in a failed body, to look up `messages`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error_pointer: Option<String>,
}

impl Default for SuccessRule {
    fn default() -> Self {
        Self {
            status: default_success_status(),
            json_pointer: None,
            equals: None,
            error_pointer: None,
        }
    }
}

fn default_success_status() -> Vec<u16> {
    vec![200]
}

/// JSON pointers to the account's id and handle in the verify response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub handle: Option<String>,
}

/// A documented limit, e.g. 600 requests per `1m`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// What the limit applies to ("per app", "per method", "per Google project").
    pub scope: String,
    pub limit: u64,
    /// A window such as `1s`, `1m`, `24h` or `1d`.
    pub window: String,
    #[serde(default)]
    pub unit: RateUnit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RateUnit {
    #[default]
    Requests,
    /// Quota units (YouTube).
    Units,
}

/// Something a connection can do on request, with JSON Schemas for its input and output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub name: String,
    pub description: String,
    #[ts(type = "Record<string, unknown>")]
    pub input: Value,
    #[ts(type = "Record<string, unknown>")]
    pub output: Value,
    /// How to run it as one HTTP request, without code of its own (see docs/manifests.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ActionRequest>,
}

/// A sync stream. `profile`, `posts` and `insights` document what the built-in sync of an
/// analytics platform reads; a stream with `records` is a paged list Patchbay reads itself,
/// storing each item with the fields named (a user's own connector can track, say, its orders).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Stream {
    pub name: String,
    pub description: String,
    /// The documented endpoint the stream reads, relative to `api.base_url` or absolute.
    pub endpoint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<RecordStream>,
}

impl Manifest {
    /// The list streams Patchbay reads itself (`[streams.records]`).
    pub fn record_streams(&self) -> Vec<&Stream> {
        self.streams
            .iter()
            .filter(|s| s.records.is_some())
            .collect()
    }
}
