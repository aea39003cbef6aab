//! Tags on connections ("client: Acme"): a group an agency finds, filters, syncs, exports and
//! reports on together. A tag is compared without regard to case and keeps the spelling it was
//! first written with.

use super::model::ConnectionView;
use crate::error::{Error, Result};
use crate::store::tags as rows;
use crate::workspace::Workspace;
use serde::Serialize;
use ts_rs::TS;

/// The longest tag, in characters.
const MAX_LEN: usize = 40;
/// The most tags one connection carries.
const MAX_TAGS: usize = 20;

/// A tag in use and how many connections carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagCount {
    pub tag: String,
    pub connections: usize,
}

/// Trims and collapses spaces, refuses empty, overlong or control-character tags, drops
/// repeats, and reuses the spelling a tag already has in the workspace.
fn normalize(ws: &Workspace, tags: &[String]) -> Result<Vec<String>> {
    let known = rows::in_use(&ws.database().lock())?;
    let mut out: Vec<String> = Vec::new();
    for raw in tags {
        let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            return Err(Error::InvalidInput("A tag cannot be empty.".into()));
        }
        if tag.chars().count() > MAX_LEN || tag.chars().any(char::is_control) {
            return Err(Error::InvalidInput(format!(
                "“{tag}” cannot be a tag: keep tags to {MAX_LEN} characters of plain text."
            )));
        }
        let tag = known
            .keys()
            .find(|k| k.to_lowercase() == tag.to_lowercase())
            .cloned()
            .unwrap_or(tag);
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(Error::InvalidInput(format!(
            "A connection carries at most {MAX_TAGS} tags."
        )));
    }
    out.sort();
    Ok(out)
}

/// Replaces a connection's tags.
pub fn set(ws: &Workspace, id: &str, tags: &[String]) -> Result<ConnectionView> {
    let connection = crate::store::connections::require(&ws.database().lock(), id)?;
    let tags = normalize(ws, tags)?;
    ws.database().transaction(|tx| rows::set(tx, id, &tags))?;
    // The row is as it was; its view reads the new tags.
    super::view::view(ws, connection)
}

/// Adds `add` and takes away `remove` (either may be empty).
pub fn change(
    ws: &Workspace,
    id: &str,
    add: &[String],
    remove: &[String],
) -> Result<ConnectionView> {
    let current = rows::of(&ws.database().lock(), id)?;
    let gone: Vec<String> = remove.iter().map(|t| t.trim().to_lowercase()).collect();
    let mut next: Vec<String> = current
        .into_iter()
        .filter(|t| !gone.contains(&t.to_lowercase()))
        .collect();
    next.extend(add.iter().cloned());
    set(ws, id, &next)
}

/// Every tag in use, with how many connections carry it.
pub fn in_use(ws: &Workspace) -> Result<Vec<TagCount>> {
    Ok(rows::in_use(&ws.database().lock())?
        .into_iter()
        .map(|(tag, connections)| TagCount { tag, connections })
        .collect())
}

/// The connections carrying `tag`; a tag nobody carries is an error that lists those in use.
pub fn tagged(ws: &Workspace, tag: &str) -> Result<Vec<String>> {
    let ids = rows::tagged(&ws.database().lock(), tag.trim())?;
    if ids.is_empty() {
        let known: Vec<String> = in_use(ws)?.into_iter().map(|t| t.tag).collect();
        return Err(Error::InvalidInput(if known.is_empty() {
            format!(
                "No connection is tagged “{}”, and no tags are in use yet. Add one with `patchbay connections tag ID --add \"client: Acme\"` or in Connections.",
                tag.trim()
            )
        } else {
            format!(
                "No connection is tagged “{}”. Tags in use: {}.",
                tag.trim(),
                known.join(", ")
            )
        }));
    }
    Ok(ids)
}

/// Whether a connection's tags include `tag` (without regard to case).
pub fn carries(view: &ConnectionView, tag: &str) -> bool {
    let tag = tag.trim().to_lowercase();
    view.tags.iter().any(|t| t.to_lowercase() == tag)
}
