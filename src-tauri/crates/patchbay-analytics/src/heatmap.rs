//! When to post: the average engagement of the account's own posts by weekday and hour, in
//! the user's time zone.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use patchbay_store::Database;
use patchbay_store::reads;
use patchbay_types::error::Result;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Heatmap {
    /// `cells[weekday][hour]`: Monday first; the average interactions per post, or null.
    pub cells: Vec<Vec<Option<f64>>>,
    /// How many posts fell in each cell.
    pub counts: Vec<Vec<u32>>,
    pub utc_offset_minutes: i32,
}

pub fn heatmap(db: &Database, id: &str, days: i64, utc_offset_minutes: i32) -> Result<Heatmap> {
    let tz = FixedOffset::east_opt(utc_offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC exists"));
    let mut sums = vec![vec![0f64; 24]; 7];
    let mut counts = vec![vec![0u32; 24]; 7];
    let rows = reads::post_times(&db.lock(), id, &super::since(days))?;
    for (at, interactions) in rows {
        let Ok(t) = DateTime::parse_from_rfc3339(&at) else {
            continue;
        };
        let local = t.with_timezone(&tz);
        let (d, h) = (
            local.weekday().num_days_from_monday() as usize,
            local.hour() as usize,
        );
        sums[d][h] += interactions as f64;
        counts[d][h] += 1;
    }
    let cells = sums
        .iter()
        .zip(&counts)
        .map(|(s, c)| {
            s.iter()
                .zip(c)
                .map(|(sum, n)| (*n > 0).then(|| sum / f64::from(*n)))
                .collect()
        })
        .collect();
    Ok(Heatmap {
        cells,
        counts,
        utc_offset_minutes,
    })
}
