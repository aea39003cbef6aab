//! The folders email attachments may come from: `<data dir>/attachments/`, always, and folders
//! the user added (Settings → Attachments, `patchbay attachments add`). A path anywhere else is
//! refused, so an action's input (typed by hand, or filled in by a workflow) cannot mail out
//! `~/.ssh` or the vault.

use crate::error::{Error, Result};
use crate::store::settings;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// The folder inside the data directory that is always allowed.
pub const ATTACHMENTS: &str = "attachments";
const KEY: &str = "attachments.folders";

/// The folders the user added, as stored (absolute, resolved).
pub fn added(ws: &Workspace) -> Result<Vec<String>> {
    Ok(settings::get_in(ws.database(), KEY)?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Every allowed folder, the workspace's own first (created when missing, so a file can be
/// copied there).
pub fn allowed(ws: &Workspace) -> Result<Vec<PathBuf>> {
    let own = ws.data_dir().join(ATTACHMENTS);
    let _ = std::fs::create_dir_all(&own);
    let mut all = vec![own];
    all.extend(added(ws)?.into_iter().map(PathBuf::from));
    Ok(all)
}

/// Adds a folder; it must exist. Answers the list.
pub fn add(ws: &Workspace, folder: &str) -> Result<Vec<String>> {
    let path = Path::new(folder);
    if !path.is_absolute() {
        return Err(Error::InvalidInput(format!(
            "`{folder}` is not a full path. Give the folder's whole path, e.g. /home/you/Invoices."
        )));
    }
    let real = path
        .canonicalize()
        .ok()
        .filter(|p| p.is_dir())
        .ok_or_else(|| Error::InvalidInput(format!("There is no folder at {folder}.")))?;
    if real == Path::new("/")
        || ws
            .data_dir()
            .canonicalize()
            .is_ok_and(|d| d.starts_with(&real))
    {
        return Err(Error::InvalidInput(format!(
            "{} holds Patchbay's own data (or everything); choose a folder of documents instead.",
            real.display()
        )));
    }
    let mut list = added(ws)?;
    let shown = real.display().to_string();
    if !list.contains(&shown) {
        list.push(shown);
    }
    save(ws, &list)?;
    Ok(list)
}

/// Removes a folder from the list. Answers the list.
pub fn remove(ws: &Workspace, folder: &str) -> Result<Vec<String>> {
    let mut list = added(ws)?;
    list.retain(|f| f != folder.trim_end_matches('/'));
    save(ws, &list)?;
    Ok(list)
}

fn save(ws: &Workspace, list: &[String]) -> Result<()> {
    let text = serde_json::to_string(list).map_err(|e| Error::InvalidInput(e.to_string()))?;
    settings::set_in(ws.database(), KEY, &text)
}

/// The file `asked` names, when it lies inside an allowed folder: a relative path is read
/// below the workspace's own folder. Any other path is refused with the allowed folders named.
pub fn resolve(ws: &Workspace, asked: &str) -> Result<PathBuf> {
    let folders = allowed(ws)?;
    let refused = || Error::AttachmentNotAllowed {
        path: asked.to_owned(),
        folder: folders
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(" or "),
    };
    let path = PathBuf::from(asked);
    let path = if path.is_absolute() {
        path
    } else {
        folders[0].join(path)
    };
    let real = path.canonicalize().map_err(|_| refused())?;
    let inside = folders
        .iter()
        .filter_map(|f| f.canonicalize().ok())
        .any(|root| real.starts_with(root));
    if inside && real.is_file() {
        Ok(real)
    } else {
        Err(refused())
    }
}
