//! Sending an action's request and reading the answer, repeating it only where that cannot do
//! a thing twice:
//!
//! - a connection that could not be opened sent nothing: tried again, for every request;
//! - a 429 with a short `Retry-After` was refused, not done: waited for and tried again;
//! - a request with an idempotency key (Stripe) or a safe method is tried again after a
//!   timeout, a lost answer or a server error: the platform replays its first answer;
//! - anything else that may have reached the platform (a timeout, an answer cut off, a 5xx to a
//!   send) is never repeated: the user is told to check, in words that say where.

use crate::error::{Error, Result};
use crate::workspace::Workspace;
use serde_json::Value;
use std::time::Duration;

/// Tries in all, the first included.
const ATTEMPTS: u32 = 3;
/// The longest `Retry-After` Patchbay waits out by itself.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// Whether sending a request twice could do its work twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// A send (a message, a text): once it may have arrived, it is never sent again.
    Never,
    /// The request carries an idempotency key, or reads without changing anything.
    Safe,
}

/// The platform's answer.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    /// `Retry-After`, in seconds, when the platform said when to come back.
    pub retry_after: Option<u64>,
    /// The body as JSON (`Null` when it was not JSON).
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Who is asked and where the user would look: ("Slack", "the channel").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Peer<'a> {
    pub platform: &'a str,
    pub check: &'a str,
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<u64> {
    let text = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    text.trim()
        .parse::<f64>()
        .ok()
        .map(|s| s.max(0.0).ceil().min(86_400.0) as u64)
}

/// Sends `request` (built once, cloned per attempt) and answers the platform's reply.
pub(crate) async fn send(
    ws: &Workspace,
    request: reqwest::RequestBuilder,
    repeat: Repeat,
    peer: Peer<'_>,
) -> Result<Reply> {
    let request = request.build().map_err(|e| Error::ActionFailed {
        platform: peer.platform.to_owned(),
        message: format!("the request could not be built ({e})."),
    })?;
    let host = request.url().host_str().unwrap_or("the server").to_owned();
    let uncertain = |why: String| Error::ActionUncertain {
        platform: peer.platform.to_owned(),
        why,
        check: peer.check.to_owned(),
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let last = attempt >= ATTEMPTS;
        let copy = request.try_clone().ok_or_else(|| Error::ActionFailed {
            platform: peer.platform.to_owned(),
            message: "the request body cannot be sent.".into(),
        })?;
        let pause = crate::http::retry::backoff(attempt);
        let response = match ws.http().client().execute(copy).await {
            Ok(response) => response,
            Err(e) if e.is_connect() && !last => {
                tokio::time::sleep(pause).await;
                continue;
            }
            Err(e) if e.is_connect() => {
                return Err(Error::ActionFailed {
                    platform: peer.platform.to_owned(),
                    message: format!("{host} could not be reached, so nothing was sent."),
                });
            }
            Err(e) if repeat == Repeat::Safe && !last => {
                tracing::debug!(error = %e, "action request failed; repeating it safely");
                tokio::time::sleep(pause).await;
                continue;
            }
            Err(e) => {
                let why = if e.is_timeout() {
                    format!("{host} did not answer in time")
                } else {
                    format!("the connection to {host} broke before its answer arrived")
                };
                return Err(uncertain(why));
            }
        };
        let status = response.status().as_u16();
        let wait = retry_after(response.headers());
        let headers = response.headers().clone();
        let body = match crate::http::read_body(response, crate::http::MAX_BODY).await {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            Err(_) if repeat == Repeat::Safe && !last => {
                tokio::time::sleep(pause).await;
                continue;
            }
            Err(e) => return Err(uncertain(format!("its answer was lost on the way ({e})"))),
        };
        // Refused for now, not done: waiting is safe for every request.
        if status == 429
            && !last
            && let Some(secs) = wait.filter(|s| Duration::from_secs(*s) <= LONGEST_WAIT)
        {
            tokio::time::sleep(Duration::from_secs(secs).max(pause)).await;
            continue;
        }
        if status >= 500 {
            if repeat == Repeat::Safe && !last {
                tokio::time::sleep(pause).await;
                continue;
            }
            if repeat == Repeat::Never {
                return Err(uncertain(format!(
                    "it answered with a server error ({status})"
                )));
            }
        }
        return Ok(Reply {
            status,
            retry_after: wait,
            body,
            headers,
        });
    }
}

/// A sentence for a 429 the platform did not lift in time.
pub(crate) fn rate_limited(platform: &str, reply: &Reply) -> Error {
    let when = reply
        .retry_after
        .map_or("in a minute".to_owned(), |s| format!("in {s} s"));
    Error::ActionRefused {
        platform: platform.to_owned(),
        message: format!(
            "it is rate limiting this connection. Nothing was done; try again {when}."
        ),
    }
}
