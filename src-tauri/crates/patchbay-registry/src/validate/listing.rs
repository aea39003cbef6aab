//! Identity and listing: id, names, tags, links and the brand colour.

use super::{Problems, is_kebab, is_snake, require_text, require_unique, require_url};
use crate::manifest::Manifest;
use std::collections::HashSet;

const SUMMARY_MAX: usize = 140;

pub(super) fn check(m: &Manifest, p: &mut Problems<'_>) {
    if !is_kebab(&m.id) || m.id.len() > 64 {
        p.add(
            "id",
            format!("`{}` is not a kebab-case id (lowercase letters, digits and single dashes, at most 64 characters)", m.id),
        );
    }
    require_text(p, "name", &m.name);
    require_text(p, "summary", &m.summary);
    if m.summary.chars().count() > SUMMARY_MAX {
        p.add(
            "summary",
            format!(
                "is {} characters long; keep it to {SUMMARY_MAX} so it fits a card",
                m.summary.chars().count()
            ),
        );
    }
    require_text(p, "description", &m.description);
    require_text(p, "publisher", &m.publisher);
    require_url(p, "docs_url", &m.docs_url, &HashSet::new());
    for (i, tag) in m.tags.iter().enumerate() {
        if !is_kebab(tag) {
            p.add(
                format!("tags[{i}]"),
                format!("`{tag}` is not a lowercase kebab-case tag"),
            );
        }
    }
    require_unique(p, "tags", "tag", m.tags.iter().map(String::as_str));
    if let Some(color) = &m.color {
        let ok = color.len() == 7
            && color.starts_with('#')
            && color[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            p.add(
                "color",
                format!("`{color}` is not a colour of the form #rrggbb"),
            );
        }
    }
    for (i, cap) in m.capabilities.iter().enumerate() {
        if !is_snake(cap) {
            p.add(
                format!("capabilities[{i}]"),
                format!("`{cap}` is not a snake_case capability name"),
            );
        }
    }
    require_unique(
        p,
        "capabilities",
        "capability",
        m.capabilities.iter().map(String::as_str),
    );
    for (i, step) in m.setup.iter().enumerate() {
        require_text(p, &format!("setup[{i}].title"), &step.title);
        require_text(p, &format!("setup[{i}].body"), &step.body);
        if let Some(url) = &step.url {
            require_url(p, &format!("setup[{i}].url"), url, &HashSet::new());
        }
    }
}
