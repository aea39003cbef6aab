//! HTTP for adapters: the access token applied the platform's way, transient failures retried
//! with capped exponential backoff and jitter, and every failure classified into a stable code
//! and a sentence (rate limited, quota, token rejected, malformed answer, unreachable).

use super::{Platform, Refusal};
use crate::error::ErrorCode;
use crate::vault::Secret;
use chrono::{DateTime, Duration as Span, Utc};
use patchbay_types::time::{RATE_LIMIT_CAP, after_minutes};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::http::retry::{ATTEMPTS, backoff};

/// Why a request did not give data.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncError {
    pub code: ErrorCode,
    pub message: String,
    /// When the platform says the limit resets.
    pub reset_at: Option<DateTime<Utc>>,
    /// The token was refused: refresh, or ask the user to reconnect.
    pub reauth: bool,
}

impl SyncError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            reset_at: None,
            reauth: false,
        }
    }

    pub fn rate_limited(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::SyncRateLimited
                | ErrorCode::SyncQuotaExceeded
                | ErrorCode::SyncBudgetExhausted
        )
    }
}

/// A platform API for one connection: base URL, token, and how the token travels.
#[derive(Debug, Clone)]
pub struct Api {
    /// The platform's name, for sentences.
    pub platform: String,
    /// Which platform it is, for its own limit headers and refusals.
    pub kind: Option<Platform>,
    pub base: String,
    pub token: Secret,
    /// Meta's Graph APIs take the token as `access_token` in the query.
    pub token_param: Option<String>,
    /// Headers the platform requires on every request (Reddit's own User-Agent).
    pub headers: Vec<(String, String)>,
    /// One client per sync, so its requests reuse pooled connections.
    pub client: reqwest::Client,
    /// What this sync learnt about the API budget.
    pub budget: std::sync::Arc<std::sync::Mutex<Budget>>,
}

/// The share of the platform's usage budget used, as its own headers report it
/// (`X-Business-Use-Case-Usage`, `X-App-Usage`), and the requests made.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Budget {
    pub used_percent: Option<f64>,
    /// Minutes until the platform gives access back, when it says.
    pub regain_minutes: Option<i64>,
    pub requests: u32,
}

/// Back off above this share of the budget, before the platform starts refusing.
pub const BUDGET_LIMIT_PERCENT: f64 = 90.0;

impl Api {
    /// `path` relative to the base (`/me`), or an absolute URL (a `paging.next`).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            return path.to_owned();
        }
        if let Some(rest) = path.strip_prefix("//") {
            return format!("https://{rest}");
        }
        format!("{}{path}", self.base.trim_end_matches('/'))
    }

    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, SyncError> {
        self.send(Method::GET, path, query, None).await
    }

    pub async fn post_json(
        &self,
        path: &str,
        query: &[(&str, String)],
        body: Value,
    ) -> Result<Value, SyncError> {
        self.send(Method::POST, path, query, Some(body)).await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Value>,
    ) -> Result<Value, SyncError> {
        let url = self.url(path);
        let budget = *self.budget.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(used) = budget.used_percent.filter(|u| *u >= BUDGET_LIMIT_PERCENT) {
            let wait = budget.regain_minutes.filter(|m| *m > 0).unwrap_or(15);
            let mut e = SyncError::new(
                ErrorCode::SyncBudgetExhausted,
                format!(
                    "{} reports {used:.0} % of this app's usage budget used; Patchbay paused syncing to stay under the limit and continues in about {wait} minutes.",
                    self.platform
                ),
            );
            e.reset_at = Some(after_minutes(Utc::now(), wait, RATE_LIMIT_CAP));
            return Err(e);
        }
        let mut last = SyncError::new(ErrorCode::SyncUnreachable, "no attempt was made");
        for attempt in 0..ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(backoff(attempt)).await;
            }
            let mut req = self.client.request(method.clone(), &url).query(query);
            req = match &self.token_param {
                Some(param) => req.query(&[(param.as_str(), self.token.expose())]),
                None => req.bearer_auth(self.token.expose()),
            };
            for (name, value) in &self.headers {
                req = req.header(name, value);
            }
            if let Some(body) = &body {
                req = req.json(body);
            }
            match req.send().await {
                Err(e) => {
                    let host = url::Url::parse(&url)
                        .ok()
                        .and_then(|u| u.host_str().map(str::to_owned))
                        .unwrap_or_default();
                    let why = if e.is_timeout() {
                        "it did not answer in time"
                    } else {
                        "the connection failed"
                    };
                    last = SyncError::new(
                        ErrorCode::SyncUnreachable,
                        format!("Could not reach {host}: {why}."),
                    );
                }
                Ok(resp) => match self.read(resp).await {
                    Ok(v) => return Ok(v),
                    Err((e, transient)) => {
                        if !transient {
                            return Err(e);
                        }
                        last = e;
                    }
                },
            }
        }
        Err(last)
    }

    /// The JSON of a good answer, or the error and whether retrying could help.
    async fn read(&self, resp: reqwest::Response) -> Result<Value, (SyncError, bool)> {
        let status = resp.status();
        let limits = super::limits::read(self.kind, resp.headers(), Utc::now());
        {
            let mut budget = self.budget.lock().unwrap_or_else(|p| p.into_inner());
            budget.requests += 1;
            if limits.used_percent.is_some() {
                budget.used_percent = limits.used_percent;
                budget.regain_minutes = limits.regain_minutes;
            }
        }
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<i64>().ok());
        let p = &self.platform;
        // The path names the endpoint; the query is left out (it may hold the token).
        let endpoint = resp.url().path().to_owned();
        let text = match crate::http::read_body(resp, crate::http::MAX_BODY).await {
            Ok(bytes) => bytes,
            Err(crate::http::BodyError::TooLarge { limit }) => {
                return Err((
                    SyncError::new(
                        ErrorCode::SyncTooLarge,
                        format!(
                            "{p} answered {endpoint} with more than {} MB; Patchbay did not read it, and nothing from this page was saved.",
                            limit / (1024 * 1024)
                        ),
                    ),
                    false,
                ));
            }
            Err(e) => {
                return Err((
                    SyncError::new(
                        ErrorCode::SyncUnreachable,
                        format!("{p}'s answer broke off ({e})."),
                    ),
                    true,
                ));
            }
        };
        let json: Option<Value> = serde_json::from_slice(&text).ok();
        if status.is_success() {
            return match json {
                Some(v) => Ok(v),
                None => Err((
                    SyncError::new(
                        ErrorCode::SyncMalformedResponse,
                        format!(
                            "{p} answered with data Patchbay could not read (malformed JSON). Nothing from this page was saved."
                        ),
                    ),
                    false,
                )),
            };
        }
        let body = json.unwrap_or(Value::Null);
        // The platform's own words first (its module), then what every platform's status says.
        let refusal = self.kind.and_then(|k| k.refusal(&body)).or(
            if status == StatusCode::TOO_MANY_REQUESTS {
                Some(Refusal::RateLimited)
            } else if status == StatusCode::UNAUTHORIZED {
                Some(Refusal::TokenRejected)
            } else {
                None
            },
        );
        let reset = limits.reset_at;
        if refusal == Some(Refusal::QuotaExhausted) {
            let mut e = SyncError::new(
                ErrorCode::SyncQuotaExceeded,
                format!(
                    "{p}'s daily quota for this project is used up; syncing resumes after it resets at midnight Pacific time."
                ),
            );
            e.reset_at = Some(next_pacific_midnight(Utc::now()));
            return Err((e, false));
        }
        if refusal == Some(Refusal::RateLimited) {
            let mut e = SyncError::new(
                ErrorCode::SyncRateLimited,
                format!(
                    "{p} is rate limiting this account{}; Patchbay stopped and will continue after it resets.",
                    retry_after
                        .map(|s| format!(" (retry after {s} s)"))
                        .unwrap_or_default()
                ),
            );
            e.reset_at = reset.or(Some(Utc::now() + Span::minutes(15)));
            return Err((e, false));
        }
        if refusal == Some(Refusal::TokenRejected) {
            let mut e = SyncError::new(
                ErrorCode::SyncTokenRejected,
                format!("{p} rejected the access token."),
            );
            e.reauth = true;
            return Err((e, false));
        }
        if status.is_server_error() {
            return Err((
                SyncError::new(
                    ErrorCode::SyncServerError,
                    format!(
                        "{p} answered with a server error ({}); the problem is on their side.",
                        status.as_u16()
                    ),
                ),
                true,
            ));
        }
        // Graph and Google nest the message under `error`; X sends problem+json (`detail`, or
        // `errors[0].message`); Reddit a flat `message`.
        let detail = ["/error/message", "/errors/0/message", "/detail", "/message"]
            .iter()
            .find_map(|p| body.pointer(p).and_then(Value::as_str))
            .unwrap_or("the request was refused");
        let detail: String = detail.chars().take(200).collect();
        Err((
            SyncError::new(
                ErrorCode::SyncRequestRefused,
                format!("{p} refused a request ({}): {detail}", status.as_u16()),
            ),
            false,
        ))
    }
}

/// Midnight in US Pacific time, when YouTube quotas reset (UTC−8; an hour early in summer).
pub fn next_pacific_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    let pacific = now - Span::hours(8);
    let next = pacific
        .date_naive()
        .succ_opt()
        .unwrap_or(pacific.date_naive())
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    next.and_utc() + Span::hours(8)
}

/// A count that may arrive as a number or a string (YouTube), or be missing or unreadable.
pub fn count(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

pub fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_come_as_numbers_or_strings_and_junk_is_missing() {
        assert_eq!(count(&serde_json::json!(12)), Some(12));
        assert_eq!(count(&serde_json::json!("12")), Some(12));
        assert_eq!(count(&serde_json::json!("dolore")), None);
        assert_eq!(count(&Value::Null), None);
    }

    #[test]
    fn pacific_midnight_is_the_next_one() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T07:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            next_pacific_midnight(now).to_rfc3339(),
            "2026-11-22T08:00:00+00:00"
        );
    }
}
