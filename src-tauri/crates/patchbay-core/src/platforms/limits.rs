//! What platforms say about their limits in response headers, read into one shape: the share
//! of the budget used, and when access comes back. Each platform reads its own headers in its
//! module (Meta's usage headers in `graph`, X's and Reddit's windows in `x` and `reddit`);
//! `Retry-After` (seconds, on a 429) is read here for everyone.

use super::Platform;
use chrono::{DateTime, Utc};
use patchbay_types::time::{RATE_LIMIT_CAP, after_secs};
use reqwest::header::HeaderMap;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reading {
    /// The highest share of any budget the headers report, in percent.
    pub used_percent: Option<f64>,
    /// Minutes until the platform gives access back, when it says.
    pub regain_minutes: Option<i64>,
    /// When the current window resets, when it says.
    pub reset_at: Option<DateTime<Utc>>,
}

/// A header as a number.
pub(crate) fn header(headers: &HeaderMap, name: &str) -> Option<f64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// The larger of two readings, either of which may be missing.
pub(crate) fn max(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// A window a platform announces: the share used, and when it resets.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Window {
    pub used_percent: Option<f64>,
    pub regain_minutes: Option<i64>,
    pub reset_at: Option<DateTime<Utc>>,
}

/// Reads a response's limit headers: the platform's own (its module says which), then
/// `Retry-After`, which every platform may send.
pub fn read(platform: Option<Platform>, headers: &HeaderMap, now: DateTime<Utc>) -> Reading {
    let own = platform.map(|p| p.limits(headers, now)).unwrap_or_default();
    let mut reset_at = own.reset_at;
    if let Some(secs) = header(headers, "retry-after") {
        reset_at = Some(after_secs(now, secs as i64, RATE_LIMIT_CAP));
    }
    let regain = own
        .regain_minutes
        .or_else(|| reset_at.map(|r| ((r - now).num_seconds().max(0) + 59) / 60));
    Reading {
        used_percent: own.used_percent,
        regain_minutes: regain,
        reset_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn absurd_reset_headers_mean_a_day_at_most_and_never_panic() {
        let now = Utc::now();
        for pairs in [
            vec![("retry-after", "99999999999999")],
            vec![
                ("x-ratelimit-used", "600"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "99999999999999999999"),
            ],
            vec![
                ("x-rate-limit-limit", "900"),
                ("x-rate-limit-remaining", "0"),
                ("x-rate-limit-reset", "99999999999999999999"),
            ],
        ] {
            let r = [Platform::X, Platform::Reddit, Platform::TikTok]
                .into_iter()
                .map(|p| read(Some(p), &headers(&pairs), now))
                .find(|r| r.reset_at.is_some())
                .unwrap_or_default();
            assert!(
                r.reset_at.is_none_or(|t| t <= now + RATE_LIMIT_CAP),
                "{pairs:?}: {:?}",
                r.reset_at
            );
        }
    }

    #[test]
    fn meta_usage_takes_the_highest_figure_and_the_longest_wait() {
        let now = Utc::now();
        let r = read(
            Some(Platform::Instagram),
            &headers(&[
                (
                    "x-business-use-case-usage",
                    r#"{"17841":[{"type":"instagram","call_count":12,"total_cputime":95,"total_time":3,"estimated_time_to_regain_access":7}]}"#,
                ),
                (
                    "x-app-usage",
                    r#"{"call_count":40,"total_cputime":1,"total_time":1}"#,
                ),
            ]),
            now,
        );
        assert_eq!(r.used_percent, Some(95.0));
        assert_eq!(r.regain_minutes, Some(7));
    }

    #[test]
    fn x_and_reddit_windows_become_a_share_and_a_reset_time() {
        let now = Utc::now();
        let reset = now.timestamp() + 600;
        let x = read(
            Some(Platform::X),
            &headers(&[
                ("x-rate-limit-limit", "75"),
                ("x-rate-limit-remaining", "15"),
                ("x-rate-limit-reset", &reset.to_string()),
            ]),
            now,
        );
        assert_eq!(x.used_percent, Some(80.0));
        assert_eq!(x.reset_at.map(|t| t.timestamp()), Some(reset));
        assert_eq!(x.regain_minutes, Some(10));
        let reddit = read(
            Some(Platform::Reddit),
            &headers(&[
                ("x-ratelimit-used", "54"),
                ("x-ratelimit-remaining", "6.0"),
                ("x-ratelimit-reset", "90"),
            ]),
            now,
        );
        assert_eq!(reddit.used_percent, Some(90.0));
        assert_eq!(reddit.regain_minutes, Some(2));
        assert_eq!(
            read(Some(Platform::X), &HeaderMap::new(), now),
            Reading::default()
        );
        // Another platform's headers mean nothing to this one.
        let on_tiktok = read(
            Some(Platform::TikTok),
            &headers(&[
                ("x-rate-limit-limit", "75"),
                ("x-rate-limit-remaining", "0"),
            ]),
            now,
        );
        assert_eq!(on_tiktok.used_percent, None);
    }
}
