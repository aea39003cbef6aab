//! Faults injected on purpose, so Patchbay's handling of a bad day can be tested offline.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FaultKind {
    /// HTTP 429 with Retry-After.
    RateLimit { retry_after_secs: u64 },
    /// A Meta-style 200-then-throttle: X-Business-Use-Case-Usage at 100 % and error code 80002.
    UsageExhausted,
    /// YouTube's 403 quotaExceeded.
    Quota,
    /// HTTP 500 with the platform's error body.
    ServerError,
    /// A delay before answering normally.
    Slow { millis: u64 },
    /// A 200 whose body is not JSON.
    MalformedJson,
    /// The platform's "token expired" error.
    ExpiredToken,
    /// `invalid_grant` from the token endpoint when refreshing.
    InvalidGrant,
    /// Instagram: one metric is refused as deprecated.
    DeprecatedMetric { metric: String },
    /// Meta: answers normally, but reports this much of the usage budget as used.
    HighUsage { percent: u32 },
    /// The platform does the work, then the connection drops before its answer arrives: the
    /// client cannot know whether the message was sent or the customer created.
    LostResponse,
}

// No deny_unknown_fields: serde cannot combine it with the flattened `kind`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Fault {
    /// instagram, tiktok, youtube, facebook, x or reddit.
    pub platform: String,
    /// Only requests whose path contains this.
    #[serde(default)]
    pub path_contains: Option<String>,
    /// Let this many matching requests through first.
    #[serde(default)]
    pub after: u32,
    /// Fire this many times, then stop (0: forever).
    #[serde(default)]
    pub times: u32,
    #[serde(flatten)]
    pub kind: FaultKind,
}

/// Counts matches per fault, to honour `after` and `times`.
#[derive(Debug, Default)]
pub struct FaultState {
    seen: Vec<u32>,
}

impl FaultState {
    /// The fault that fires for this request, if any.
    pub fn fire(&mut self, faults: &[Fault], platform: &str, path: &str) -> Option<FaultKind> {
        // The others are applied by the insights endpoints, the delay and lost-answer layers,
        // and the usage headers.
        self.fire_where(faults, platform, path, |kind| {
            !matches!(
                kind,
                FaultKind::DeprecatedMetric { .. }
                    | FaultKind::Slow { .. }
                    | FaultKind::HighUsage { .. }
                    | FaultKind::LostResponse
            )
        })
    }

    /// Whether the answer to this request is lost on the way back.
    pub fn lose(&mut self, faults: &[Fault], platform: &str, path: &str) -> bool {
        self.fire_where(faults, platform, path, |kind| {
            *kind == FaultKind::LostResponse
        })
        .is_some()
    }

    fn fire_where(
        &mut self,
        faults: &[Fault],
        platform: &str,
        path: &str,
        applies: impl Fn(&FaultKind) -> bool,
    ) -> Option<FaultKind> {
        self.seen.resize(faults.len(), 0);
        for (i, fault) in faults.iter().enumerate() {
            if !applies(&fault.kind) {
                continue;
            }
            let matches = fault.platform == platform
                && fault
                    .path_contains
                    .as_deref()
                    .is_none_or(|p| path.contains(p));
            if !matches {
                continue;
            }
            self.seen[i] += 1;
            let n = self.seen[i];
            if n > fault.after && (fault.times == 0 || n <= fault.after + fault.times) {
                return Some(fault.kind.clone());
            }
        }
        None
    }
}
