//! What one connection's sync did, as every front door reports it.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncSummary {
    pub connection_id: String,
    pub name: String,
    /// ok, partial, failed, needs_reauth or skipped.
    pub status: String,
    #[ts(type = "number")]
    pub posts: i64,
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
    pub errors: Vec<String>,
    #[ts(type = "number")]
    pub duration_ms: i64,
    /// Items of the connector's own list streams kept this time.
    #[ts(type = "number")]
    pub records: i64,
}
