//! The `apps` and `app_secrets` tables, and which app a connection uses. Secrets arrive sealed;
//! this module never sees plaintext.

use crate::secrets::{self, Owner, SealedSecret};
use patchbay_types::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRow {
    pub id: String,
    pub connector_id: String,
    pub name: String,
    pub client_id: String,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, connector_id, name, client_id, created_at, updated_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AppRow> {
    Ok(AppRow {
        id: r.get(0)?,
        connector_id: r.get(1)?,
        name: r.get(2)?,
        client_id: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

pub fn insert(sql: &Connection, app: &AppRow) -> Result<()> {
    sql.execute(
        &format!("INSERT INTO apps ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        params![
            app.id,
            app.connector_id,
            app.name,
            app.client_id,
            app.created_at,
            app.updated_at
        ],
    )?;
    Ok(())
}

pub fn update(sql: &Connection, app: &AppRow) -> Result<()> {
    sql.execute(
        "UPDATE apps SET name = ?2, client_id = ?3, updated_at = ?4 WHERE id = ?1",
        params![app.id, app.name, app.client_id, app.updated_at],
    )?;
    Ok(())
}

pub fn get(sql: &Connection, id: &str) -> Result<Option<AppRow>> {
    Ok(sql
        .query_row(
            &format!("SELECT {COLUMNS} FROM apps WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?)
}

pub fn require(sql: &Connection, id: &str) -> Result<AppRow> {
    get(sql, id)?.ok_or_else(|| {
        Error::InvalidInput(format!(
            "No app is called `{id}`. `patchbay apps list` shows them."
        ))
    })
}

/// Every app, or those of one connector, by name.
pub fn list(sql: &Connection, connector: Option<&str>) -> Result<Vec<AppRow>> {
    let mut stmt = sql.prepare(&format!(
        "SELECT {COLUMNS} FROM apps WHERE ?1 IS NULL OR connector_id = ?1 ORDER BY name, id"
    ))?;
    let rows = stmt.query_map([connector], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete(sql: &Connection, id: &str) -> Result<()> {
    sql.execute("DELETE FROM apps WHERE id = ?1", [id])?;
    Ok(())
}

/// The app a connection uses, if any.
pub fn app_of(sql: &Connection, connection_id: &str) -> Result<Option<String>> {
    Ok(sql
        .query_row(
            "SELECT app_id FROM connections WHERE id = ?1",
            [connection_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

pub fn link(sql: &Connection, connection_id: &str, app_id: Option<&str>) -> Result<()> {
    sql.execute(
        "UPDATE connections SET app_id = ?2 WHERE id = ?1",
        params![connection_id, app_id],
    )?;
    Ok(())
}

/// The connections (not removed) that use an app.
pub fn users(sql: &Connection, app_id: &str) -> Result<Vec<String>> {
    let mut stmt = sql.prepare(
        "SELECT id FROM connections WHERE app_id = ?1 AND removed_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([app_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn put_secret(
    sql: &Connection,
    app_id: &str,
    field: &str,
    sealed: &SealedSecret,
) -> Result<()> {
    secrets::put_for(sql, Owner::App, app_id, field, sealed)
}

pub fn get_secret(sql: &Connection, app_id: &str, field: &str) -> Result<Option<SealedSecret>> {
    secrets::get_for(sql, Owner::App, app_id, field)
}

pub fn delete_secret(sql: &Connection, app_id: &str, field: &str) -> Result<()> {
    sql.execute(
        "DELETE FROM app_secrets WHERE app_id = ?1 AND field = ?2",
        params![app_id, field],
    )?;
    Ok(())
}
