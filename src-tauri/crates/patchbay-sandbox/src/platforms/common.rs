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

/// A request body as one JSON object: JSON bodies as sent, form bodies with Stripe's nested keys
/// unfolded (`metadata[plan]=pro` → `{"metadata": {"plan": "pro"}}`, `items[0]=a` → an array).
/// `None` when the body is neither.
pub fn fields(headers: &axum::http::HeaderMap, body: &[u8]) -> Option<serde_json::Value> {
    use serde_json::{Map, Value};
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if ct.starts_with("application/json") {
        return serde_json::from_slice::<Value>(body)
            .ok()
            .filter(Value::is_object);
    }
    if !ct.starts_with("application/x-www-form-urlencoded") && !body.is_empty() {
        return None;
    }
    let mut root = Value::Object(Map::new());
    for (key, value) in url::form_urlencoded::parse(body) {
        let mut path: Vec<String> = Vec::new();
        let (head, rest) = key.split_once('[').unwrap_or((&key, ""));
        path.push(head.to_owned());
        for part in rest.split('[') {
            let part = part.trim_end_matches(']');
            if !part.is_empty() || !rest.is_empty() {
                path.push(part.to_owned());
            }
        }
        let mut slot = &mut root;
        for (i, step) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            let next_is_index = path.get(i + 1).is_some_and(|s| s.parse::<usize>().is_ok());
            let child = if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            };
            slot = match slot {
                Value::Object(map) => {
                    let entry = map.entry(step.clone()).or_insert(child);
                    if last {
                        *entry = Value::String(value.to_string());
                    }
                    entry
                }
                Value::Array(items) => {
                    let at = step.parse::<usize>().unwrap_or(items.len());
                    while items.len() <= at {
                        items.push(child.clone());
                    }
                    if last {
                        items[at] = Value::String(value.to_string());
                    }
                    &mut items[at]
                }
                _ => break,
            };
        }
    }
    Some(root)
}

/// A field of a request as text.
pub fn text<'a>(fields: &'a serde_json::Value, name: &str) -> Option<&'a str> {
    fields
        .get(name)
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.is_empty())
}

/// A short random id in an alphabet: `id("C", 9, UPPER)`.
pub fn random_id(prefix: &str, len: usize, alphabet: &[u8]) -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    let tail: String = (0..len)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
        .collect();
    format!("{prefix}{tail}")
}

pub const UPPER_DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
pub const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const HEX: &[u8] = b"0123456789abcdef";
