//! Numbered migrations, embedded in the binary and applied in order when the database opens.
//! `PRAGMA user_version` records how many have been applied.

use patchbay_types::error::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

/// Every migration, in order. The schema version is the number of entries.
pub(crate) const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_settings",
        include_str!("migrations/0001_settings.sql"),
    ),
    (
        "0002_connections",
        include_str!("migrations/0002_connections.sql"),
    ),
    (
        "0003_token_times",
        include_str!("migrations/0003_token_times.sql"),
    ),
    (
        "0004_analytics",
        include_str!("migrations/0004_analytics.sql"),
    ),
    (
        "0005_sync_schedule",
        include_str!("migrations/0005_sync_schedule.sql"),
    ),
    (
        "0006_budget_and_sandbox_tables",
        include_str!("migrations/0006_budget_and_sandbox_tables.sql"),
    ),
    ("0007_leases", include_str!("migrations/0007_leases.sql")),
    (
        "0008_token_generation",
        include_str!("migrations/0008_token_generation.sql"),
    ),
    ("0009_apps", include_str!("migrations/0009_apps.sql")),
    (
        "0010_action_log",
        include_str!("migrations/0010_action_log.sql"),
    ),
    (
        "0011_stream_records",
        include_str!("migrations/0011_stream_records.sql"),
    ),
    (
        "0012_workflows",
        include_str!("migrations/0012_workflows.sql"),
    ),
    (
        "0013_connection_tags",
        include_str!("migrations/0013_connection_tags.sql"),
    ),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Refuses a database written by a newer build, before anything touches it.
pub(crate) fn refuse_newer(conn: &Connection, path: &Path) -> Result<u32> {
    let found: u32 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| Error::DatabaseOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// Applies every migration the database has not seen, each in its own transaction together
/// with the version bump, so a crash leaves the database at a whole version. The transaction
/// takes the write lock first and reads the version again inside it: two processes opening the
/// same new database at once apply each migration exactly once.
pub(crate) fn apply(conn: &mut Connection, from: u32) -> Result<u32> {
    for (index, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if schema_version(&tx)? > index as u32 {
            continue; // another process applied it meanwhile
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    schema_version(conn)
}
