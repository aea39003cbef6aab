//! The `action_log` table: one row per action call.

use patchbay_types::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActionCall {
    pub connection_id: String,
    pub action: String,
    pub started_at: String,
    #[ts(type = "number")]
    pub duration_ms: i64,
    /// ok, invalid (the input was refused before any request), refused (the platform said no)
    /// or failed (the platform could not be reached, or the answer was not understood).
    pub outcome: String,
    pub error_code: Option<String>,
    /// The sentence the user saw; never a secret, never the message sent.
    pub message: Option<String>,
    /// The platform's id for what the action made (a message id, a customer id).
    pub created_id: Option<String>,
}

pub fn record(sql: &Connection, call: &ActionCall) -> Result<()> {
    sql.execute(
        "INSERT INTO action_log (connection_id, action, started_at, duration_ms, outcome, error_code, message, created_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            call.connection_id,
            call.action,
            call.started_at,
            call.duration_ms,
            call.outcome,
            call.error_code,
            call.message,
            call.created_id
        ],
    )?;
    Ok(())
}

/// The latest calls, newest first, of one connection or of all.
pub fn recent(
    sql: &Connection,
    connection_id: Option<&str>,
    limit: i64,
) -> Result<Vec<ActionCall>> {
    let mut stmt = sql.prepare(
        "SELECT connection_id, action, started_at, duration_ms, outcome, error_code, message, created_id
         FROM action_log WHERE ?1 IS NULL OR connection_id = ?1 ORDER BY started_at DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![connection_id, limit], |r| {
        Ok(ActionCall {
            connection_id: r.get(0)?,
            action: r.get(1)?,
            started_at: r.get(2)?,
            duration_ms: r.get(3)?,
            outcome: r.get(4)?,
            error_code: r.get(5)?,
            message: r.get(6)?,
            created_id: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
