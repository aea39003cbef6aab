//! A connection as the front doors see it: the stored row, its secrets masked, and what the
//! core knows about its budget and schedule.

use serde::Serialize;
use ts_rs::TS;

pub use patchbay_types::connection::{Connection, ConnectionStatus, Mode, Overrides};

/// A connection as anyone outside the core sees it: settings plus every stored secret masked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConnectionView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub connection: Connection,
    /// Each stored secret field, masked (`xoxb…9f3a`, or dots when short).
    pub secrets: std::collections::BTreeMap<String, String>,
    /// The connector's auth type (oauth2, api_key, …), so a front door knows to offer Connect.
    pub auth: String,
    /// The share of the platform's API budget last seen used, in percent.
    pub api_budget_percent: Option<f64>,
    /// When it syncs, and when next.
    pub schedule: crate::sync::schedule::ScheduleView,
    /// While older posts are still being fetched: how far it got.
    pub backfill: Option<String>,
    /// The developer app it signs in with, if it uses one.
    pub app_id: Option<String>,
    /// The actions Patchbay can run for this connection (the "Try an action" panel).
    pub actions: Vec<String>,
    /// The connector's own list streams (orders, subscribers…) whose items a sync keeps.
    pub record_streams: Vec<String>,
    /// The tags the user put on it ("client: Acme"), sorted.
    pub tags: Vec<String>,
}

impl std::ops::Deref for ConnectionView {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.connection
    }
}

/// What a Verify found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerifyOutcome {
    Verified,
    CredentialsRejected,
    ScopeMissing,
    RateLimited,
    NotFound,
    ServerError,
    Unreachable,
    Unexpected,
    NotConnected,
    NotSupported,
}
