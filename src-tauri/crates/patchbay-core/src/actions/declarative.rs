//! Actions a manifest declares as one request (`[actions.request]`): the path, query, headers
//! and body are rendered from the input, the connection's settings and its account by the one
//! template engine; the answer is mapped onto the declared output; errors become the manifest's
//! sentences. Bundled and user connectors run the same way.

use super::Ctx;
use super::call::{self, Peer, Repeat};
use crate::error::{Error, Result};
use crate::registry::manifest::{Action, ActionRequest, Encoding, Repeat as Declared};
use crate::registry::template::{self, RenderError};
use serde_json::{Map, Value, json};

fn refused(e: RenderError) -> Error {
    Error::InvalidInput(format!(
        "The request could not be built: {} ({}). Check the input, or the connector's manifest.",
        e.reason, e.path
    ))
}

/// What templates may read: the input, the connection's settings (secrets never) and its account.
fn context(ctx: &Ctx<'_>, input: &Value) -> Value {
    let c = ctx.c;
    let secret: Vec<&str> = ctx
        .m
        .config
        .iter()
        .filter(|f| f.kind == crate::registry::manifest::FieldKind::Secret)
        .map(|f| f.name.as_str())
        .collect();
    let config: Map<String, Value> = c
        .config
        .iter()
        .filter(|(k, _)| !secret.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    json!({
        "input": input,
        "config": config,
        "connection": {"id": c.id, "account_id": c.account_id, "account_handle": c.account_handle},
    })
}

/// Keeps letters, digits and `-._~`; everything else is percent-encoded.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The path with each `{{ … }}` replaced by its percent-encoded value.
fn path(text: &str, scope: &Value) -> Result<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("}}")
            .map(|e| start + e + 2)
            .unwrap_or(rest.len());
        let value = template::render_str(&rest[start..end], scope, "request.path")
            .map_err(refused)?
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "The request path needs `{}`, which the input does not give.",
                    rest[start..end].trim_matches(|c| c == '{' || c == '}' || c == ' ')
                ))
            })?;
        out.push_str(&encode(&template::as_text(&value)));
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Form fields from a rendered object; nested objects as `key[sub]`.
fn form_pairs(value: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}[{k}]")
                };
                form_pairs(v, &key, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                form_pairs(v, &format!("{prefix}[{i}]"), out);
            }
        }
        other => out.push((prefix.to_owned(), template::as_text(other))),
    }
}

fn multipart(ctx: &Ctx<'_>, body: &Value) -> Result<reqwest::multipart::Form> {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in body.as_object().into_iter().flatten() {
        form = match value.get("file").and_then(Value::as_str) {
            Some(asked) => {
                let real = crate::attachments::resolve(ctx.ws, asked)?;
                let bytes = std::fs::read(&real).map_err(|e| Error::Io {
                    path: real.clone(),
                    action: "read",
                    reason: e.to_string(),
                })?;
                let file_name = real
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "file".into());
                form.part(
                    name.clone(),
                    reqwest::multipart::Part::bytes(bytes).file_name(file_name),
                )
            }
            None => form.text(name.clone(), template::as_text(value)),
        };
    }
    Ok(form)
}

pub(super) async fn run(
    ctx: &Ctx<'_>,
    action: &Action,
    r: &ActionRequest,
    input: &Value,
) -> Result<Value> {
    let scope = context(ctx, input);
    let method = reqwest::Method::from_bytes(r.method.as_bytes())
        .map_err(|_| Error::InvalidInput(format!("`{}` is not an HTTP method.", r.method)))?;
    let mut request = ctx.request(method.clone(), &path(&r.path, &scope)?)?;
    let mut query = Vec::new();
    for (k, v) in &r.query {
        if let Some(v) =
            template::render(v, &scope, &format!("request.query.{k}")).map_err(refused)?
        {
            query.push((k.clone(), template::as_text(&v)));
        }
    }
    if !query.is_empty() {
        request = request.query(&query);
    }
    for (k, v) in &r.headers {
        if let Some(v) =
            template::render_str(v, &scope, &format!("request.headers.{k}")).map_err(refused)?
        {
            request = request.header(k.as_str(), template::as_text(&v));
        }
    }
    if let Some(header) = &r.idempotency_header {
        request = request.header(header.as_str(), ctx.idempotency_key());
    }
    let body = match &r.body {
        Some(b) => template::render(b, &scope, "request.body").map_err(refused)?,
        None => None,
    };
    request = match (r.encoding, body) {
        (Encoding::None, _) | (_, None) => request,
        (Encoding::Json, Some(b)) => request.json(&b),
        (Encoding::Form, Some(b)) => {
            let mut pairs = Vec::new();
            form_pairs(&b, "", &mut pairs);
            request.form(&pairs)
        }
        (Encoding::Multipart, Some(b)) => request.multipart(multipart(ctx, &b)?),
    };
    let repeat = match r.repeat {
        Some(Declared::Safe) => Repeat::Safe,
        Some(Declared::Never) => Repeat::Never,
        None if r.idempotency_header.is_some() => Repeat::Safe,
        None if [
            reqwest::Method::GET,
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
        ]
        .contains(&method) =>
        {
            Repeat::Safe
        }
        None => Repeat::Never,
    };
    let check = format!("your {} account", ctx.m.name);
    let peer = Peer {
        platform: &ctx.m.name,
        check: &check,
    };
    let reply = call::send(ctx.ws, request, repeat, peer).await?;
    if reply.status == 429 {
        return Err(call::rate_limited(&ctx.m.name, &reply));
    }
    if !reply.ok() {
        return Err(refusal(&ctx.m.name, r, &reply));
    }
    output(&ctx.m.name, action, r, &reply)
}

fn refusal(platform: &str, r: &ActionRequest, reply: &call::Reply) -> Error {
    let code = r
        .error_code
        .as_deref()
        .and_then(|p| reply.body.pointer(p))
        .map(template::as_text);
    let said = r
        .error_message
        .as_deref()
        .and_then(|p| reply.body.pointer(p))
        .and_then(Value::as_str);
    let status = reply.status.to_string();
    let sentence = code
        .as_deref()
        .and_then(|c| r.errors.get(c))
        .or_else(|| r.errors.get(&status))
        .cloned();
    let label = code.map_or(status.clone(), |c| format!("{status}, {c}"));
    let message = match (sentence, said) {
        (Some(s), _) => format!("{} ({label}).", s.trim_end_matches('.')),
        (None, Some(said)) => format!("{} ({label}).", said.trim_end_matches('.')),
        (None, None) => format!("it answered {label}."),
    };
    Error::ActionRefused {
        platform: platform.to_owned(),
        message,
    }
}

/// The `rel="next"` URL's query parameter `param`, from a Link header.
fn link_next(headers: &reqwest::header::HeaderMap, param: &str) -> Option<String> {
    let link = headers.get(reqwest::header::LINK)?.to_str().ok()?;
    let next = link.split(',').find(|part| part.contains("rel=\"next\""))?;
    let url = next
        .split(';')
        .next()?
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    let url = url::Url::parse(url).ok()?;
    url.query_pairs()
        .find(|(k, _)| k == param)
        .map(|(_, v)| v.into_owned())
}

fn output(
    platform: &str,
    action: &Action,
    r: &ActionRequest,
    reply: &call::Reply,
) -> Result<Value> {
    if r.output.is_empty() {
        return Ok(reply.body.clone());
    }
    let mut out = Map::new();
    for (field, source) in &r.output {
        let value = if let Some(name) = source.strip_prefix("header:") {
            reply
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| Value::String(v.to_owned()))
        } else if let Some(param) = source.strip_prefix("link:next:") {
            Some(link_next(&reply.headers, param).map_or(Value::Null, Value::String))
        } else {
            reply.body.pointer(source).cloned()
        };
        if let Some(v) = value {
            out.insert(field.clone(), v);
        }
    }
    let missing: Vec<&str> = action.output["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|f| !out.contains_key(*f))
        .collect();
    if !missing.is_empty() {
        return Err(Error::ActionFailed {
            platform: platform.to_owned(),
            message: format!(
                "its answer has no {} where the connector expects it.",
                missing.join(", ")
            ),
        });
    }
    Ok(Value::Object(out))
}
