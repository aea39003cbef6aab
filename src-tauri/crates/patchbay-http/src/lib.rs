//! The one HTTP client every outgoing request goes through (verify, OAuth, sync, actions), and
//! its policy, so a rule is enforced once instead of per caller:
//!
//! - a Patchbay User-Agent, a connect timeout and a whole-request timeout;
//! - redirects are followed only within the same origin (scheme, host and port), so no
//!   credential header, POST body or token in a query string is ever carried to another site,
//!   and https never falls back to http;
//! - no `Referer` (a previous URL may hold a token in its query);
//! - an answer is read up to a cap (`MAX_BODY`), so a hostile or broken server cannot exhaust
//!   memory;
//! - an idempotent request is retried after a dropped connection, a timeout or a passing server
//!   error, with capped, jittered backoff (`retry`); nothing else is ever sent twice.
//!
//! A clone shares one connection pool; a workspace keeps one and hands clones around.

mod body;
mod redirect;
pub mod retry;

pub use body::{BodyError, MAX_BODY, read_body, read_json};

use std::time::Duration;

/// How long a request may take before it counts as unreachable.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The shared client. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    /// The same client without redirects, for token, revoke and verify requests.
    strict: reqwest::Client,
}

impl Default for Http {
    fn default() -> Self {
        Self::new()
    }
}

impl Http {
    pub fn new() -> Self {
        Self {
            client: build(redirect::same_origin()),
            strict: build(reqwest::redirect::Policy::none()),
        }
    }

    /// The client, to build a request with. Its policy cannot be changed from here.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// The client for requests that carry a credential in their body or prove one: token,
    /// revoke and verify requests. It follows no redirect at all; a 3xx reaches the caller.
    pub fn strict(&self) -> &reqwest::Client {
        &self.strict
    }

    /// Sends `request`, and again (see `retry`) when it is idempotent and the connection failed
    /// or the server said to try shortly. The last answer or error is returned.
    pub async fn send(
        &self,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, reqwest::Error> {
        send_with(&self.client, request).await
    }

    /// `send`, on the client that follows no redirect.
    pub async fn send_strict(
        &self,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, reqwest::Error> {
        send_with(&self.strict, request).await
    }
}

#[allow(clippy::disallowed_methods)]
fn build(redirects: reqwest::redirect::Policy) -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!("Patchbay/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .redirect(redirects)
        .referer(false)
        .build()
        .expect("the HTTP client configuration is valid")
}

async fn send_with(
    client: &reqwest::Client,
    request: reqwest::Request,
) -> Result<reqwest::Response, reqwest::Error> {
    let retryable = retry::idempotent(request.method());
    let mut attempt = 0;
    let mut next = request;
    loop {
        attempt += 1;
        let spare = if retryable && attempt < retry::ATTEMPTS {
            next.try_clone()
        } else {
            None
        };
        let outcome = client.execute(next).await;
        let again = match &outcome {
            Ok(response) => retry::transient(response.status()),
            Err(e) => retry::retry_error(e),
        };
        match spare {
            Some(copy) if again => {
                tokio::time::sleep(retry::backoff(attempt)).await;
                next = copy;
            }
            _ => return outcome,
        }
    }
}

/// A client that behaves like the user's browser (follows redirects anywhere), for the demo's
/// sandbox sign-in, where Patchbay plays the person clicking "Allow". It must never be given a
/// credential: it is the one client without the same-origin rule.
#[allow(clippy::disallowed_methods)]
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!("Patchbay/", env!("CARGO_PKG_VERSION")))
        .timeout(REQUEST_TIMEOUT)
        .build()
        .expect("the HTTP client configuration is valid")
}

/// True when `a` and `b` share scheme, host and port: the only redirects and absolute paging
/// links Patchbay follows with a credential attached.
pub fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.origin() == b.origin()
}
