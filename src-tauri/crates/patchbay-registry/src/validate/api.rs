//! The API section: base URL, verify request, rate limits, actions and streams.

use super::{
    Problems, config_names, is_snake, placeholders, require_text, require_unique, require_url,
};
use crate::manifest::Manifest;
use serde_json::Value;

pub(super) fn check(m: &Manifest, p: &mut Problems<'_>) {
    let names = config_names(m);
    if let Some(api) = &m.api {
        require_url(p, "api.base_url", &api.base_url, &names);
        for (section, map) in [("api.headers", &api.headers), ("api.query", &api.query)] {
            for (key, value) in map {
                for name in placeholders(value) {
                    if !names.contains(name) {
                        p.add(
                            format!("{section}.{key}"),
                            format!("the placeholder {{{name}}} does not name a config field"),
                        );
                    }
                }
            }
        }
    }
    if let Some(verify) = &m.verify {
        if m.api.is_none() {
            p.add(
                "verify",
                "a verify request needs an [api] section with base_url",
            );
        }
        let method = verify.method.as_str();
        if !matches!(method, "GET" | "POST" | "HEAD") {
            p.add(
                "verify.method",
                format!("`{method}` must be GET, POST or HEAD"),
            );
        }
        if !verify.path.starts_with('/') && !verify.path.starts_with('{') {
            p.add(
                "verify.path",
                format!(
                    "`{}` must start with / (or be a {{field}} placeholder)",
                    verify.path
                ),
            );
        }
        let templates =
            std::iter::once(verify.path.as_str()).chain(verify.query.values().map(String::as_str));
        for name in templates.flat_map(placeholders) {
            if !names.contains(name) {
                p.add(
                    "verify",
                    format!("the placeholder {{{name}}} does not name a config field"),
                );
            }
        }
        let rule = &verify.success;
        if rule.status.is_empty() {
            p.add(
                "verify.success.status",
                "must list at least one HTTP status",
            );
        }
        for (i, status) in rule.status.iter().enumerate() {
            if !(100..=599).contains(status) {
                p.add(
                    format!("verify.success.status[{i}]"),
                    format!("{status} is not an HTTP status"),
                );
            }
        }
        if rule.json_pointer.is_some() != rule.equals.is_some() {
            p.add(
                "verify.success",
                "json_pointer and equals go together: give both or neither",
            );
        }
        let pointers = [
            ("verify.success.json_pointer", rule.json_pointer.as_deref()),
            (
                "verify.success.error_pointer",
                rule.error_pointer.as_deref(),
            ),
            (
                "verify.identity.id",
                verify.identity.as_ref().map(|i| i.id.as_str()),
            ),
            (
                "verify.identity.handle",
                verify.identity.as_ref().and_then(|i| i.handle.as_deref()),
            ),
        ];
        for (path, pointer) in pointers {
            if let Some(pointer) = pointer
                && !pointer.starts_with('/')
            {
                p.add(
                    path,
                    format!("`{pointer}` is not a JSON pointer (it must start with /)"),
                );
            }
        }
        for (key, message) in &verify.messages {
            require_text(p, &format!("verify.messages.{key}"), message);
        }
    }
    for (i, limit) in m.rate_limits.iter().enumerate() {
        let path = format!("rate_limits[{i}]");
        require_text(p, &format!("{path}.scope"), &limit.scope);
        if limit.limit == 0 {
            p.add(format!("{path}.limit"), "must be greater than 0");
        }
        if crate::window_seconds(&limit.window).is_none() {
            p.add(
                format!("{path}.window"),
                format!(
                    "`{}` is not a window such as 1s, 15m, 24h or 1d",
                    limit.window
                ),
            );
        }
    }
    for (i, action) in m.actions.iter().enumerate() {
        let path = format!("actions[{i}]");
        if !is_snake(&action.name) {
            p.add(
                format!("{path}.name"),
                format!("`{}` is not a snake_case action name", action.name),
            );
        }
        require_text(p, &format!("{path}.description"), &action.description);
        check_schema(p, &format!("{path}.input"), &action.input);
        check_schema(p, &format!("{path}.output"), &action.output);
        if let Some(request) = &action.request {
            super::request::check(m, action, request, &format!("{path}.request"), p);
        }
    }
    require_unique(
        p,
        "actions",
        "action name",
        m.actions.iter().map(|a| a.name.as_str()),
    );
    if !m.streams.is_empty() && m.api.is_none() {
        p.add(
            "streams",
            "sync streams need an [api] section with base_url",
        );
    }
    for (i, stream) in m.streams.iter().enumerate() {
        let path = format!("streams[{i}]");
        require_text(p, &format!("{path}.endpoint"), &stream.endpoint);
        require_text(p, &format!("{path}.description"), &stream.description);
        match &stream.records {
            None if !matches!(stream.name.as_str(), "profile" | "posts" | "insights") => p.add(
                format!("{path}.name"),
                format!("`{}` is not a built-in stream (profile, posts, insights); a stream of your own needs a [streams.records] section", stream.name),
            ),
            None => {}
            Some(r) => super::request::check_records(m, stream, r, &path, p),
        }
    }
    require_unique(
        p,
        "streams",
        "stream",
        m.streams.iter().map(|s| s.name.as_str()),
    );
}

/// An action's input or output must be an object that is itself a valid JSON Schema.
fn check_schema(p: &mut Problems<'_>, path: &str, schema: &Value) {
    if !schema.is_object() {
        p.add(path, "must be a JSON Schema object");
        return;
    }
    if let Err(e) = jsonschema::meta::validate(schema) {
        let at = e.instance_path().to_string();
        let location = if at.is_empty() {
            String::new()
        } else {
            format!(" at {at}")
        };
        p.add(path, format!("is not a valid JSON Schema{location}: {e}"));
    }
}
