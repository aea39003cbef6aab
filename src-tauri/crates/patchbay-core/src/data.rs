//! A connection's history as the user takes it away or deletes it: the tables, and the
//! thumbnails kept beside them.

use crate::analytics::export;
use crate::error::Result;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// Writes the connection's CSV and JSON files and its thumbnails into `dir`; answers the files.
pub fn export_to(ws: &Workspace, id: &str, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = export::export(ws.database(), id, dir)?;
    if crate::media::export(ws, id, dir)? > 0 {
        files.push(dir.join("thumbnails"));
    }
    Ok(files)
}

/// The export folder the window uses: `<data dir>/exports/<connection>/`.
pub fn export_default(ws: &Workspace, id: &str) -> Result<PathBuf> {
    let dir = ws.data_dir().join("exports").join(id);
    export_to(ws, id, &dir)?;
    Ok(dir)
}

/// Deletes everything synced from the connection, thumbnails included; its settings stay.
pub fn delete(ws: &Workspace, id: &str) -> Result<()> {
    crate::media::delete(ws, id)?;
    export::delete_data(ws.database(), id)
}
