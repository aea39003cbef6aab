//! A metric's daily curve from the account snapshots: the last value of each day.

use patchbay_store::Database;
use patchbay_types::error::Result;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TrendPoint {
    /// YYYY-MM-DD (UTC).
    pub day: String,
    pub value: f64,
}

pub fn trend(db: &Database, id: &str, metric: &str, days: i64) -> Result<Vec<TrendPoint>> {
    let sql = db.lock();
    // SQLite's bare-column rule: with max(captured_at), `value` comes from that same row, so
    // one index range scan gives each day's last value.
    let mut stmt = sql.prepare_cached(
        "SELECT substr(captured_at, 1, 10) AS day, value, max(captured_at) FROM snapshots
         WHERE connection_id = ?1 AND post_id IS NULL AND metric = ?2 AND captured_at >= ?3
         GROUP BY day ORDER BY day",
    )?;
    let rows = stmt.query_map(params![id, metric, super::since(days)], |r| {
        Ok(TrendPoint {
            day: r.get(0)?,
            value: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Daily net follower changes some platforms report: they let Patchbay draw the follower curve
/// back before its first sync (YouTube Analytics and Facebook Page Insights backfill a year;
/// Instagram gives 30 days).
const NET_CHANGES: [(&str, f64); 5] = [
    ("youtube.subscribersGained", 1.0),
    ("youtube.subscribersLost", -1.0),
    ("instagram.follower_count", 1.0),
    ("facebook.page_daily_follows_unique", 1.0),
    ("facebook.page_daily_unfollows_unique", -1.0),
];

/// The follower curve: snapshot days as recorded, earlier days rebuilt from the platform's
/// daily net changes, walking back from the oldest recorded count.
pub fn followers(db: &Database, id: &str, days: i64) -> Result<Vec<TrendPoint>> {
    let recorded = trend(db, id, "followers", days)?;
    let Some(oldest) = recorded.first().cloned() else {
        return Ok(recorded);
    };
    let sql = db.lock();
    let mut net: std::collections::BTreeMap<String, f64> = std::collections::BTreeMap::new();
    for (metric, sign) in NET_CHANGES {
        let mut stmt = sql.prepare_cached(
            "SELECT substr(captured_at, 1, 10), value FROM snapshots WHERE connection_id = ?1 AND post_id IS NULL AND metric = ?2 AND captured_at >= ?3",
        )?;
        for row in stmt.query_map(params![id, metric, super::since(days)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?))
        })? {
            let (day, value) = row?;
            *net.entry(day).or_default() += sign * value;
        }
    }
    drop(sql);
    let mut rebuilt = Vec::new();
    // The count at the end of a day is the oldest recorded count minus every change after that
    // day, including the recorded day's own change when the platform already reports it.
    let mut value = oldest.value - net.get(&oldest.day).copied().unwrap_or(0.0);
    for (day, change) in net.iter().rev().filter(|(d, _)| **d < oldest.day) {
        rebuilt.push(TrendPoint {
            day: day.clone(),
            value,
        });
        value -= change;
    }
    rebuilt.reverse();
    rebuilt.extend(recorded);
    Ok(rebuilt)
}
