//! What Instagram and Facebook share as Graph APIs: the edge walker that follows `paging.next`,
//! and insights asked for all metrics at once.

pub(crate) mod insights;

pub(crate) use insights::{GraphInsights, daily};

use super::MAX_PAGES;
use super::pager::Followed;
use crate::platforms::api::{Api, SyncError};

/// Walks a Graph API edge page by page: the first request carries the query, later ones follow
/// `paging.next` (which repeats it), at most `MAX_PAGES` pages, never the same `next` twice.
pub(crate) struct GraphPages {
    next: Option<String>,
    query: Vec<(&'static str, String)>,
    fetched: usize,
    followed: Followed<String>,
}

impl GraphPages {
    pub fn new(path: String, query: Vec<(&'static str, String)>) -> Self {
        Self {
            next: Some(path),
            query,
            fetched: 0,
            followed: Followed::default(),
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
