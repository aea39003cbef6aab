//! The `settings` table: workspace-wide key/value settings.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        params![key, value],
    )?;
    Ok(())
}

/// `get` on a database handle.
pub fn get_in(db: &super::Database, key: &str) -> Result<Option<String>> {
    get(&db.lock(), key)
}

/// `set` on a database handle.
pub fn set_in(db: &super::Database, key: &str, value: &str) -> Result<()> {
    set(&db.lock(), key, value)
}

/// The stored value of `key`, storing `value` first when there is none. One statement decides,
/// so processes racing to set a first value all get the same one.
pub fn get_or_insert(conn: &Connection, key: &str, value: &str) -> Result<String> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
        params![key, value],
    )?;
    Ok(
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })?,
    )
}
