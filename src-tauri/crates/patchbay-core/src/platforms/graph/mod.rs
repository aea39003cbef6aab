//! What Instagram and Facebook share as Graph APIs: the edge walker that follows `paging.next`,
//! and insights asked for all metrics at once.

pub(crate) mod insights;

pub(crate) use insights::{GraphInsights, daily};

use super::MAX_PAGES;
use super::limits::{Window, max};
use super::pager::Followed;
use crate::platforms::api::{Api, SyncError};
use reqwest::header::HeaderMap;
use serde_json::Value;

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

    /// Starts at a `paging.next` kept by an earlier sync (on the API's own origin), or at
    /// `path` with `query` when there is none.
    pub fn resuming(
        api: &Api,
        from: Option<&str>,
        path: String,
        query: Vec<(&'static str, String)>,
    ) -> Self {
        match from.and_then(|f| absolute(api, f)) {
            Some(next) => Self {
                next: Some(next),
                query: Vec::new(),
                fetched: 0,
                followed: Followed::default(),
            },
            None => Self::new(path, query),
        }
    }

    /// The next page, keeping `resume.left` where a later walk goes on: the page about to be
    /// fetched (should the fetch fail), then, once the walk ends, the page after the limit.
    /// A caller that stops early on its own (the incremental boundary) clears it.
    pub async fn next_resumable(
        &mut self,
        api: &Api,
        resume: &mut super::Resume,
    ) -> Result<Option<serde_json::Value>, SyncError> {
        resume.left = self.pending();
        let page = self.next(api).await?;
        if page.is_none() {
            resume.left = self.left();
        }
        Ok(page)
    }

    /// The page link about to be fetched (without the token), for a walk to start again at
    /// should the fetch fail; None for the first page, which a new walk asks for anyway.
    fn pending(&self) -> Option<String> {
        self.query
            .is_empty()
            .then(|| self.next.as_deref().map(without_token))
            .flatten()
    }

    /// Where a later walk goes on: the next page, when this walk stopped at the page limit.
    /// Without the access token: the cursor is stored, the token never is.
    fn left(&self) -> Option<String> {
        (self.fetched >= MAX_PAGES)
            .then(|| self.next.as_deref().map(without_token))
            .flatten()
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

/// A Graph page link without the credentials Graph copies into it.
fn without_token(link: &str) -> String {
    let Ok(mut url) = url::Url::parse(link) else {
        return link.to_owned();
    };
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "access_token" && k != "appsecret_proof")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.query_pairs_mut().clear().extend_pairs(kept);
    url.to_string()
}

/// Graph's `paging.next` is absolute; a sandbox may answer with a path on its own origin. A
/// link to another origin is not followed: the token would go with it.
fn absolute(api: &Api, next: &str) -> Option<String> {
    let base = url::Url::parse(&api.base).ok()?;
    let next = base.join(next).ok()?;
    crate::http::same_origin(&base, &next).then(|| next.to_string())
}

/// The highest figure in Meta's usage headers: `{"id": [{"call_count": 12, …}]}` or
/// `{"call_count": 12, …}`; and the longest wait they announce.
pub(crate) fn meta(headers: &HeaderMap) -> (Option<f64>, Option<i64>) {
    let mut best: Option<f64> = None;
    let mut regain: Option<i64> = None;
    for name in [
        "x-business-use-case-usage",
        "x-app-usage",
        "x-ad-account-usage",
    ] {
        let Some(v) = headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
        else {
            continue;
        };
        let mut entries: Vec<&Value> = vec![&v];
        if let Value::Object(map) = &v {
            entries.extend(
                map.values()
                    .flat_map(|x| x.as_array().into_iter().flatten()),
            );
        }
        for e in entries {
            for key in ["call_count", "total_cputime", "total_time"] {
                best = max(best, e.get(key).and_then(Value::as_f64));
            }
            if let Some(m) = e
                .get("estimated_time_to_regain_access")
                .and_then(Value::as_i64)
            {
                regain = Some(regain.map_or(m, |r: i64| r.max(m)));
            }
        }
    }
    (best, regain)
}

/// Meta's usage headers as a window (no reset time: Meta says how long until access is back).
pub(crate) fn limits(headers: &HeaderMap) -> Window {
    let (used_percent, regain_minutes) = meta(headers);
    Window {
        used_percent,
        regain_minutes,
        reset_at: None,
    }
}

/// How Graph words a refusal: throttling codes 4, 17, 32, 613 and 80002 (Instagram), and 190
/// for a token it no longer accepts.
pub(crate) fn refusal(body: &Value) -> Option<super::Refusal> {
    match body.pointer("/error/code").and_then(Value::as_i64)? {
        4 | 17 | 32 | 613 | 80002 => Some(super::Refusal::RateLimited),
        190 => Some(super::Refusal::TokenRejected),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_kept_page_link_holds_the_cursor_and_never_the_token() {
        let kept = super::without_token(
            "https://graph.instagram.com/v21.0/1784/media?fields=id&limit=50&after=QVFI&access_token=IGQWRsecret&appsecret_proof=abc123",
        );
        assert!(
            kept.contains("after=QVFI") && kept.contains("limit=50"),
            "{kept}"
        );
        assert!(
            !kept.contains("IGQWRsecret") && !kept.contains("appsecret_proof"),
            "{kept}"
        );
    }
}
