//! One adapter per platform: profile, posts (paged, newest first, stopping at the incremental
//! boundary) and account insights where the platform has them.

pub mod instagram;
pub mod tiktok;
pub mod youtube;

use super::fetch::{Api, SyncError};
use super::model::{DailyMetric, Post, Profile};
use chrono::{DateTime, Utc};

/// Receives each page of posts as it arrives; an error stops the stream.
pub type Sink<'a> = &'a mut (dyn FnMut(Vec<Post>) -> Result<(), SyncError> + Send);

/// Pages stop at this many, whatever the platform says (a mock may always offer more).
pub const MAX_PAGES: usize = 60;

/// Which platforms Patchbay syncs.
pub fn supports(connector: &str) -> bool {
    matches!(connector, "instagram" | "tiktok" | "youtube")
}

pub async fn profile(
    connector: &str,
    api: &Api,
) -> Result<(Profile, serde_json::Value), SyncError> {
    match connector {
        "instagram" => instagram::profile(api).await,
        "tiktok" => tiktok::profile(api).await,
        _ => youtube::profile(api).await,
    }
}

/// Streams posts newest first; stops after the first page reaching `stop_before`.
pub async fn posts(
    connector: &str,
    api: &Api,
    profile: &Profile,
    stop_before: Option<DateTime<Utc>>,
    sink: Sink<'_>,
) -> Result<(), SyncError> {
    match connector {
        "instagram" => instagram::posts(api, profile, stop_before, sink).await,
        "tiktok" => tiktok::posts(api, stop_before, sink).await,
        _ => youtube::posts(api, profile, stop_before, sink).await,
    }
}

/// Daily account metrics since `since`; `None` for platforms without any (TikTok).
pub async fn insights(
    connector: &str,
    api: &Api,
    profile: &Profile,
    since: DateTime<Utc>,
) -> Option<Result<Vec<DailyMetric>, SyncError>> {
    match connector {
        "instagram" => Some(instagram::insights(api, profile, since).await),
        "youtube" => Some(youtube::insights(api, since).await),
        _ => None,
    }
}

pub(crate) fn parse_time(s: Option<&str>) -> Option<DateTime<Utc>> {
    let s = s?;
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
