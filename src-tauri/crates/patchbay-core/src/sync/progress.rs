//! Progress of running syncs, for a terminal's progress bars and the desktop's live status: one
//! broadcast channel per workspace. Nobody listening costs nothing; a slow listener only misses
//! intermediate steps, never the sync itself.

use serde::Serialize;
use ts_rs::TS;

/// How many events a slow listener may fall behind before it skips ahead.
pub const BUFFER: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Started,
    Profile,
    Posts,
    /// Older posts than a first sync could fetch, going on where the last sync stopped.
    Backfill,
    Insights,
    Finished,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Progress {
    pub connection_id: String,
    pub name: String,
    pub stage: Stage,
    /// Posts stored so far in this sync.
    #[ts(type = "number")]
    pub posts: i64,
    /// How many posts the account has, when the platform says and the whole history is
    /// being fetched (a first sync); `null` otherwise.
    #[ts(type = "number | null")]
    pub expected_posts: Option<i64>,
    /// For `finished`: ok, partial, failed, needs_reauth or skipped.
    pub status: Option<String>,
}
