//! Everything one platform means, in one place: a folder (or a file) per platform holding how
//! it syncs (profile, posts through the shared pager, account insights), how it words a refusal,
//! which limit headers it sends and, where it leaves the OAuth standard, its extra steps.
//! `Platform` is the one list of platforms Patchbay syncs and the only place that maps a
//! connector id to its code.
//!
//! Shared by several: `pager` (the one page loop), `graph` (Instagram and Facebook's Graph API:
//! the edge walker, batched insights, Meta's usage headers and error codes), `api` (a
//! connection's view of its platform: the token on every request, retries, what every status
//! means) and `limits` (`Retry-After`, and the shape every platform's limits are read into).

pub mod api;
pub mod facebook;
mod graph;
pub mod instagram;
pub mod limits;
mod pager;
pub use pager::Resume;
pub mod reddit;
pub mod tiktok;
pub mod x;
pub mod youtube;

use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError};
use chrono::{DateTime, Utc};
use patchbay_types::records::{DailyMetric, Post, Profile};

/// A platform Patchbay syncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    Instagram,
    FacebookPages,
    TikTok,
    YouTube,
    X,
    Reddit,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::Instagram,
        Platform::FacebookPages,
        Platform::TikTok,
        Platform::YouTube,
        Platform::X,
        Platform::Reddit,
    ];

    /// The connector id its manifest has.
    pub fn connector(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::FacebookPages => "facebook-pages",
            Platform::TikTok => "tiktok",
            Platform::YouTube => "youtube",
            Platform::X => "x",
            Platform::Reddit => "reddit",
        }
    }

    /// The platform behind a connector, when Patchbay syncs it.
    pub fn of(connector: &str) -> Option<Platform> {
        Self::ALL.into_iter().find(|p| p.connector() == connector)
    }

    /// What this platform's own limit headers say.
    pub fn limits(
        self,
        headers: &reqwest::header::HeaderMap,
        now: DateTime<Utc>,
    ) -> limits::Window {
        match self {
            Platform::Instagram | Platform::FacebookPages => graph::limits(headers),
            Platform::X => x::limits(headers),
            Platform::Reddit => reddit::limits(headers, now),
            Platform::TikTok | Platform::YouTube => limits::Window::default(),
        }
    }

    /// A refusal this platform words its own way in an error body (the generic statuses, 401,
    /// 429 and 5xx, are read for everyone in `api`).
    pub fn refusal(self, body: &serde_json::Value) -> Option<Refusal> {
        match self {
            Platform::Instagram | Platform::FacebookPages => graph::refusal(body),
            Platform::TikTok => tiktok::refusal(body),
            Platform::YouTube => youtube::refusal(body),
            Platform::X | Platform::Reddit => None,
        }
    }

    /// Whether Patchbay counts this platform's requests against a daily quota itself (YouTube:
    /// 10,000 units per Google project, shared by every connection of that project).
    pub fn counts_quota_units(self) -> bool {
        self == Platform::YouTube
    }
}

/// What a refusal in a platform's own words means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A daily quota is spent.
    QuotaExhausted,
    /// Too many requests for now.
    RateLimited,
    /// The access token is no longer accepted.
    TokenRejected,
}

/// Receives each page of posts as it arrives; an error stops the stream.
pub type Sink<'a> = &'a mut (dyn FnMut(Vec<Post>) -> Result<(), SyncError> + Send);

/// Pages stop at this many, whatever the platform says (a mock may always offer more).
pub const MAX_PAGES: usize = 60;

/// The connectors this build can run in sandbox mode: every platform it syncs and every
/// connector whose actions it runs, when it was built with the emulators.
#[cfg(not(feature = "sandbox"))]
pub fn emulated() -> Vec<String> {
    Vec::new()
}

/// The connectors this build can run in sandbox mode: every platform it syncs and every
/// connector whose actions it runs, when it was built with the emulators.
#[cfg(feature = "sandbox")]
pub fn emulated() -> Vec<String> {
    let actions = patchbay_sandbox::ACTION_CONNECTORS;
    Platform::ALL
        .iter()
        .map(|p| p.connector().to_owned())
        .chain(actions.iter().map(|c| (*c).to_owned()))
        .collect()
}

/// Which platforms Patchbay syncs.
pub fn supports(connector: &str) -> bool {
    Platform::of(connector).is_some()
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
    match Platform::of(connector) {
        Some(Platform::Instagram) => instagram::sync::profile(api).await,
        Some(Platform::TikTok) => tiktok::profile(api).await,
        Some(Platform::YouTube) => youtube::profile(api).await,
        Some(Platform::FacebookPages) => facebook::sync::profile(api).await,
        Some(Platform::X) => x::profile(api).await,
        Some(Platform::Reddit) => reddit::profile(api).await,
        None => Err(unsupported(connector)),
    }
}

/// Streams posts newest first (or from `resume.from`, a cursor kept by an earlier sync); stops
/// after the first page reaching `stop_before`, or at the page limit. `resume.left` says where
/// the next walk goes on, when history goes further back.
pub async fn posts(
    connector: &str,
    api: &Api,
    profile: &Profile,
    stop_before: Option<DateTime<Utc>>,
    resume: &mut Resume,
    sink: Sink<'_>,
) -> Result<(), SyncError> {
    let r = resume;
    match Platform::of(connector) {
        Some(Platform::Instagram) => {
            instagram::sync::posts(api, profile, stop_before, r, sink).await
        }
        Some(Platform::TikTok) => tiktok::posts(api, stop_before, r, sink).await,
        Some(Platform::YouTube) => youtube::posts(api, profile, stop_before, r, sink).await,
        Some(Platform::FacebookPages) => {
            facebook::sync::posts(api, profile, stop_before, r, sink).await
        }
        Some(Platform::X) => x::posts(api, profile, stop_before, r, sink).await,
        Some(Platform::Reddit) => reddit::posts(api, profile, stop_before, r, sink).await,
        None => Err(unsupported(connector)),
    }
}

/// Daily account metrics since `since`; `None` for platforms without any (TikTok).
pub async fn insights(
    connector: &str,
    api: &Api,
    profile: &Profile,
    since: DateTime<Utc>,
) -> Option<Result<Vec<DailyMetric>, SyncError>> {
    match Platform::of(connector)? {
        Platform::Instagram => Some(instagram::sync::insights(api, profile, since).await),
        Platform::YouTube => Some(youtube::insights(api, since).await),
        Platform::FacebookPages => Some(facebook::sync::insights(api, profile, since).await),
        Platform::TikTok | Platform::X | Platform::Reddit => None,
    }
}

pub(crate) fn parse_time(s: Option<&str>) -> Option<DateTime<Utc>> {
    let s = s?;
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
