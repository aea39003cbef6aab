//! Export: a connection's posts, snapshots and overview as CSV and JSON files, and the
//! retention rules that trim old history.

use super::{overview, top_posts};
use patchbay_store::Database;
use patchbay_store::reads;
use patchbay_types::error::{Error, Result};
use std::path::{Path, PathBuf};

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        action: "written",
        reason: e.to_string(),
    }
}

/// Writes `posts.csv`, `posts.json`, `snapshots.csv` and `overview.json` into `dir`.
pub fn export(db: &Database, id: &str, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let posts = top_posts(db, id, 36_500, 0)?;
    let mut written = Vec::new();

    let path = dir.join("posts.csv");
    let mut w = csv::Writer::from_path(&path).map_err(|e| io(&path, e))?;
    for p in &posts {
        w.serialize(p).map_err(|e| io(&path, e))?;
    }
    w.flush().map_err(|e| io(&path, e))?;
    written.push(path);

    let path = dir.join("posts.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&posts).unwrap_or_default())
        .map_err(|e| io(&path, e))?;
    written.push(path);

    let path = dir.join("snapshots.csv");
    let mut w = csv::Writer::from_path(&path).map_err(|e| io(&path, e))?;
    w.write_record([
        "post_platform_id",
        "metric",
        "value",
        "captured_at",
        "source",
    ])
    .map_err(|e| io(&path, e))?;
    reads::each_snapshot(&db.lock(), id, |record| {
        w.write_record(&record).map_err(|e| io(&path, e))
    })?;
    w.flush().map_err(|e| io(&path, e))?;
    written.push(path);

    let path = dir.join("overview.json");
    let o = overview(db, id, 30, Default::default())?;
    std::fs::write(&path, serde_json::to_vec_pretty(&o).unwrap_or_default())
        .map_err(|e| io(&path, e))?;
    written.push(path);
    for file in &written {
        private(file)?;
    }
    Ok(written)
}

/// Exports hold an account's private numbers: readable by their owner only.
fn private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Deletes snapshots older than `days` (the default is to keep everything). Posts and
/// profiles, which hold only the latest values, stay.
pub fn apply_retention(db: &Database, days: i64) -> Result<usize> {
    reads::delete_snapshots_before(&db.lock(), &super::since(days))
}

/// Deletes everything synced from one connection; its settings and secrets stay.
pub fn delete_data(db: &Database, id: &str) -> Result<()> {
    patchbay_store::connections::require(&db.lock(), id)?;
    db.transaction(|tx| patchbay_store::analytics::delete_all(tx, id))
}
