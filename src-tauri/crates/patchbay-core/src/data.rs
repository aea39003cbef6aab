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
    let dir = crate::exports::dir(ws).join(id);
    export_to(ws, id, &dir)?;
    Ok(dir)
}

/// Writes every connection's history into `dir/<connection>/`; answers the folders written.
pub fn export_all(ws: &Workspace, dir: &Path, tag: Option<&str>) -> Result<Vec<PathBuf>> {
    if let Some(tag) = tag {
        // A tag nobody carries is an error naming the tags in use, not an empty folder.
        crate::connections::tags::tagged(ws, tag)?;
    }
    let filter = crate::connections::ConnectionFilter {
        tag: tag.map(str::to_owned),
        ..Default::default()
    };
    let mut out = Vec::new();
    for c in crate::connections::list(ws, &filter)? {
        let folder = dir.join(&c.id);
        export_to(ws, &c.id, &folder)?;
        out.push(folder);
    }
    Ok(out)
}

/// The window's "Export everything": `<data dir>/exports/workspace/`.
pub fn export_workspace(ws: &Workspace) -> Result<PathBuf> {
    let dir = crate::exports::dir(ws).join("workspace");
    export_all(ws, &dir, None)?;
    Ok(dir)
}

/// Saves a chart as SVG, or PNG when `png`, into `<data dir>/exports/charts/`; answers the file.
pub fn save_chart(
    ws: &Workspace,
    kind: crate::charts::ChartKind,
    ids: &[String],
    days: i64,
    theme: crate::charts::Theme,
    utc_offset: i32,
    png: bool,
) -> Result<PathBuf> {
    let chart = crate::charts::render(ws.database(), kind, ids, days, theme, utc_offset)?;
    let dir = crate::exports::dir(ws).join("charts");
    let name = format!(
        "{}-{}-{days}d.{}",
        format!("{kind:?}").to_lowercase(),
        ids.join("+"),
        if png { "png" } else { "svg" }
    );
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "+-._".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let bytes = if png {
        chart.png(2).map_err(|e| {
            crate::error::Error::InvalidInput(format!("The chart could not be drawn as PNG ({e})."))
        })?
    } else {
        chart.svg().into_bytes()
    };
    crate::exports::write_into(&dir, &safe, &bytes)
}

/// Deletes everything synced from the connection, thumbnails included; its settings stay.
pub fn delete(ws: &Workspace, id: &str) -> Result<()> {
    crate::media::delete(ws, id)?;
    export::delete_data(ws.database(), id)
}
