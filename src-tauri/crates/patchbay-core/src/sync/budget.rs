//! The API budget: how much of each platform's allowance a connection used, as the platform
//! reports it (Meta's usage headers) or as Patchbay counts it (YouTube's daily quota units,
//! shared by every connection of one Google project).

use super::fetch::Budget;
use crate::error::Result;
use crate::store::settings;
use crate::workspace::Workspace;
use chrono::{Duration, Utc};

/// YouTube Data API units per day per Google project.
pub const YOUTUBE_DAILY_UNITS: f64 = 10_000.0;

fn key(id: &str) -> String {
    format!("budget.{id}")
}

/// The Pacific-time date YouTube's quota day belongs to.
fn quota_day() -> String {
    (Utc::now() - Duration::hours(8))
        .format("%Y-%m-%d")
        .to_string()
}

/// Stores what a sync learnt. For YouTube every request costs one unit of the project's day.
pub fn record(ws: &Workspace, id: &str, connector: &str, b: &Budget) -> Result<()> {
    let db = ws.database();
    let percent = if connector == "youtube" {
        let project = crate::store::connections::require(&db.lock(), id)?
            .config
            .get("client_id")
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let units_key = format!("budget.youtube.{project}.{}", quota_day());
        let used = settings::get_in(db, &units_key)?
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            + f64::from(b.requests);
        settings::set_in(db, &units_key, &used.to_string())?;
        Some(used / YOUTUBE_DAILY_UNITS * 100.0)
    } else {
        b.used_percent
    };
    if let Some(p) = percent {
        settings::set_in(db, &key(id), &format!("{p:.1}"))?;
    }
    Ok(())
}

/// The share of the budget last seen used, in percent.
pub fn used(ws: &Workspace, id: &str) -> Option<f64> {
    settings::get_in(ws.database(), &key(id))
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
}
