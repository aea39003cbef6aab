//! The `secrets` table: encrypted blobs only. Encryption happens in `vault`; this module never
//! sees plaintext.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug)]
pub struct SealedSecret {
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

pub fn put(
    conn: &Connection,
    connection_id: &str,
    field: &str,
    sealed: &SealedSecret,
) -> Result<()> {
    conn.execute(
        "INSERT INTO secrets (connection_id, field, nonce, ciphertext, updated_at)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT (connection_id, field) DO UPDATE SET
             nonce = excluded.nonce, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at",
        params![connection_id, field, sealed.nonce, sealed.ciphertext],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, connection_id: &str, field: &str) -> Result<Option<SealedSecret>> {
    Ok(conn
        .query_row(
            "SELECT nonce, ciphertext FROM secrets WHERE connection_id = ?1 AND field = ?2",
            params![connection_id, field],
            |r| {
                Ok(SealedSecret {
                    nonce: r.get(0)?,
                    ciphertext: r.get(1)?,
                })
            },
        )
        .optional()?)
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
