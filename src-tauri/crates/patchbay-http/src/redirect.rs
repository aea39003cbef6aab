//! The redirect rule: follow a few hops within the same origin, stop at anything else. A stopped
//! redirect reaches the caller as the 3xx answer, which it reports as a refusal.

use reqwest::redirect::{Attempt, Policy};

/// At most this many hops.
const MAX_HOPS: usize = 5;

pub(crate) fn same_origin() -> Policy {
    Policy::custom(|attempt: Attempt<'_>| {
        let Some(first) = attempt.previous().first() else {
            return attempt.stop();
        };
        if attempt.previous().len() > MAX_HOPS {
            attempt.error("too many redirects")
        } else if crate::same_origin(first, attempt.url()) {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}
