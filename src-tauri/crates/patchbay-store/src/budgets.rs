//! The API budget: the share each connection last saw used, and YouTube's quota units per
//! Google project and Pacific day (one project's connections share its 10,000 daily units).

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// Quota days kept: today and yesterday (Pacific), enough to show the day that just reset.
const QUOTA_DAYS_KEPT: i64 = 2;

pub fn set_used(sql: &Connection, connection_id: &str, percent: f64, at: &str) -> Result<()> {
    sql.execute(
        "INSERT INTO api_budgets (connection_id, used_percent, seen_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (connection_id) DO UPDATE SET used_percent = ?2, seen_at = ?3",
        params![connection_id, percent, at],
    )?;
    Ok(())
}

/// The share last seen used, in percent.
pub fn used(sql: &Connection, connection_id: &str) -> Result<Option<f64>> {
    Ok(sql
        .query_row(
            "SELECT used_percent FROM api_budgets WHERE connection_id = ?1",
            [connection_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Adds `units` to `project`'s count for `day` (YYYY-MM-DD, Pacific), forgets days older than
/// yesterday, and returns the day's total.
pub fn add_youtube_units(sql: &Connection, project: &str, day: &str, units: f64) -> Result<f64> {
    sql.execute(
        "INSERT INTO youtube_quota (project, day, units) VALUES (?1, ?2, ?3)
         ON CONFLICT (project, day) DO UPDATE SET units = units + ?3",
        params![project, day, units],
    )?;
    sql.execute(
        "DELETE FROM youtube_quota WHERE day < date(?1, ?2)",
        params![day, format!("-{} days", QUOTA_DAYS_KEPT - 1)],
    )?;
    Ok(sql.query_row(
        "SELECT units FROM youtube_quota WHERE project = ?1 AND day = ?2",
        params![project, day],
        |r| r.get(0),
    )?)
}

/// Every project's units per day, oldest first (for diagnostics and tests).
pub fn youtube_days(sql: &Connection) -> Result<Vec<(String, String, f64)>> {
    let mut stmt =
        sql.prepare("SELECT project, day, units FROM youtube_quota ORDER BY day, project")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Database;

    #[test]
    fn quota_units_add_up_per_project_and_day_and_old_days_are_pruned() {
        let db = Database::open_in_memory().unwrap();
        let sql = db.lock();
        assert_eq!(
            add_youtube_units(&sql, "p1", "2026-11-01", 3.0).unwrap(),
            3.0
        );
        assert_eq!(
            add_youtube_units(&sql, "p1", "2026-11-01", 4.0).unwrap(),
            7.0
        );
        assert_eq!(
            add_youtube_units(&sql, "p2", "2026-11-01", 1.0).unwrap(),
            1.0
        );
        assert_eq!(
            add_youtube_units(&sql, "p1", "2026-11-02", 1.0).unwrap(),
            1.0
        );
        assert_eq!(youtube_days(&sql).unwrap().len(), 3, "yesterday is kept");
        add_youtube_units(&sql, "p1", "2026-11-05", 1.0).unwrap();
        assert_eq!(
            youtube_days(&sql).unwrap(),
            [("p1".to_owned(), "2026-11-05".to_owned(), 1.0)]
        );
    }
}
