//! The `secrets` table: encrypted blobs only. Encryption happens in `vault`; this module never
//! sees plaintext.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug)]
pub struct SealedSecret {
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// Whose sealed secrets a table holds: a connection's (`secrets`) or a developer app's
/// (`app_secrets`). Both tables have the same shape.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    Connection,
    App,
}

impl Owner {
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Owner::Connection => ("secrets", "connection_id"),
            Owner::App => ("app_secrets", "app_id"),
        }
    }
}

pub(crate) fn put_for(
    conn: &Connection,
    owner: Owner,
    id: &str,
    field: &str,
    sealed: &SealedSecret,
) -> Result<()> {
    let (table, key) = owner.table();
    conn.execute(
        &format!(
            "INSERT INTO {table} ({key}, field, nonce, ciphertext, updated_at)
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             ON CONFLICT ({key}, field) DO UPDATE SET
                 nonce = excluded.nonce, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at"
        ),
        params![id, field, sealed.nonce, sealed.ciphertext],
    )?;
    Ok(())
}

pub(crate) fn get_for(
    conn: &Connection,
    owner: Owner,
    id: &str,
    field: &str,
) -> Result<Option<SealedSecret>> {
    let (table, key) = owner.table();
    Ok(conn
        .query_row(
            &format!("SELECT nonce, ciphertext FROM {table} WHERE {key} = ?1 AND field = ?2"),
            params![id, field],
            |r| {
                Ok(SealedSecret {
                    nonce: r.get(0)?,
                    ciphertext: r.get(1)?,
                })
            },
        )
        .optional()?)
}

pub fn put(
    conn: &Connection,
    connection_id: &str,
    field: &str,
    sealed: &SealedSecret,
) -> Result<()> {
    put_for(conn, Owner::Connection, connection_id, field, sealed)
}

pub fn get(conn: &Connection, connection_id: &str, field: &str) -> Result<Option<SealedSecret>> {
    get_for(conn, Owner::Connection, connection_id, field)
}

/// The names of the secret fields stored for a connection.
pub fn fields(conn: &Connection, connection_id: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT field FROM secrets WHERE connection_id = ?1 ORDER BY field")?;
    let rows = stmt.query_map([connection_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn delete(conn: &Connection, connection_id: &str, field: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM secrets WHERE connection_id = ?1 AND field = ?2",
        params![connection_id, field],
    )?;
    Ok(())
}

pub fn delete_all(conn: &Connection, connection_id: &str) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM secrets WHERE connection_id = ?1",
        [connection_id],
    )?)
}
