//! How a connection proves who it is: the `[auth]` table of a manifest (OAuth 2.0, an API key,
//! basic auth, a bot token or SMTP).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// How a connection proves who it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type")]
pub enum Auth {
    #[serde(rename = "oauth2")]
    OAuth2(OAuth2),
    #[serde(rename = "api_key")]
    ApiKey(ApiKey),
    #[serde(rename = "basic")]
    Basic(Basic),
    #[serde(rename = "bot_token")]
    BotToken(BotToken),
    #[serde(rename = "smtp")]
    Smtp(Smtp),
    #[serde(rename = "none")]
    None,
}

impl Auth {
    /// The `type` string, as written in manifests and used by filters.
    pub fn kind(&self) -> &'static str {
        match self {
            Auth::OAuth2(_) => "oauth2",
            Auth::ApiKey(_) => "api_key",
            Auth::Basic(_) => "basic",
            Auth::BotToken(_) => "bot_token",
            Auth::Smtp(_) => "smtp",
            Auth::None => "none",
        }
    }

    pub const KINDS: [&'static str; 6] =
        ["oauth2", "api_key", "basic", "bot_token", "smtp", "none"];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OAuth2 {
    pub authorize_url: String,
    pub token_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub refresh_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub revoke_url: Option<String>,
    pub scopes: Vec<String>,
    #[serde(default = "default_scope_separator")]
    pub scope_separator: String,
    pub pkce: Pkce,
    /// The authorize/token parameter that carries the client id (`client_key` on TikTok).
    #[serde(default = "default_client_id_param")]
    pub client_id_param: String,
    #[serde(default)]
    pub extra_authorize_params: BTreeMap<String, String>,
    pub token_auth: TokenAuth,
    /// The callback routes the platform accepts, the first one being the default.
    pub redirect_styles: Vec<RedirectStyle>,
    /// The loopback port registered with the platform, for platforms that match redirect URIs
    /// exactly, port included (X, Reddit). Without it the loopback route takes any free port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub loopback_port: Option<u16>,
    /// Config fields that hold the client credentials.
    #[serde(default = "default_client_id_field")]
    pub client_id_field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub client_secret_field: Option<String>,
}

fn default_scope_separator() -> String {
    " ".to_owned()
}
fn default_client_id_param() -> String {
    "client_id".to_owned()
}
fn default_client_id_field() -> String {
    "client_id".to_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Pkce {
    /// RFC 7636: base64url(SHA-256(verifier)).
    S256,
    /// TikTok: hex(SHA-256(verifier)).
    S256Hex,
    None,
}

/// How the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TokenAuth {
    /// client_id and client_secret in the form body.
    ClientSecretPost,
    /// HTTP basic auth with client_id:client_secret (Reddit).
    ClientSecretBasic,
    /// A public client: client_id only, PKCE proves the caller.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RedirectStyle {
    Loopback,
    DeepLink,
    Relay,
    Paste,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ApiKey {
    /// Where the key travels: a header or a query parameter.
    #[serde(rename = "in")]
    pub location: KeyLocation,
    /// The header or parameter name.
    pub name: String,
    /// Text before the key, e.g. `Bearer `.
    #[serde(default)]
    pub prefix: String,
    /// The config field holding the key.
    pub field: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum KeyLocation {
    Header,
    Query,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Basic {
    pub username_field: String,
    pub password_field: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BotToken {
    pub field: String,
    #[serde(default = "default_auth_header")]
    pub header: String,
    #[serde(default = "default_bearer")]
    pub prefix: String,
}

fn default_auth_header() -> String {
    "Authorization".to_owned()
}
fn default_bearer() -> String {
    "Bearer ".to_owned()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host_field: String,
    pub port_field: String,
    pub username_field: String,
    pub password_field: String,
    pub security_field: String,
}
