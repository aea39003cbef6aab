//! A workspace is one data directory: its database and its user connector manifests.
//! Both front doors (the desktop shell and the CLI) open one and call into it.

use crate::error::Result;
use crate::info::{AppInfo, VERSION};
use crate::paths::{self, DATABASE_FILE};
use crate::registry::Registry;
use crate::store::Database;
use crate::store::settings;
use crate::vault::{self, Vault};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const WORKSPACE_ID: &str = "workspace.id";

/// An open workspace. Cheap to clone; share one per process.
#[derive(Debug, Clone)]
pub struct Workspace {
    data_dir: PathBuf,
    db: Database,
    registry: Arc<Registry>,
    /// The one HTTP client (and connection pool) for every request this workspace makes.
    http: crate::http::Http,
    id: String,
    /// Unlocked on first use, so browsing connectors never touches the keyring.
    vault: Arc<Mutex<Option<Arc<Vault>>>>,
    oauth: Arc<crate::oauth::Runtime>,
    #[cfg(feature = "sandbox")]
    pub(crate) sandbox: Arc<tokio::sync::Mutex<Option<patchbay_sandbox::Sandbox>>>,
    pub(crate) sandbox_url: Arc<Mutex<Option<String>>>,
    /// Where the running sandbox's SMTP sink listens.
    pub(crate) sandbox_smtp: Arc<Mutex<Option<std::net::SocketAddr>>>,
    /// Connections syncing in this process right now.
    syncing: Arc<Mutex<std::collections::HashSet<String>>>,
    progress: tokio::sync::broadcast::Sender<crate::sync::progress::Progress>,
    /// Names this process in the leases every process sharing the data directory honours.
    holder: Arc<str>,
}

/// A connection marked as syncing; the mark goes when this is dropped.
#[derive(Debug)]
pub(crate) struct SyncClaim {
    set: Arc<Mutex<std::collections::HashSet<String>>>,
    id: String,
}

impl Drop for SyncClaim {
    fn drop(&mut self) {
        self.set
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
    }
}

impl Workspace {
    /// Opens the workspace in `data_dir`, creating the directory and the database on first use.
    pub fn open(data_dir: &Path) -> Result<Self> {
        paths::ensure_data_dir(data_dir)?;
        let db = Database::open(&data_dir.join(DATABASE_FILE))?;
        // A process opening a new data directory at the same moment gets the same id.
        let id = settings::get_or_insert(
            &db.lock(),
            WORKSPACE_ID,
            &format!("{:032x}", rand::random::<u128>()),
        )?;
        Ok(Self {
            data_dir: data_dir.to_path_buf(),
            db,
            registry: Arc::new(Registry::load(data_dir)),
            http: crate::http::Http::new(),
            id,
            vault: Arc::new(Mutex::new(None)),
            oauth: Arc::new(crate::oauth::Runtime::default()),
            #[cfg(feature = "sandbox")]
            sandbox: Arc::new(tokio::sync::Mutex::new(None)),
            sandbox_url: Arc::new(Mutex::new(None)),
            sandbox_smtp: Arc::new(Mutex::new(None)),
            syncing: Arc::default(),
            progress: tokio::sync::broadcast::channel(crate::sync::progress::BUFFER).0,
            holder: format!("{}-{:016x}", std::process::id(), rand::random::<u64>()).into(),
        })
    }

    /// Every sync's progress from now on (see `sync::progress`).
    pub fn subscribe_progress(
        &self,
    ) -> tokio::sync::broadcast::Receiver<crate::sync::progress::Progress> {
        self.progress.subscribe()
    }

    /// Tells every listener how a sync is going (dropped when nobody listens).
    pub(crate) fn emit_progress(&self, progress: crate::sync::progress::Progress) {
        let _ = self.progress.send(progress);
    }

    /// Marks `id` as syncing; `None` when a sync of it is already running in this process (a
    /// scheduled round and "Sync now" must not run one connection twice at once).
    pub(crate) fn claim_sync(&self, id: &str) -> Option<SyncClaim> {
        let mut set = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
        set.insert(id.to_owned()).then(|| SyncClaim {
            set: self.syncing.clone(),
            id: id.to_owned(),
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

    /// The shared HTTP client, with Patchbay's timeouts, redirect rule and size cap.
    pub fn http(&self) -> &crate::http::Http {
        &self.http
    }

    /// This process's name in leases (see `lease`).
    pub fn lease_holder(&self) -> &str {
        &self.holder
    }

    /// A random id naming this workspace's vault key in the OS keyring.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The unlocked vault: from the OS keyring, or from `PATCHBAY_VAULT_PASSPHRASE` when set.
    /// A failure is not cached, so starting a keyring later and retrying works.
    pub fn vault(&self) -> Result<Arc<Vault>> {
        let mut slot = self.vault.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(vault) = slot.as_ref() {
            return Ok(vault.clone());
        }
        let vault = Arc::new(Vault::unlock(
            &self.db,
            &self.id,
            vault::key::passphrase_from_env(),
        )?);
        *slot = Some(vault.clone());
        Ok(vault)
    }

    /// OAuth flows in progress and per-connection refresh locks.
    pub fn oauth(&self) -> &crate::oauth::Runtime {
        &self.oauth
    }

    /// The running sandbox's base URL, if one was started in this process.
    pub fn sandbox_url(&self) -> Option<String> {
        self.sandbox_url
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Where the running sandbox's SMTP sink listens, if one was started in this process.
    pub fn sandbox_smtp(&self) -> Option<std::net::SocketAddr> {
        *self.sandbox_smtp.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The facts the about screen and `patchbay doctor` show.
    pub fn info(&self) -> Result<AppInfo> {
        Ok(AppInfo {
            version: VERSION.to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database_path: self.data_dir.join(DATABASE_FILE).display().to_string(),
            schema_version: self.db.schema_version()?,
            sandbox_connectors: crate::platforms::emulated(),
        })
    }
}
