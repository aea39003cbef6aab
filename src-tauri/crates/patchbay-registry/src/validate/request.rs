//! Declarative action requests: the method, a path below the API, templates that parse and
//! read only what exists (the action's input properties, the connection's non-secret settings,
//! its account), an output mapping onto declared output properties, and error pointers.

use super::Problems;
use crate::manifest::{Action, ActionRequest, FieldKind, Manifest, Paging, RecordStream, Stream};
use crate::template;
use serde_json::Value;

/// The names a template may read, below its root.
fn readable(m: &Manifest, action: &Action, name: &str) -> Result<(), String> {
    let mut parts = name.split('.');
    let root = parts.next().unwrap_or_default();
    let field = parts.next();
    match (root, field) {
        ("input", None) | ("config", None) | ("connection", None) => Ok(()),
        ("input", Some(f)) => {
            let known = action.input["properties"].get(f).is_some();
            if known {
                Ok(())
            } else {
                Err(format!(
                    "`input.{f}` is not a property of the action's input"
                ))
            }
        }
        ("config", Some(f)) => match m.config.iter().find(|c| c.name == f) {
            Some(c) if c.kind == FieldKind::Secret => Err(format!(
                "`config.{f}` is a secret; secrets reach requests only through [auth]"
            )),
            Some(_) => Ok(()),
            None => Err(format!("`config.{f}` is not a config field")),
        },
        ("connection", Some("id" | "account_id" | "account_handle")) => Ok(()),
        ("connection", Some(f)) => Err(format!(
            "`connection.{f}` is unknown (id, account_id or account_handle)"
        )),
        (other, _) => Err(format!(
            "`{other}` is unknown; templates read input, config and connection"
        )),
    }
}

pub(super) fn check(
    m: &Manifest,
    action: &Action,
    r: &ActionRequest,
    path: &str,
    p: &mut Problems<'_>,
) {
    if !matches!(
        r.method.as_str(),
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
    ) {
        p.add(
            format!("{path}.method"),
            format!("`{}` must be GET, POST, PUT, PATCH or DELETE", r.method),
        );
    }
    if !r.path.starts_with('/') {
        p.add(
            format!("{path}.path"),
            format!("`{}` must start with /", r.path),
        );
    }
    if m.api.is_none() {
        p.add(path, "a request needs an [api] section with base_url");
    }
    let mut templates: Vec<(String, &str)> = vec![(format!("{path}.path"), r.path.as_str())];
    for (k, v) in &r.headers {
        templates.push((format!("{path}.headers.{k}"), v.as_str()));
    }
    let query = Value::Object(r.query.clone().into_iter().collect());
    template::strings(&query, &format!("{path}.query"), &mut templates);
    if let Some(body) = &r.body {
        template::strings(body, &format!("{path}.body"), &mut templates);
    }
    for (at, text) in templates {
        match template::names(text) {
            Err(e) => p.add(at, format!("the template does not parse: {e}")),
            Ok(names) => {
                for name in names {
                    if let Err(why) = readable(m, action, &name) {
                        p.add(at.clone(), why);
                    }
                }
            }
        }
    }
    let declared = &action.output["properties"];
    for (field, source) in &r.output {
        if declared.get(field).is_none() {
            p.add(
                format!("{path}.output.{field}"),
                format!("`{field}` is not a property of the action's output"),
            );
        }
        let fine = source.starts_with('/')
            || source.starts_with("header:")
            || source.starts_with("link:next:")
            || source.is_empty();
        if !fine {
            p.add(
                format!("{path}.output.{field}"),
                format!("`{source}` must be a JSON pointer (/id), header:Name or link:next:param"),
            );
        }
    }
    for required in action.output["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !r.output.contains_key(required) {
            p.add(
                format!("{path}.output"),
                format!("the required output `{required}` is not mapped from the answer"),
            );
        }
    }
    for (at, pointer) in [
        ("error_code", &r.error_code),
        ("error_message", &r.error_message),
    ] {
        if pointer.as_deref().is_some_and(|s| !s.starts_with('/')) {
            p.add(
                format!("{path}.{at}"),
                "must be a JSON pointer starting with /",
            );
        }
    }
}

/// A list stream: snake_case name, a path below the API, pointers where pointers go, query
/// templates that read only non-secret settings.
pub(super) fn check_records(
    m: &Manifest,
    stream: &Stream,
    r: &RecordStream,
    path: &str,
    p: &mut Problems<'_>,
) {
    if !super::is_snake(&stream.name) {
        p.add(
            format!("{path}.name"),
            format!("`{}` is not a snake_case stream name", stream.name),
        );
    }
    if !stream.endpoint.starts_with('/') {
        p.add(
            format!("{path}.endpoint"),
            format!("`{}` must start with /", stream.endpoint),
        );
    }
    let pointer = |p: &mut Problems<'_>, at: String, value: &str, empty_ok: bool| {
        if !(value.starts_with('/') || (empty_ok && value.is_empty())) {
            p.add(
                at,
                format!("`{value}` must be a JSON pointer starting with /"),
            );
        }
    };
    pointer(p, format!("{path}.records.items"), &r.items, true);
    pointer(p, format!("{path}.records.id"), &r.id, false);
    if r.fields.is_empty() {
        p.add(
            format!("{path}.records.fields"),
            "name at least one field to keep",
        );
    }
    for (name, at) in &r.fields {
        pointer(p, format!("{path}.records.fields.{name}"), at, false);
    }
    if let Paging::Cursor { next, .. } = &r.paging {
        pointer(p, format!("{path}.records.paging.next"), next, false);
    }
    if let Some(since) = &r.since {
        pointer(
            p,
            format!("{path}.records.since.field"),
            &since.field,
            false,
        );
    }
    let query = Value::Object(r.query.clone().into_iter().collect());
    let mut templates = Vec::new();
    template::strings(&query, &format!("{path}.records.query"), &mut templates);
    for (at, text) in templates {
        match template::names(text) {
            Err(e) => p.add(at, format!("the template does not parse: {e}")),
            Ok(names) => {
                for name in names {
                    let ok = name == "config"
                        || name.strip_prefix("config.").is_some_and(|f| {
                            m.config
                                .iter()
                                .any(|c| c.name == f && c.kind != FieldKind::Secret)
                        });
                    if !ok {
                        p.add(at.clone(), format!("`{name}` is not a non-secret config field; list queries read only config"));
                    }
                }
            }
        }
    }
    if m.api.is_none() {
        p.add(path, "a list stream needs an [api] section with base_url");
    }
}
