//! Helpers every emulator uses: tokens from requests, redirects, loopback checks, cursors.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The bearer token of a request, if it carries one.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::to_owned)
}

/// A redirect the browser follows back to the app.
pub fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_owned())]).into_response()
}

/// `https://…`, or plain http to this machine (the sandbox accepts loopback redirects for every
/// platform so the whole flow runs offline).
pub fn acceptable_redirect(uri: &str) -> bool {
    uri.starts_with("https://")
        || uri.starts_with("http://127.0.0.1")
        || uri.starts_with("http://localhost")
        || uri.starts_with("patchbay://")
}

/// Appends query parameters to a redirect URI.
pub fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    let sep = if uri.contains('?') { '&' } else { '?' };
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    format!("{uri}{sep}{}", query.join("&"))
}

pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// An opaque paging cursor holding an offset.
pub fn cursor(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("offset:{offset}"))
}

pub fn offset(cursor: Option<&str>) -> Option<usize> {
    match cursor {
        None => Some(0),
        Some(c) => String::from_utf8(URL_SAFE_NO_PAD.decode(c).ok()?)
            .ok()?
            .strip_prefix("offset:")?
            .parse()
            .ok(),
    }
}

/// Which sandbox account an authorization is for: `login_hint` (an index or a username), else
/// the first account.
pub fn pick_account(hint: Option<&str>, accounts: &[crate::data::Account]) -> usize {
    hint.and_then(|h| {
        h.parse::<usize>()
            .ok()
            .or_else(|| accounts.iter().position(|a| a.username == h))
    })
    .filter(|i| *i < accounts.len())
    .unwrap_or(0)
}

pub fn split_scopes(scope: &str, sep: char) -> Vec<String> {
    scope
        .split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
