//! The `connections` table. Reads and writes of connection rows, nothing else.

use patchbay_types::connection::{Connection, ConnectionStatus, Mode};
use patchbay_types::error::Result;
use rusqlite::{Connection as Sql, OptionalExtension, Row, params};

const COLUMNS: &str = "id, connector_id, name, mode, config, overrides, status, status_message, \
    account_id, account_handle, scopes, token_expires_at, created_at, updated_at, \
    last_verified_at, last_synced_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Connection> {
    let json = |i: usize| -> rusqlite::Result<serde_json::Value> {
        let text: String = row.get(i)?;
        serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let mode: String = row.get(3)?;
    let status: String = row.get(6)?;
    Ok(Connection {
        id: row.get(0)?,
        connector_id: row.get(1)?,
        name: row.get(2)?,
        mode: if mode == "sandbox" {
            Mode::Sandbox
        } else {
            Mode::Live
        },
        config: json(4)?.as_object().cloned().unwrap_or_default(),
        overrides: serde_json::from_value(json(5)?).unwrap_or_default(),
        status: ConnectionStatus::parse(&status).unwrap_or(ConnectionStatus::Error),
        status_message: row.get(7)?,
        account_id: row.get(8)?,
        account_handle: row.get(9)?,
        scopes: serde_json::from_value(json(10)?).unwrap_or_default(),
        token_expires_at: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        last_verified_at: row.get(14)?,
        last_synced_at: row.get(15)?,
    })
}

fn mode_str(mode: Mode) -> &'static str {
    match mode {
        Mode::Live => "live",
        Mode::Sandbox => "sandbox",
    }
}

pub fn insert(sql: &Sql, c: &Connection) -> Result<()> {
    sql.execute(
        &format!("INSERT INTO connections ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
        params![
            c.id,
            c.connector_id,
            c.name,
            mode_str(c.mode),
            serde_json::Value::Object(c.config.clone()).to_string(),
            serde_json::to_string(&c.overrides).unwrap_or_else(|_| "{}".into()),
            c.status.as_str(),
            c.status_message,
            c.account_id,
            c.account_handle,
            serde_json::to_string(&c.scopes).unwrap_or_else(|_| "[]".into()),
            c.token_expires_at,
            c.created_at,
            c.updated_at,
            c.last_verified_at,
            c.last_synced_at,
        ],
    )?;
    Ok(())
}

/// Writes every column of an existing row.
pub fn save(sql: &Sql, c: &Connection) -> Result<()> {
    sql.execute(
        "UPDATE connections SET connector_id = ?2, name = ?3, mode = ?4, config = ?5, overrides = ?6,
             status = ?7, status_message = ?8, account_id = ?9, account_handle = ?10, scopes = ?11,
             token_expires_at = ?12, updated_at = ?13, last_verified_at = ?14, last_synced_at = ?15
         WHERE id = ?1",
        params![
            c.id,
            c.connector_id,
            c.name,
            mode_str(c.mode),
            serde_json::Value::Object(c.config.clone()).to_string(),
            serde_json::to_string(&c.overrides).unwrap_or_else(|_| "{}".into()),
            c.status.as_str(),
            c.status_message,
            c.account_id,
            c.account_handle,
            serde_json::to_string(&c.scopes).unwrap_or_else(|_| "[]".into()),
            c.token_expires_at,
            c.updated_at,
            c.last_verified_at,
            c.last_synced_at,
        ],
    )?;
    Ok(())
}

/// A live (not removed) connection.
pub fn get(sql: &Sql, id: &str) -> Result<Option<Connection>> {
    Ok(sql
        .query_row(
            &format!("SELECT {COLUMNS} FROM connections WHERE id = ?1 AND removed_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?)
}

/// The generation of the connection's stored tokens (see migration 8).
pub fn token_generation(sql: &Sql, id: &str) -> Result<i64> {
    Ok(sql.query_row(
        "SELECT token_generation FROM connections WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// Moves the tokens' generation on: unconditionally with `expected = None` (a sign-in, a
/// disconnect), or only from `expected` (a refresh). False when the generation had moved.
pub fn next_token_generation(sql: &Sql, id: &str, expected: Option<i64>) -> Result<bool> {
    Ok(sql.execute(
        "UPDATE connections SET token_generation = token_generation + 1
         WHERE id = ?1 AND (?2 IS NULL OR token_generation = ?2)",
        params![id, expected],
    )? == 1)
}

/// Records when the connection last synced, touching nothing else in its row.
pub fn set_last_synced(sql: &Sql, id: &str, at: &str) -> Result<()> {
    sql.execute(
        "UPDATE connections SET last_synced_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

/// A live connection, or the error that names the unknown id.
pub fn require(sql: &Sql, id: &str) -> Result<Connection> {
    get(sql, id)?.ok_or_else(|| patchbay_types::Error::UnknownConnection { id: id.to_owned() })
}

/// Live connections, oldest first, optionally of one connector and/or status.
pub fn list(
    sql: &Sql,
    connector_id: Option<&str>,
    status: Option<ConnectionStatus>,
) -> Result<Vec<Connection>> {
    let mut stmt = sql.prepare(&format!(
        "SELECT {COLUMNS} FROM connections
         WHERE removed_at IS NULL AND (?1 IS NULL OR connector_id = ?1) AND (?2 IS NULL OR status = ?2)
         ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map(
        params![connector_id, status.map(ConnectionStatus::as_str)],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn id_exists(sql: &Sql, id: &str) -> Result<bool> {
    Ok(sql
        .query_row("SELECT 1 FROM connections WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Hides a connection but keeps its row, so its synced history stays readable.
pub fn mark_removed(sql: &Sql, id: &str, at: &str) -> Result<()> {
    sql.execute(
        "UPDATE connections SET removed_at = ?2, status = 'inactive', updated_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

/// Deletes the row; its secrets and synced data go with it (ON DELETE CASCADE).
pub fn delete(sql: &Sql, id: &str) -> Result<()> {
    sql.execute("DELETE FROM connections WHERE id = ?1", [id])?;
    Ok(())
}

/// Records a new token's expiry and issue time.
pub fn set_token_times(
    sql: &Sql,
    id: &str,
    expires_at: Option<&str>,
    refreshed_at: &str,
) -> Result<()> {
    sql.execute(
        "UPDATE connections SET token_expires_at = ?2, token_refreshed_at = ?3 WHERE id = ?1",
        params![id, expires_at, refreshed_at],
    )?;
    Ok(())
}

/// When the current access token was issued or refreshed.
pub fn token_refreshed_at(sql: &Sql, id: &str) -> Result<Option<String>> {
    Ok(sql
        .query_row(
            "SELECT token_refreshed_at FROM connections WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// A connection's own sync schedule, as the user wrote it; `None` follows the default.
pub fn sync_schedule(sql: &Sql, id: &str) -> Result<Option<String>> {
    Ok(sql
        .query_row(
            "SELECT sync_schedule FROM connections WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

pub fn set_sync_schedule(sql: &Sql, id: &str, schedule: Option<&str>) -> Result<()> {
    sql.execute(
        "UPDATE connections SET sync_schedule = ?2 WHERE id = ?1",
        params![id, schedule],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Database;
    use patchbay_types::connection::{ConnectionStatus, Mode};

    fn connection(id: &str) -> Connection {
        Connection {
            id: id.into(),
            connector_id: "tiktok".into(),
            name: "T".into(),
            mode: Mode::Sandbox,
            config: Default::default(),
            overrides: Default::default(),
            status: ConnectionStatus::Active,
            status_message: None,
            account_id: None,
            account_handle: None,
            scopes: Vec::new(),
            token_expires_at: None,
            created_at: "2026-11-30T00:00:00Z".into(),
            updated_at: "2026-11-30T00:00:00Z".into(),
            last_verified_at: None,
            last_synced_at: None,
        }
    }

    #[test]
    fn a_refresh_keeps_its_tokens_only_if_nothing_moved_the_generation_meanwhile() {
        let db = Database::open_in_memory().unwrap();
        let sql = db.lock();
        insert(&sql, &connection("c1")).unwrap();
        let started_from = token_generation(&sql, "c1").unwrap();
        // A disconnect (or a new sign-in) while the refresh was away.
        assert!(next_token_generation(&sql, "c1", None).unwrap());
        // The late refresh is refused, and refused again if it retries.
        assert!(!next_token_generation(&sql, "c1", Some(started_from)).unwrap());
        let now = token_generation(&sql, "c1").unwrap();
        assert!(
            next_token_generation(&sql, "c1", Some(now)).unwrap(),
            "a current refresh goes through"
        );
        // Saving the row does not touch the generation.
        save(&sql, &connection("c1")).unwrap();
        assert_eq!(token_generation(&sql, "c1").unwrap(), now + 1);
    }
}
