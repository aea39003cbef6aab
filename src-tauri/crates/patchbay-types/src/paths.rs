//! Where Patchbay keeps its data: the platform's app-data directory unless the user says otherwise.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "PATCHBAY_DATA_DIR";
/// The folder name under the platform's app-data directory.
pub const APP_DIR_NAME: &str = "patchbay";
/// The database file inside the data directory.
pub const DATABASE_FILE: &str = "patchbay.sqlite3";
/// Where user-supplied connector manifests live, inside the data directory.
pub const CONNECTORS_DIR: &str = "connectors";

/// The platform's app-data directory for Patchbay (`~/.local/share/patchbay` on Linux,
/// `~/Library/Application Support/patchbay` on macOS, `%APPDATA%\patchbay` on Windows).
pub fn default_data_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|dir| dir.join(APP_DIR_NAME))
        .ok_or(Error::NoDefaultDataDir)
}

/// Resolves the data directory: an explicit choice first, then `PATCHBAY_DATA_DIR`, then the
/// platform default. Front doors pass the value of their `--data-dir` flag.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => default_data_dir(),
    }
}

/// Creates the data directory if needed and checks that it can be written to.
pub fn ensure_data_dir(dir: &Path) -> Result<()> {
    let unusable = |reason: String| Error::DataDir {
        path: dir.to_path_buf(),
        reason,
    };
    let created = !dir.exists();
    std::fs::create_dir_all(dir).map_err(|e| unusable(e.to_string().to_lowercase()))?;
    // A directory Patchbay creates is its owner's alone; one the user chose keeps its mode.
    #[cfg(unix)]
    if created {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| unusable(format!("its permissions could not be set ({e})")))?;
    }
    if !dir.is_dir() {
        return Err(unusable("it is not a directory".into()));
    }
    write_probe(dir)
        .map(drop)
        .map_err(|e| unusable(format!("it is not writable ({e})")))
}

/// Creates and removes a probe file in `dir`, never following a link someone left in its
/// place: the name is this process's own and the file is created exclusively (which refuses an
/// existing name, link or not). Returns the probe's metadata.
fn write_probe(dir: &Path) -> std::io::Result<std::fs::Metadata> {
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let probe = dir.join(format!(
        ".patchbay-write-probe-{}-{nonce:x}",
        std::process::id()
    ));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    let meta = file.metadata();
    drop(file);
    let _ = std::fs::remove_file(&probe);
    meta
}

/// Whether the data directory is its user's alone: not writable by every user of the machine,
/// and owned by the user running Patchbay. `Err` is the sentence saying what to fix.
pub fn check_private(dir: &Path) -> std::result::Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(dir).map_err(|e| e.to_string())?;
        if meta.permissions().mode() & 0o002 != 0 {
            return Err(format!(
                "{} can be written by every user of this machine; run `chmod 700 {}`",
                dir.display(),
                dir.display()
            ));
        }
        let mine = write_probe(dir).map_err(|e| e.to_string())?.uid();
        if meta.uid() != mine {
            return Err(format!(
                "{} belongs to another user (uid {}); use a data directory of your own",
                dir.display(),
                meta.uid()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dir_wins_over_everything() {
        let dir = Path::new("/tmp/somewhere-explicit");
        assert_eq!(resolve_data_dir(Some(dir)).unwrap(), dir);
    }

    #[test]
    fn ensure_creates_nested_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let nested = tmp.path().join("a/b/c");
        ensure_data_dir(&nested).unwrap();
        assert!(nested.is_dir());
        assert_eq!(
            std::fs::read_dir(&nested).unwrap().count(),
            0,
            "no probe left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_created_data_dir_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("patchbay");
        ensure_data_dir(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }

    #[cfg(unix)]
    #[test]
    fn the_write_probe_never_writes_through_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        std::fs::create_dir_all(&dir).unwrap();
        let victim = tmp.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        // The old fixed probe name, and a guess at this process's, both planted as links.
        std::os::unix::fs::symlink(&victim, dir.join(".patchbay-write-probe")).unwrap();
        for _ in 0..3 {
            ensure_data_dir(&dir).unwrap();
        }
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_world_writable_data_dir_is_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        ensure_data_dir(&dir).unwrap();
        assert_eq!(check_private(&dir), Ok(()));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let err = check_private(&dir).unwrap_err();
        assert!(err.contains("chmod 700"), "{err}");
    }

    #[test]
    fn ensure_refuses_a_file_in_the_way() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("occupied");
        std::fs::write(&file, b"x").unwrap();
        let err = ensure_data_dir(&file).unwrap_err();
        assert_eq!(err.code(), "data_dir.unusable");
        assert!(err.to_string().contains("--data-dir"));
    }
}
