//! The local SQLite database: one file in the data directory, WAL mode, a busy timeout, and
//! migrations applied at open.

pub mod action_log;
pub mod analytics;
pub mod apps;
pub mod budgets;
pub mod connections;
pub mod leases;
mod migrate;
pub mod reads;
pub mod sandbox_clock;
pub mod secrets;
pub mod settings;
pub mod stream_records;
pub mod sync_runs;
pub mod tags;
pub mod workflows;

pub use migrate::SCHEMA_VERSION;

use patchbay_types::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A handle on the database. Cloning is cheap; the connection synchronises internally, so
/// callers never wrap it in their own lock.
#[derive(Debug, Clone)]
pub struct Database {
    path: Option<PathBuf>,
    conn: Arc<Mutex<Connection>>,
}

/// Creates the database file readable by its owner only, when it does not exist yet. SQLite gives
/// the WAL and shared-memory files the database file's permissions.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

impl Database {
    /// Opens (creating if needed) the database file, refusing one from a newer build, then
    /// applies pending migrations.
    pub fn open(path: &Path) -> Result<Self> {
        let open_failed = |e: rusqlite::Error| Error::DatabaseOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        private_file(path).map_err(|e| Error::DatabaseOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_failed)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_failed)?;
        // Checked before any pragma that writes, so a newer database is never modified.
        let found = migrate::refuse_newer(&conn, path)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_failed)?;
        Self::configure(&conn)?;
        migrate::apply(&mut conn, found)?;
        Ok(Self {
            path: Some(path.to_path_buf()),
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// A private in-memory database with every migration applied, for tests.
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        Self::configure(&conn)?;
        migrate::apply(&mut conn, 0)?;
        Ok(Self {
            path: None,
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    fn configure(conn: &Connection) -> Result<()> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Deleted rows (old ciphertexts included) are overwritten, not left in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        Ok(())
    }

    /// The file this database lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<u32> {
        migrate::schema_version(&self.lock())
    }

    /// Runs `work` inside one transaction: all of it commits, or none of it does.
    pub fn transaction<T>(
        &self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like `transaction`, but the commit reaches the disk before this returns, even in WAL mode
    /// (`synchronous = FULL` for this one commit). For writes that cannot be redone, such as a
    /// rotated refresh token: the platform has already forgotten the old one.
    pub fn durable_transaction<T>(
        &self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.lock();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let outcome = (|| {
            let tx = conn.transaction()?;
            let value = work(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        outcome
    }

    /// Borrows the connection for one unit of work.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back on drop), so a poisoned lock is safe to reuse.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_file_in_wal_mode_at_current_version() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db.sqlite3");
        let db = Database::open(&path).unwrap();
        assert!(path.exists());
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        let mode: String = db
            .lock()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let timeout: i64 = db
            .lock()
            .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
            .unwrap();
        assert_eq!(timeout, 5000);
    }

    #[test]
    fn reopening_keeps_data_and_version() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db.sqlite3");
        {
            let db = Database::open(&path).unwrap();
            db.lock()
                .execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])
                .unwrap();
        }
        let db = Database::open(&path).unwrap();
        let value: String = db
            .lock()
            .query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(value, "v");
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn newer_database_is_refused_and_left_byte_for_byte_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 999;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Database::open(&path).unwrap_err();
        assert_eq!(err.code(), "database.schema_too_new");
        let message = err.to_string();
        assert!(message.contains("schema 999"), "{message}");
        assert!(message.contains("Update Patchbay"), "{message}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!tmp.path().join("db.sqlite3-wal").exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_wal_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db.sqlite3");
        let db = Database::open(&path).unwrap();
        settings::set(&db.lock(), "k", "v").unwrap();
        for file in ["db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm"] {
            let mode = std::fs::metadata(tmp.path().join(file))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(mode, 0o600, "{file}");
        }
    }

    #[test]
    fn a_durable_write_commits_and_leaves_the_usual_sync_mode_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let db = Database::open(&tmp.path().join("db.sqlite3")).unwrap();
        let mode = |db: &Database| -> i64 {
            db.lock()
                .query_row("PRAGMA synchronous", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(mode(&db), 1, "NORMAL");
        db.durable_transaction(|tx| settings::set(tx, "k", "v"))
            .unwrap();
        assert_eq!(
            settings::get(&db.lock(), "k").unwrap().as_deref(),
            Some("v")
        );
        assert_eq!(mode(&db), 1, "back to NORMAL");
        let failed: Result<()> = db.durable_transaction(|tx| {
            settings::set(tx, "k", "w")?;
            Err(patchbay_types::Error::InvalidInput("no".into()))
        });
        assert!(failed.is_err());
        assert_eq!(
            settings::get(&db.lock(), "k").unwrap().as_deref(),
            Some("v"),
            "rolled back"
        );
        assert_eq!(mode(&db), 1);
    }

    #[test]
    fn garbage_file_gives_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db.sqlite3");
        std::fs::write(&path, b"this is not a database, it is a shopping list").unwrap();
        let err = Database::open(&path).unwrap_err();
        assert!(err.to_string().contains("db.sqlite3"), "{err}");
    }

    #[test]
    fn in_memory_database_is_fully_migrated() {
        let db = Database::open_in_memory().unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    }
}
