//! A metric's daily curve from the account snapshots: the last value of each day.

use crate::error::Result;
use crate::workspace::Workspace;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TrendPoint {
    /// YYYY-MM-DD (UTC).
    pub day: String,
    pub value: f64,
}

pub fn trend(ws: &Workspace, id: &str, metric: &str, days: i64) -> Result<Vec<TrendPoint>> {
    let sql = ws.database().lock();
    let mut stmt = sql.prepare_cached(
        "SELECT substr(captured_at, 1, 10) AS day, value FROM snapshots
         WHERE connection_id = ?1 AND post_id IS NULL AND metric = ?2 AND captured_at >= ?3
           AND captured_at = (SELECT max(s2.captured_at) FROM snapshots s2
                              WHERE s2.connection_id = ?1 AND s2.post_id IS NULL AND s2.metric = ?2
                                AND substr(s2.captured_at, 1, 10) = substr(snapshots.captured_at, 1, 10))
         ORDER BY day",
    )?;
    let rows = stmt.query_map(params![id, metric, super::since(days)], |r| {
        Ok(TrendPoint {
            day: r.get(0)?,
            value: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
