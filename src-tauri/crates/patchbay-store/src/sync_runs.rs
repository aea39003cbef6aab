//! The sync log, the per-stream cursors, and the last raw payload of each stream.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncRun {
    #[ts(type = "number")]
    pub id: i64,
    pub connection_id: String,
    pub stream: String,
    /// running, ok, partial or failed.
    pub status: String,
    #[ts(type = "number")]
    pub items: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    #[ts(type = "number | null")]
    pub duration_ms: Option<i64>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub rate_limited: bool,
    pub reset_at: Option<String>,
}

pub fn start(sql: &Connection, connection_id: &str, stream: &str, at: &str) -> Result<i64> {
    sql.execute(
        "INSERT INTO sync_runs (connection_id, stream, status, started_at) VALUES (?1, ?2, 'running', ?3)",
        params![connection_id, stream, at],
    )?;
    Ok(sql.last_insert_rowid())
}

/// Adds a page's items to a running run (inside the page's transaction).
/// Forgets a run that turned out to have nothing to say (a stream the platform does not have).
pub fn discard(sql: &Connection, run: i64) -> Result<()> {
    sql.execute("DELETE FROM sync_runs WHERE id = ?1", [run])?;
    Ok(())
}

pub fn add_items(sql: &Connection, run: i64, items: i64) -> Result<()> {
    sql.execute(
        "UPDATE sync_runs SET items = items + ?2 WHERE id = ?1",
        params![run, items],
    )?;
    Ok(())
}

#[derive(Debug)]
pub struct Outcome<'a> {
    pub status: &'a str,
    pub error_code: Option<&'a str>,
    pub error_message: Option<&'a str>,
    pub rate_limited: bool,
    pub reset_at: Option<&'a str>,
}

pub fn finish(
    sql: &Connection,
    run: i64,
    at: &str,
    duration_ms: i64,
    o: &Outcome<'_>,
) -> Result<()> {
    sql.execute(
        "UPDATE sync_runs SET status = ?2, finished_at = ?3, duration_ms = ?4, error_code = ?5, error_message = ?6,
             rate_limited = ?7, reset_at = ?8 WHERE id = ?1",
        params![run, o.status, at, duration_ms, o.error_code, o.error_message, o.rate_limited, o.reset_at],
    )?;
    Ok(())
}

/// Runs a killed process left `running`: they are marked failed, so the log tells the truth.
pub fn close_abandoned(sql: &Connection, connection_id: &str, at: &str) -> Result<usize> {
    Ok(sql.execute(
        "UPDATE sync_runs SET status = 'failed', finished_at = ?2, error_code = 'sync.interrupted',
             error_message = 'The sync was interrupted (the app stopped). Everything it had saved is kept; the next run resumes.'
         WHERE connection_id = ?1 AND status = 'running'",
        params![connection_id, at],
    )?)
}

pub fn list(sql: &Connection, connection_id: Option<&str>, limit: i64) -> Result<Vec<SyncRun>> {
    let mut stmt = sql.prepare(
        "SELECT id, connection_id, stream, status, items, started_at, finished_at, duration_ms, error_code, error_message, rate_limited, reset_at
         FROM sync_runs WHERE (?1 IS NULL OR connection_id = ?1) ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![connection_id, limit], |r| {
        Ok(SyncRun {
            id: r.get(0)?,
            connection_id: r.get(1)?,
            stream: r.get(2)?,
            status: r.get(3)?,
            items: r.get(4)?,
            started_at: r.get(5)?,
            finished_at: r.get(6)?,
            duration_ms: r.get(7)?,
            error_code: r.get(8)?,
            error_message: r.get(9)?,
            rate_limited: r.get(10)?,
            reset_at: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn cursor(sql: &Connection, connection_id: &str, stream: &str) -> Result<Option<String>> {
    Ok(sql
        .query_row(
            "SELECT value FROM cursors WHERE connection_id = ?1 AND stream = ?2",
            params![connection_id, stream],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_cursor(
    sql: &Connection,
    connection_id: &str,
    stream: &str,
    value: &str,
    at: &str,
) -> Result<()> {
    sql.execute(
        "INSERT INTO cursors (connection_id, stream, value, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (connection_id, stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![connection_id, stream, value, at],
    )?;
    Ok(())
}

pub fn put_raw(
    sql: &Connection,
    connection_id: &str,
    stream: &str,
    payload: &str,
    at: &str,
) -> Result<()> {
    sql.execute(
        "INSERT INTO raw_payloads (connection_id, stream, payload, captured_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (connection_id, stream) DO UPDATE SET payload = excluded.payload, captured_at = excluded.captured_at",
        params![connection_id, stream, payload, at],
    )?;
    Ok(())
}

/// When each connection's (or just `only`'s) most recent sync run started, and the rate-limit
/// reset its latest run reported: what the scheduler needs to know who is due.
pub fn last_runs(
    sql: &Connection,
    only: Option<&str>,
) -> Result<Vec<(String, String, Option<String>)>> {
    let mut stmt = sql.prepare(
        "SELECT connection_id, max(started_at),
                (SELECT r.reset_at FROM sync_runs r WHERE r.connection_id = s.connection_id
                  ORDER BY r.id DESC LIMIT 1)
         FROM sync_runs s WHERE (?1 IS NULL OR connection_id = ?1) GROUP BY connection_id",
    )?;
    let rows = stmt.query_map([only], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_cursor(sql: &Connection, connection_id: &str, stream: &str) -> Result<()> {
    sql.execute(
        "DELETE FROM cursors WHERE connection_id = ?1 AND stream = ?2",
        params![connection_id, stream],
    )?;
    Ok(())
}

/// Posts stored for a connection, and how many its profile says it has.
pub fn history(sql: &Connection, connection_id: &str) -> Result<(i64, Option<i64>)> {
    Ok(sql.query_row(
        "SELECT (SELECT count(*) FROM posts WHERE connection_id = ?1),
                (SELECT posts_count FROM profiles WHERE connection_id = ?1)",
        [connection_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
