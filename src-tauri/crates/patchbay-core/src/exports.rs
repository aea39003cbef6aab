//! The exports folder, `<data dir>/exports/`: where the window saves what the user takes away
//! (reports, charts, CSV and JSON exports), and copies of those where the user chooses.
//!
//! Saving first into a known folder keeps every save offline and repeatable; "Save a copy…"
//! then copies the saved file or folder to the place picked in the system's dialog. Only what
//! lies inside the exports folder can be copied, so the window cannot use this to read any
//! other file on the machine.

use crate::error::{Error, Result};
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// `<data dir>/exports/`.
pub fn dir(ws: &Workspace) -> PathBuf {
    ws.data_dir().join("exports")
}

/// Writes `bytes` as `dir/name`, creating `dir` first; answers the file's path.
pub fn write_into(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&path, bytes))
        .map_err(|e| Error::Io {
            path: path.clone(),
            action: "write",
            reason: e.to_string(),
        })?;
    Ok(path)
}

/// What was saved at `saved` (a path inside the exports folder, or a name relative to it),
/// after checking that it is there.
pub fn saved(ws: &Workspace, saved: &str) -> Result<PathBuf> {
    let refused = || {
        Error::InvalidInput(format!(
            "{saved} is not something Patchbay saved in its exports folder; save it again, then copy it."
        ))
    };
    let root = dir(ws).canonicalize().map_err(|_| refused())?;
    let path = root.join(saved).canonicalize().map_err(|_| refused())?;
    if path == root || !path.starts_with(&root) {
        return Err(refused());
    }
    Ok(path)
}

/// Copies a saved file to `to`, or a saved folder into the folder `to` (as `to/<its name>`);
/// answers where the copy is.
pub fn copy(ws: &Workspace, saved_path: &str, to: &Path) -> Result<PathBuf> {
    let from = saved(ws, saved_path)?;
    if from.is_dir() {
        let target = to.join(from.file_name().unwrap_or_default());
        copy_tree(&from, &target)?;
        Ok(target)
    } else {
        if to.canonicalize().is_ok_and(|to| to == from) {
            return Ok(from);
        }
        std::fs::copy(&from, to).map_err(|e| io(to, e))?;
        Ok(to.to_path_buf())
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| io(from, e))? {
        let entry = entry.map_err(|e| io(from, e))?;
        let target = to.join(entry.file_name());
        if entry
            .file_type()
            .map_err(|e| io(&entry.path(), e))?
            .is_dir()
        {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| io(&target, e))?;
        }
    }
    Ok(())
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        action: "copy",
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let tmp = tempfile::tempdir().unwrap();
        let ws = Workspace::open(&tmp.path().join("data")).unwrap();
        (tmp, ws)
    }

    #[test]
    fn a_saved_file_and_a_saved_folder_are_copied_where_the_user_chose() {
        let (tmp, ws) = workspace();
        let folder = dir(&ws).join("workspace").join("ig-1");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("posts.csv"), "id\n1\n").unwrap();
        std::fs::write(dir(&ws).join("report-2026-11-1.pdf"), b"%PDF").unwrap();
        let chosen = tmp.path().join("Desktop");
        std::fs::create_dir_all(&chosen).unwrap();

        let file = copy(
            &ws,
            "report-2026-11-1.pdf",
            &chosen.join("Acme November.pdf"),
        )
        .unwrap();
        assert_eq!(std::fs::read(file).unwrap(), b"%PDF");
        let whole = dir(&ws).join("workspace").display().to_string();
        let copied = copy(&ws, &whole, &chosen).unwrap();
        assert_eq!(copied, chosen.join("workspace"));
        assert_eq!(
            std::fs::read_to_string(copied.join("ig-1").join("posts.csv")).unwrap(),
            "id\n1\n"
        );
    }

    #[test]
    fn nothing_outside_the_exports_folder_can_be_copied() {
        let (tmp, ws) = workspace();
        std::fs::create_dir_all(dir(&ws)).unwrap();
        // The database beside the exports folder is exactly what must not leave this way.
        let name = crate::paths::DATABASE_FILE;
        let database = ws.data_dir().join(name);
        assert!(database.exists());
        let to = tmp.path().join("out");
        for path in [
            format!("../{name}"),
            database.display().to_string(),
            ".".to_owned(),
            "missing.pdf".to_owned(),
        ] {
            let err = copy(&ws, &path, &to).unwrap_err();
            assert!(err.to_string().contains("exports folder"), "{path}: {err}");
        }
        assert!(!to.exists());
    }
}
