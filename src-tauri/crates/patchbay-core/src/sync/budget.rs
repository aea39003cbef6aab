//! The API budget: how much of each platform's allowance a connection used, as the platform
//! reports it (Meta's usage headers) or as Patchbay counts it (YouTube's daily quota units,
//! shared by every connection of one Google project).

use crate::error::Result;
use crate::platforms::api::Budget;
use crate::store::budgets;
use crate::workspace::Workspace;
use chrono::{Duration, Utc};

/// YouTube Data API units per day per Google project.
pub const YOUTUBE_DAILY_UNITS: f64 = 10_000.0;

/// The Pacific-time date YouTube's quota day belongs to.
fn quota_day() -> String {
    (Utc::now() - Duration::hours(8))
        .format("%Y-%m-%d")
        .to_string()
}

/// Stores what a sync learnt. For YouTube every request costs one unit of the project's day.
pub fn record(ws: &Workspace, id: &str, connector: &str, b: &Budget) -> Result<()> {
    let sql = ws.database().lock();
    let counted = crate::platforms::Platform::of(connector).is_some_and(|p| p.counts_quota_units());
    let percent = if counted {
        let project = crate::store::connections::require(&sql, id)?
            .config
            .get("client_id")
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let used = budgets::add_youtube_units(&sql, &project, &quota_day(), f64::from(b.requests))?;
        Some(used / YOUTUBE_DAILY_UNITS * 100.0)
    } else {
        b.used_percent
    };
    if let Some(p) = percent {
        let at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        budgets::set_used(&sql, id, (p * 10.0).round() / 10.0, &at)?;
    }
    Ok(())
}

/// The share of the budget last seen used, in percent.
pub fn used(ws: &Workspace, id: &str) -> Option<f64> {
    budgets::used(&ws.database().lock(), id).ok().flatten()
}
