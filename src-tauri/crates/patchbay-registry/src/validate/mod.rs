//! The rules a manifest must follow beyond its shape. Every broken rule is reported, not just
//! the first, each with its field path.

mod api;
mod config;
mod listing;
mod request;

use super::manifest::Manifest;
use super::problem::Problems;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

pub(crate) fn validate(manifest: &Manifest, problems: &mut Problems<'_>) {
    listing::check(manifest, problems);
    config::check_fields(manifest, problems);
    config::check_auth(manifest, problems);
    api::check(manifest, problems);
}

static KEBAB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$").expect("valid regex"));
static SNAKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z][a-z0-9_]*$").expect("valid regex"));
static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([^{}]*)\}").expect("valid regex"));

pub(crate) fn is_kebab(s: &str) -> bool {
    KEBAB.is_match(s)
}

pub(crate) fn is_snake(s: &str) -> bool {
    SNAKE.is_match(s)
}

/// Reports an empty string at `path`.
fn require_text(problems: &mut Problems<'_>, path: &str, value: &str) {
    if value.trim().is_empty() {
        problems.add(path, "must not be empty");
    }
}

/// Reports every name that appears twice in `names`.
fn require_unique<'a>(
    problems: &mut Problems<'_>,
    path: &str,
    what: &str,
    names: impl IntoIterator<Item = &'a str>,
) {
    let mut seen = HashSet::new();
    for (index, name) in names.into_iter().enumerate() {
        if !seen.insert(name) {
            problems.add(
                format!("{path}[{index}]"),
                format!("duplicate {what} `{name}`"),
            );
        }
    }
}

/// The names inside `{...}` placeholders of a template such as `https://{shop}.myshopify.com`.
pub fn placeholders(template: &str) -> Vec<&str> {
    PLACEHOLDER
        .captures_iter(template)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect()
}

/// An absolute URL over https (or http to this machine, for local servers). `{field}`
/// placeholders must name config fields; a URL that is one whole placeholder comes from a
/// url-kind field and is checked when the config is.
fn require_url(problems: &mut Problems<'_>, path: &str, value: &str, fields: &HashSet<&str>) {
    if let [whole] = placeholders(value).as_slice()
        && value == format!("{{{whole}}}")
        && fields.contains(whole)
    {
        return;
    }
    for name in placeholders(value) {
        if !fields.contains(name) {
            problems.add(
                path,
                format!("the placeholder {{{name}}} does not name a config field"),
            );
        }
    }
    let concrete = PLACEHOLDER.replace_all(value, "placeholder");
    match url::Url::parse(&concrete) {
        Err(e) => problems.add(path, format!("`{value}` is not a valid URL ({e})")),
        Ok(url) => {
            let local = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
            let secure = url.scheme() == "https" || (url.scheme() == "http" && local);
            if !secure {
                problems.add(
                    path,
                    format!("`{value}` must use https (http is allowed only for 127.0.0.1 and localhost)"),
                );
            }
        }
    }
}

fn config_names(manifest: &Manifest) -> HashSet<&str> {
    manifest.config.iter().map(|f| f.name.as_str()).collect()
}
