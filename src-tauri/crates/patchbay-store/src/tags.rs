//! The `connection_tags` table: the tags on each connection ("client: Acme").

use patchbay_types::error::Result;
use rusqlite::{Connection as Sql, params};
use std::collections::BTreeMap;

/// One connection's tags, sorted.
pub fn of(sql: &Sql, connection_id: &str) -> Result<Vec<String>> {
    let mut stmt = sql
        .prepare_cached("SELECT tag FROM connection_tags WHERE connection_id = ?1 ORDER BY tag")?;
    let rows = stmt.query_map([connection_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces a connection's tags with `tags`.
pub fn set(sql: &Sql, connection_id: &str, tags: &[String]) -> Result<()> {
    sql.execute(
        "DELETE FROM connection_tags WHERE connection_id = ?1",
        [connection_id],
    )?;
    let mut stmt = sql.prepare_cached(
        "INSERT OR IGNORE INTO connection_tags (connection_id, tag) VALUES (?1, ?2)",
    )?;
    for tag in tags {
        stmt.execute(params![connection_id, tag])?;
    }
    Ok(())
}

/// Every tag in use on a live connection, with how many connections carry it.
pub fn in_use(sql: &Sql) -> Result<BTreeMap<String, usize>> {
    let mut stmt = sql.prepare(
        "SELECT t.tag, count(*) FROM connection_tags t JOIN connections c ON c.id = t.connection_id
         WHERE c.removed_at IS NULL GROUP BY t.tag ORDER BY t.tag",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live connections carrying `tag` (compared without regard to case), oldest first.
pub fn tagged(sql: &Sql, tag: &str) -> Result<Vec<String>> {
    let mut stmt = sql.prepare(
        "SELECT c.id FROM connection_tags t JOIN connections c ON c.id = t.connection_id
         WHERE c.removed_at IS NULL AND t.tag = ?1 COLLATE NOCASE ORDER BY c.created_at, c.id",
    )?;
    let rows = stmt.query_map([tag], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
