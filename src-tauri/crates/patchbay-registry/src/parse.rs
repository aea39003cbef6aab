//! From TOML text to a `Manifest`, or the first structural problem with its exact path.
//! The TOML is read into a tree first (syntax errors carry line and column), then the tree is
//! deserialised with the path of every field tracked.

use super::manifest::Manifest;
use super::problem::ManifestProblem;

pub(crate) fn parse(file: &str, text: &str) -> Result<Manifest, ManifestProblem> {
    let problem = |path: String, reason: String| ManifestProblem {
        file: file.to_owned(),
        path,
        reason,
    };
    let tree: toml::Table = toml::from_str(text).map_err(|e| {
        let position = e
            .span()
            .map(|span| line_column(text, span.start))
            .map(|(line, col)| format!("line {line}, column {col}: "))
            .unwrap_or_default();
        problem(
            ".".to_owned(),
            format!("{position}not valid TOML: {}", e.message().trim()),
        )
    })?;
    let json = serde_json::to_value(tree)
        .map_err(|e| problem(".".to_owned(), format!("cannot be read: {e}")))?;
    serde_path_to_error::deserialize::<_, Manifest>(json).map_err(|e| {
        let (path, reason) = explain(&e.path().to_string(), &e.inner().to_string());
        problem(path, reason)
    })
}

/// Turns serde's wording into a path that names the field and a reason that reads well.
fn explain(path: &str, message: &str) -> (String, String) {
    let join = |field: &str| {
        if path == "." || path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        }
    };
    if let Some(field) = quoted_after(message, "missing field `") {
        return (join(field), "is required but missing".to_owned());
    }
    if let Some(field) = quoted_after(message, "unknown field `") {
        let expected = message.split_once(", expected").map(|(_, rest)| rest);
        let reason = match expected {
            Some(rest) => format!("is not a known field (expected{rest})"),
            None => "is not a known field".to_owned(),
        };
        // The path already ends at the unknown key.
        let at = if path.ends_with(field) {
            path.to_owned()
        } else {
            join(field)
        };
        return (at, reason);
    }
    let path = if path.is_empty() { "." } else { path };
    (path.to_owned(), message.to_owned())
}

fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split('`').next()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
