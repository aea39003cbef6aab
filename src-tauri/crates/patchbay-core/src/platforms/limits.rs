//! What platforms say about their limits in response headers, read into one shape: the share
//! of the budget used, and when access comes back.
//!
//! - Meta: `X-Business-Use-Case-Usage`, `X-App-Usage`, `X-Ad-Account-Usage` (percentages and
//!   `estimated_time_to_regain_access` in minutes);
//! - X: `x-rate-limit-limit`, `x-rate-limit-remaining`, `x-rate-limit-reset` (Unix seconds);
//! - Reddit: `x-ratelimit-used`, `x-ratelimit-remaining`, `x-ratelimit-reset` (seconds left);
//! - everyone: `Retry-After` (seconds) on a 429.

use chrono::{DateTime, Utc};
use patchbay_types::time::{RATE_LIMIT_CAP, after_secs};
use reqwest::header::HeaderMap;
use serde_json::Value;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reading {
    /// The highest share of any budget the headers report, in percent.
    pub used_percent: Option<f64>,
    /// Minutes until the platform gives access back, when it says.
    pub regain_minutes: Option<i64>,
    /// When the current window resets, when it says.
    pub reset_at: Option<DateTime<Utc>>,
}

fn header(headers: &HeaderMap, name: &str) -> Option<f64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

fn max(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The highest figure in Meta's usage headers: `{"id": [{"call_count": 12, …}]}` or
/// `{"call_count": 12, …}`; and the longest wait they announce.
fn meta(headers: &HeaderMap) -> (Option<f64>, Option<i64>) {
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

/// Reads every limit header a response carries.
pub fn read(headers: &HeaderMap, now: DateTime<Utc>) -> Reading {
    let (mut used, mut regain) = meta(headers);
    let mut reset_at = None;
    // X: a limit, what remains, and the reset as a Unix time.
    if let (Some(limit), Some(remaining)) = (
        header(headers, "x-rate-limit-limit"),
        header(headers, "x-rate-limit-remaining"),
    ) && limit > 0.0
    {
        used = max(used, Some((limit - remaining) / limit * 100.0));
        reset_at = header(headers, "x-rate-limit-reset")
            .and_then(|t| DateTime::from_timestamp(t as i64, 0));
    }
    // Reddit: used and remaining, and the seconds until the window resets.
    if let (Some(spent), Some(remaining)) = (
        header(headers, "x-ratelimit-used"),
        header(headers, "x-ratelimit-remaining"),
    ) && spent + remaining > 0.0
    {
        used = max(used, Some(spent / (spent + remaining) * 100.0));
        reset_at =
            header(headers, "x-ratelimit-reset").map(|s| after_secs(now, s as i64, RATE_LIMIT_CAP));
    }
    if let Some(secs) = header(headers, "retry-after") {
        reset_at = Some(after_secs(now, secs as i64, RATE_LIMIT_CAP));
    }
    if regain.is_none() {
        regain = reset_at.map(|r| ((r - now).num_seconds().max(0) + 59) / 60);
    }
    Reading {
        used_percent: used,
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
            let r = read(&headers(&pairs), now);
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
            &headers(&[
                ("x-ratelimit-used", "54"),
                ("x-ratelimit-remaining", "6.0"),
                ("x-ratelimit-reset", "90"),
            ]),
            now,
        );
        assert_eq!(reddit.used_percent, Some(90.0));
        assert_eq!(reddit.regain_minutes, Some(2));
        assert_eq!(read(&HeaderMap::new(), now), Reading::default());
    }
}
