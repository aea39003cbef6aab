//! How a token request fails: the platform refused it (with its error), or it never got an
//! answer; and the sentence for a server that did not answer.

use super::tokens::TokenError;
use crate::error::Error;

/// The failure of a token request: the platform's refusal, or no answer at all.
#[derive(Debug)]
pub enum Failure {
    Refused(TokenError),
    Transport(Error),
}

fn host(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.to_owned())
}

pub(crate) fn unreachable(url: &str, e: &reqwest::Error) -> Error {
    let reason = if e.is_timeout() {
        "it did not answer in time"
    } else if e.is_connect() {
        "the connection failed"
    } else {
        "the request failed"
    };
    Error::Unreachable {
        host: host(url),
        reason: reason.to_owned(),
    }
}
