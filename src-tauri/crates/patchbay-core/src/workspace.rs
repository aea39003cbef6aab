//! A workspace is one data directory: its database and its user connector manifests.
//! Both front doors (the desktop shell and the CLI) open one and call into it.

use crate::error::Result;
use crate::info::{AppInfo, VERSION};
use crate::paths::{self, DATABASE_FILE};
use crate::registry::Registry;
use crate::store::Database;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An open workspace. Cheap to clone; share one per process.
#[derive(Debug, Clone)]
pub struct Workspace {
    data_dir: PathBuf,
    db: Database,
    registry: Arc<Registry>,
}

impl Workspace {
    /// Opens the workspace in `data_dir`, creating the directory and the database on first use.
    pub fn open(data_dir: &Path) -> Result<Self> {
        paths::ensure_data_dir(data_dir)?;
        let db = Database::open(&data_dir.join(DATABASE_FILE))?;
        Ok(Self {
            data_dir: data_dir.to_path_buf(),
            db,
            registry: Arc::new(Registry::load(data_dir)),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Every connector: bundled ones and the user's manifests, loaded when the workspace opened.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The facts the about screen and `patchbay doctor` show.
    pub fn info(&self) -> Result<AppInfo> {
        Ok(AppInfo {
            version: VERSION.to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database_path: self.data_dir.join(DATABASE_FILE).display().to_string(),
            schema_version: self.db.schema_version()?,
        })
    }
}
