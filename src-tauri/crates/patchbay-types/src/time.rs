//! Time from numbers a platform or a person sent: a `Retry-After`, an `expires_in`, a wait in
//! minutes. They are clamped to a sane range first, so an absurd value means "a long time", never
//! an overflow that panics (a panic in the desktop's background task would stop its schedule).

use chrono::{DateTime, Duration, Utc};

/// The longest a rate limit is believed: a day. Past that, Patchbay tries again tomorrow.
pub const RATE_LIMIT_CAP: Duration = Duration::days(1);
/// The longest a token is believed to live: ten years.
pub const TOKEN_LIFETIME_CAP: Duration = Duration::days(3650);

/// `now` plus `secs` seconds, with `secs` clamped to `0..=cap`.
pub fn after_secs(now: DateTime<Utc>, secs: i64, cap: Duration) -> DateTime<Utc> {
    let wait = Duration::try_seconds(secs.max(0)).unwrap_or(cap).min(cap);
    now.checked_add_signed(wait)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// `now` plus `minutes`, clamped the same way.
pub fn after_minutes(now: DateTime<Utc>, minutes: i64, cap: Duration) -> DateTime<Utc> {
    after_secs(now, minutes.saturating_mul(60), cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_waits_are_clamped_instead_of_panicking() {
        let now = Utc::now();
        for secs in [i64::MAX, 99_999_999_999_999, i64::MAX / 1000] {
            assert_eq!(after_secs(now, secs, RATE_LIMIT_CAP), now + RATE_LIMIT_CAP);
        }
        assert_eq!(after_secs(now, -5, RATE_LIMIT_CAP), now);
        assert_eq!(
            after_secs(now, 30, RATE_LIMIT_CAP),
            now + Duration::seconds(30)
        );
        assert_eq!(
            after_minutes(now, i64::MAX, RATE_LIMIT_CAP),
            now + RATE_LIMIT_CAP
        );
        assert_eq!(
            after_secs(DateTime::<Utc>::MAX_UTC, 60, TOKEN_LIFETIME_CAP),
            DateTime::<Utc>::MAX_UTC
        );
    }
}
