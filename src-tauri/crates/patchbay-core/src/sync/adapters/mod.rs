//! One adapter per platform: profile, posts (paged, newest first, stopping at the incremental
//! boundary) and account insights where the platform has them.

pub mod facebook;
mod graph_insights;
pub mod instagram;
mod pager;
pub mod reddit;
pub mod tiktok;
pub mod x;
pub mod youtube;

use super::fetch::{Api, SyncError};
use super::model::{DailyMetric, Post, Profile};
use crate::error::ErrorCode;
use chrono::{DateTime, Utc};

/// Receives each page of posts as it arrives; an error stops the stream.
pub type Sink<'a> = &'a mut (dyn FnMut(Vec<Post>) -> Result<(), SyncError> + Send);

/// Pages stop at this many, whatever the platform says (a mock may always offer more).
pub const MAX_PAGES: usize = 60;

/// Which platforms Patchbay syncs.
pub fn supports(connector: &str) -> bool {
    matches!(
        connector,
        "instagram" | "tiktok" | "youtube" | "facebook-pages" | "x" | "reddit"
    )
}

fn unsupported(connector: &str) -> SyncError {
    SyncError::new(
        ErrorCode::SyncUnsupported,
        format!("Patchbay cannot sync {connector} connections yet."),
    )
}

pub async fn profile(
    connector: &str,
    api: &Api,
) -> Result<(Profile, serde_json::Value), SyncError> {
    match connector {
        "instagram" => instagram::profile(api).await,
        "tiktok" => tiktok::profile(api).await,
        "youtube" => youtube::profile(api).await,
        "facebook-pages" => facebook::profile(api).await,
        "x" => x::profile(api).await,
        "reddit" => reddit::profile(api).await,
        other => Err(unsupported(other)),
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
        "youtube" => youtube::posts(api, profile, stop_before, sink).await,
        "facebook-pages" => facebook::posts(api, profile, stop_before, sink).await,
        "x" => x::posts(api, profile, stop_before, sink).await,
        "reddit" => reddit::posts(api, profile, stop_before, sink).await,
        other => Err(unsupported(other)),
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
        "facebook-pages" => Some(facebook::insights(api, profile, since).await),
        _ => None,
    }
}

/// Walks a Graph API edge page by page: the first request carries the query, later ones follow
/// `paging.next` (which repeats it), at most `MAX_PAGES` pages, never the same `next` twice.
pub(crate) struct GraphPages {
    next: Option<String>,
    query: Vec<(&'static str, String)>,
    fetched: usize,
    followed: pager::Followed<String>,
}

impl GraphPages {
    pub fn new(path: String, query: Vec<(&'static str, String)>) -> Self {
        Self {
            next: Some(path),
            query,
            fetched: 0,
            followed: pager::Followed::default(),
        }
    }

    pub async fn next(&mut self, api: &Api) -> Result<Option<serde_json::Value>, SyncError> {
        if self.fetched >= MAX_PAGES {
            return Ok(None);
        }
        let Some(path) = self.next.take() else {
            return Ok(None);
        };
        let page = api.get(&path, &std::mem::take(&mut self.query)).await?;
        self.fetched += 1;
        self.next = page
            .pointer("/paging/next")
            .and_then(serde_json::Value::as_str)
            .and_then(|n| absolute(api, n))
            .filter(|n| self.followed.is_new(n));
        Ok(Some(page))
    }
}

/// Graph's `paging.next` is absolute; a sandbox may answer with a path on its own origin. A
/// link to another origin is not followed: the token would go with it.
fn absolute(api: &Api, next: &str) -> Option<String> {
    let base = url::Url::parse(&api.base).ok()?;
    let next = base.join(next).ok()?;
    crate::http::same_origin(&base, &next).then(|| next.to_string())
}

pub(crate) fn parse_time(s: Option<&str>) -> Option<DateTime<Utc>> {
    let s = s?;
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
