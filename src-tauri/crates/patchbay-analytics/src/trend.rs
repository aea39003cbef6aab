//! A metric's daily curve from the account snapshots: the last value of each day.

use patchbay_store::Database;
use patchbay_store::reads;
use patchbay_types::error::Result;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TrendPoint {
    /// YYYY-MM-DD (UTC).
    pub day: String,
    pub value: f64,
}

pub fn trend(db: &Database, id: &str, metric: &str, days: i64) -> Result<Vec<TrendPoint>> {
    Ok(
        reads::daily_last(&db.lock(), id, metric, &super::since(days))?
            .into_iter()
            .map(|(day, value)| TrendPoint { day, value })
            .collect(),
    )
}

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
        for (day, value) in reads::daily_values(&sql, id, metric, &super::since(days))? {
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
