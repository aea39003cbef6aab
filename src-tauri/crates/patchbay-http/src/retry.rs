//! Retrying what is safe to retry: an idempotent request (GET, HEAD, OPTIONS, PUT, DELETE) that
//! met a dropped connection, a timeout or a passing server error (502, 503, 504) is sent again
//! after a capped, jittered backoff. Anything else, a token request above all (a code works
//! once), is sent exactly once.

use std::time::Duration;

/// Tries in all, the first included.
pub const ATTEMPTS: u32 = 3;
const BACKOFF_BASE_MS: u64 = 200;
const BACKOFF_CAP_MS: u64 = 3_000;

/// How long to wait before attempt `attempt` (1 for the first retry): exponential, capped, with
/// jitter so many clients do not retry in step.
pub fn backoff(attempt: u32) -> Duration {
    let exp = BACKOFF_BASE_MS
        .saturating_mul(1u64.checked_shl(attempt).unwrap_or(u64::MAX))
        .min(BACKOFF_CAP_MS);
    let jitter = rand::random::<u64>() % (exp / 2 + 1);
    Duration::from_millis(exp / 2 + jitter)
}

/// A status that says "try again shortly" rather than "no".
pub fn transient(status: reqwest::StatusCode) -> bool {
    matches!(status.as_u16(), 500 | 502 | 503 | 504)
}

pub(crate) fn idempotent(method: &reqwest::Method) -> bool {
    use reqwest::Method;
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
    ]
    .contains(method)
}

/// A failure worth another try: the connection, not the answer.
pub(crate) fn retry_error(e: &reqwest::Error) -> bool {
    e.is_timeout() || e.is_connect() || e.is_request()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped_even_for_absurd_attempts() {
        for attempt in [1, 2, 3, 10, 63, 64, 1000] {
            assert!(backoff(attempt) <= Duration::from_millis(BACKOFF_CAP_MS));
        }
        assert!(backoff(1) <= Duration::from_millis(400));
    }
}
