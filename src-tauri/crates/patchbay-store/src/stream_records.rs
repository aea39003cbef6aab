//! The `stream_records` table: items of manifest-declared list streams, by connection and
//! stream, with the fields the manifest names.

use patchbay_types::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StreamRecord {
    pub stream: String,
    pub record_id: String,
    /// The fields the manifest names, as the platform gave them.
    #[ts(type = "Record<string, unknown>")]
    pub fields: Value,
    pub first_seen_at: String,
    pub updated_at: String,
}

/// Inserts a record or refreshes its fields; answers whether it was new.
pub fn upsert(
    sql: &Connection,
    connection_id: &str,
    stream: &str,
    id: &str,
    fields: &Value,
    at: &str,
) -> Result<bool> {
    let existed: bool = sql.query_row(
        "SELECT EXISTS (SELECT 1 FROM stream_records WHERE connection_id = ?1 AND stream = ?2 AND record_id = ?3)",
        params![connection_id, stream, id],
        |r| r.get(0),
    )?;
    sql.execute(
        "INSERT INTO stream_records (connection_id, stream, record_id, fields, first_seen_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (connection_id, stream, record_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at",
        params![connection_id, stream, id, fields.to_string(), at],
    )?;
    Ok(!existed)
}

/// The latest records of a connection (one stream, or all), most recently changed first.
pub fn list(
    sql: &Connection,
    connection_id: &str,
    stream: Option<&str>,
    limit: i64,
) -> Result<Vec<StreamRecord>> {
    let mut stmt = sql.prepare(
        "SELECT stream, record_id, fields, first_seen_at, updated_at FROM stream_records
         WHERE connection_id = ?1 AND (?2 IS NULL OR stream = ?2)
         ORDER BY updated_at DESC, record_id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![connection_id, stream, limit], |r| {
        let fields: String = r.get(2)?;
        Ok(StreamRecord {
            stream: r.get(0)?,
            record_id: r.get(1)?,
            fields: serde_json::from_str(&fields).unwrap_or(Value::Null),
            first_seen_at: r.get(3)?,
            updated_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many records a connection's stream holds.
pub fn count(sql: &Connection, connection_id: &str, stream: &str) -> Result<i64> {
    Ok(sql.query_row(
        "SELECT count(*) FROM stream_records WHERE connection_id = ?1 AND stream = ?2",
        params![connection_id, stream],
        |r| r.get(0),
    )?)
}
