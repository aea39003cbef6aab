//! The one place that builds HTTP clients: a Patchbay User-Agent, timeouts, no redirects to
//! other hosts with credentials.

use std::time::Duration;

/// How long a request may take before it counts as unreachable.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// A client for talking to platforms.
#[allow(clippy::disallowed_methods)]
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!("Patchbay/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10))
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .expect("the HTTP client configuration is valid")
}
