//! HTTP: `request` sends one request to the connection's API (`url` relative to its base URL,
//! or absolute on the same origin) with its credential, optional headers, query parameters,
//! a JSON or text body and a timeout. The credential never goes to another origin: such a URL
//! is refused. GET, PUT and DELETE may be repeated after a lost answer; POST and PATCH never.

use super::call::{self, Peer, Repeat};
use super::{Ctx, text};
use crate::error::{Error, Result};
use serde_json::{Value, json};
use std::time::Duration;

/// The longest a user may ask a request to wait.
const MAX_TIMEOUT_SECS: u64 = 120;

pub(super) async fn run(ctx: &Ctx<'_>, action: &str, input: &Value) -> Result<Value> {
    if action != "request" {
        return Err(ctx.unavailable(action));
    }
    let method = text(input, "method").unwrap_or("GET").to_ascii_uppercase();
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .map_err(|_| Error::InvalidInput(format!("`{method}` is not an HTTP method.")))?;
    let base = ctx.base_url()?;
    let asked = text(input, "url").unwrap_or("/");
    let url = target(&base, asked)?;
    let mut request = ctx.request_url(method.clone(), &url)?;
    if let Some(Value::Object(headers)) = input.get("headers") {
        for (name, value) in headers {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            request = request.header(name.as_str(), value);
        }
    }
    if let Some(Value::Object(params)) = input.get("params") {
        let pairs: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                )
            })
            .collect();
        request = request.query(&pairs);
    }
    match input.get("body") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => request = request.body(s.clone()),
        Some(json) => request = request.json(json),
    }
    if let Some(secs) = input.get("timeout").and_then(Value::as_u64) {
        request = request.timeout(Duration::from_secs(secs.clamp(1, MAX_TIMEOUT_SECS)));
    }
    let repeat = if [
        reqwest::Method::GET,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ]
    .contains(&method)
    {
        Repeat::Safe
    } else {
        Repeat::Never
    };
    let peer = Peer {
        platform: "The server",
        check: "the server",
    };
    let reply = call::send(ctx.ws, request, repeat, peer).await?;
    if reply.status >= 400 {
        return Err(Error::ActionRefused {
            platform: "The server".into(),
            message: format!("it answered {} {}.", reply.status, reason(reply.status)),
        });
    }
    Ok(json!({"status": reply.status, "body": reply.body}))
}

/// The full URL `asked` names: a path (starting with `/`) below `base`, or an absolute URL on
/// the base's origin.
fn target(base: &str, asked: &str) -> Result<String> {
    if asked.starts_with('/') {
        return Ok(format!("{base}{asked}"));
    }
    let (Ok(base_url), Ok(url)) = (url::Url::parse(base), url::Url::parse(asked)) else {
        return Err(Error::InvalidInput(format!(
            "`{asked}` is neither a path (starting with /) nor a full URL."
        )));
    };
    if !crate::http::same_origin(&base_url, &url) {
        return Err(Error::InvalidInput(format!(
            "This connection sends its credential only to {}; `{asked}` is elsewhere. Use a path, or another HTTP connection for that server.",
            base_url.origin().ascii_serialization()
        )));
    }
    Ok(url.to_string())
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}
