//! The one template engine: MiniJinja in strict mode, used by declarative actions (and by
//! workflows). A value that is exactly one `{{ … }}` keeps its type (a number stays a number,
//! a list stays a list); anything else renders to text. A name that does not resolve fails
//! with the name, never an empty string, except a whole-value expression whose value is simply
//! absent (an optional input left out), which the caller drops.

use minijinja::{Environment, UndefinedBehavior, Value as Jinja};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::sync::LazyLock;

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env
});

/// Whether `text` holds template syntax at all.
pub fn is_template(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// The expression of a value that is exactly one `{{ … }}`, if it is one (an expression may
/// itself hold `}}`, as in a list of dicts, so the test is whether the inside parses).
fn sole_expression(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    balanced(inner).then_some(inner)
}

/// Whether every `{` in `expr` outside string literals is closed by a `}` and none closes
/// what it did not open: then the text is one expression, not several `{{ … }}` in a row.
fn balanced(expr: &str) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in expr.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '{' => depth += 1,
                '}' if depth == 0 => return false,
                '}' => depth -= 1,
                _ => {}
            },
        }
    }
    depth == 0 && quote.is_none()
}

/// The dotted names a template reads (`input.email`, `config.list_id`), or why it does not
/// parse.
pub fn names(text: &str) -> Result<BTreeSet<String>, String> {
    if let Some(expr) = sole_expression(text) {
        let e = ENV.compile_expression(expr).map_err(|e| e.to_string())?;
        return Ok(e.undeclared_variables(true).into_iter().collect());
    }
    let t = ENV.template_from_str(text).map_err(|e| e.to_string())?;
    Ok(t.undeclared_variables(true).into_iter().collect())
}

/// Every template string inside `value`, with its path (`body.properties.Name`).
pub fn strings<'v>(value: &'v Value, path: &str, out: &mut Vec<(String, &'v str)>) {
    match value {
        Value::String(s) if is_template(s) => out.push((path.to_owned(), s)),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings(v, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                strings(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// A rendering failure: where, and what the engine said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub path: String,
    pub reason: String,
}

fn failed(path: &str, e: &minijinja::Error) -> RenderError {
    let mut reason = e.kind().to_string();
    if let Some(detail) = e.detail() {
        reason = format!("{reason}: {detail}");
    }
    RenderError {
        path: path.to_owned(),
        reason,
    }
}

/// The first name `text` reads that `ctx` does not hold, as `a.b.c`.
fn missing(text: &str, ctx: &Value) -> Option<String> {
    names(text).ok()?.into_iter().find(|name| {
        let pointer = format!("/{}", name.replace('.', "/"));
        ctx.pointer(&pointer).is_none_or(Value::is_null)
    })
}

/// A failure that names what was missing when a name did not resolve.
fn explained(text: &str, ctx: &Value, path: &str, e: &minijinja::Error) -> RenderError {
    match (e.kind(), missing(text, ctx)) {
        (minijinja::ErrorKind::UndefinedError, Some(name)) => RenderError {
            path: path.to_owned(),
            reason: format!("`{name}` is not there"),
        },
        _ => failed(path, e),
    }
}

/// One string: `Some(value)` (typed when it is a sole expression), `None` when it is a sole
/// expression whose value is absent.
pub fn render_str(text: &str, ctx: &Value, path: &str) -> Result<Option<Value>, RenderError> {
    render_str_as(text, ctx, path, false)
}

/// `render_str` where an absent value is an error naming it too (workflows: a step's output
/// that is not there is a mistake, not an optional field).
pub fn render_str_strict(
    text: &str,
    ctx: &Value,
    path: &str,
) -> Result<Option<Value>, RenderError> {
    render_str_as(text, ctx, path, true)
}

fn render_str_as(
    text: &str,
    ctx: &Value,
    path: &str,
    strict: bool,
) -> Result<Option<Value>, RenderError> {
    if !is_template(text) {
        return Ok(Some(Value::String(text.to_owned())));
    }
    let json = ctx;
    let ctx = Jinja::from_serialize(ctx);
    if let Some(expr) = sole_expression(text) {
        let e = ENV.compile_expression(expr).map_err(|e| failed(path, &e))?;
        let v = e.eval(ctx).map_err(|e| explained(text, json, path, &e))?;
        if v.is_undefined() && strict {
            return Err(RenderError {
                path: path.to_owned(),
                reason: missing(text, json).map_or_else(
                    || "a value that is not there".into(),
                    |n| format!("`{n}` is not there"),
                ),
            });
        }
        if v.is_undefined() || v.is_none() {
            return Ok(None);
        }
        return serde_json::to_value(&v).map(Some).map_err(|e| RenderError {
            path: path.to_owned(),
            reason: e.to_string(),
        });
    }
    ENV.render_str(text, ctx)
        .map(|s| Some(Value::String(s)))
        .map_err(|e| explained(text, json, path, &e))
}

/// A whole JSON value: every string rendered; keys and items whose sole expression is absent
/// are dropped.
pub fn render(value: &Value, ctx: &Value, path: &str) -> Result<Option<Value>, RenderError> {
    render_as(value, ctx, path, false)
}

/// `render` where nothing may be absent (see `render_str_strict`).
pub fn render_strict(value: &Value, ctx: &Value, path: &str) -> Result<Option<Value>, RenderError> {
    render_as(value, ctx, path, true)
}

fn render_as(
    value: &Value,
    ctx: &Value,
    path: &str,
    strict: bool,
) -> Result<Option<Value>, RenderError> {
    Ok(Some(match value {
        Value::String(s) => return render_str_as(s, ctx, path, strict),
        Value::Array(items) => {
            let mut out = Vec::new();
            for (i, v) in items.iter().enumerate() {
                if let Some(v) = render_as(v, ctx, &format!("{path}[{i}]"), strict)? {
                    out.push(v);
                }
            }
            Value::Array(out)
        }
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                if let Some(v) = render_as(v, ctx, &format!("{path}.{k}"), strict)? {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }))
}

/// A value as text for a URL or a header: strings as they are, anything else as JSON.
pub fn as_text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_sole_expression_keeps_its_type_and_an_absent_one_is_dropped() {
        let ctx = json!({"input": {"n": 3, "tags": ["a"], "name": "Jo"}});
        let body = json!({"n": "{{ input.n }}", "tags": "{{ input.tags }}", "note": "{{ input.note }}",
            "greeting": "Hi {{ input.name }}!", "fixed": 7});
        let out = render(&body, &ctx, "body").unwrap().unwrap();
        assert_eq!(
            out,
            json!({"n": 3, "tags": ["a"], "greeting": "Hi Jo!", "fixed": 7})
        );
    }

    #[test]
    fn a_missing_name_inside_text_fails_with_its_path() {
        let err =
            render_str("Hi {{ input.nobody }}", &json!({"input": {}}), "body.text").unwrap_err();
        assert_eq!(err.path, "body.text");
        assert_eq!(err.reason, "`input.nobody` is not there");
    }

    #[test]
    fn a_sole_expression_may_hold_nested_dicts() {
        let ctx = json!({"input": {"content": "x"}});
        let out = render_str(
            "{{ [{'t': {'c': input.content}}] if input.content is defined else none }}",
            &ctx,
            "p",
        );
        assert_eq!(out.unwrap(), Some(json!([{"t": {"c": "x"}}])));
        let out = render_str(
            "{{ [{'t': {'c': input.content}}] if input.content is defined else none }}",
            &json!({"input": {}}),
            "p",
        );
        assert_eq!(out.unwrap(), None);
    }

    #[test]
    fn in_strict_rendering_an_absent_value_is_named() {
        let ctx = json!({"fetch": {"data": {"email": "a@b.c"}}});
        let err =
            render_strict(&json!({"to": ["{{ fetch.data.mail }}"]}), &ctx, "input").unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.reason.as_str()),
            ("input.to[0]", "`fetch.data.mail` is not there")
        );
        let ok = render_strict(&json!({"to": ["{{ fetch.data.email }}"]}), &ctx, "input").unwrap();
        assert_eq!(ok, Some(json!({"to": ["a@b.c"]})));
    }

    #[test]
    fn broken_templates_are_errors_never_panics() {
        let ctx = json!({"input": {}});
        for text in [
            "{{",
            "}}",
            "{{}}",
            "{{ {{ }} }}",
            "{{ '}}' }}",
            "{% if %}",
            "{{ a }}}}",
            "{{{{",
            "{{ { }}",
            "{{ } }}",
            "{{ \"\\\" }}",
            "{{ [ }}",
        ] {
            let _ = names(text);
            let _ = render_str(text, &ctx, "p");
        }
    }

    #[test]
    fn names_lists_what_a_template_reads() {
        let n = names("{{ input.a }} and {{ config.b | upper }}").unwrap();
        assert!(n.contains("input.a") && n.contains("config.b"), "{n:?}");
        assert!(names("{{ input.a ").is_err());
    }
}
