//! A connection's charts, straight from the store.

use super::{Series, Theme, engagement_bars, follower_trend, heatmap_chart, sparkline};
use crate as analytics;
use patchbay_store::Database;
use patchbay_types::error::Result;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    Followers,
    Engagement,
    Heatmap,
    Sparkline,
}

pub fn render(
    db: &Database,
    kind: ChartKind,
    ids: &[String],
    days: i64,
    theme: Theme,
    utc_offset_minutes: i32,
) -> Result<super::Chart> {
    let first = ids.first().cloned().unwrap_or_default();
    Ok(match kind {
        ChartKind::Followers => {
            let mut series = Vec::new();
            for id in ids {
                let name = patchbay_store::connections::require(&db.lock(), id)?.name;
                series.push(Series {
                    label: name,
                    points: analytics::followers(db, id, days)?,
                });
            }
            follower_trend(&series, theme, &format!("Followers, last {days} days"))
        }
        ChartKind::Engagement => engagement_bars(
            &analytics::top_posts(db, &first, days, 0)?,
            theme,
            &format!("Interactions per post, last {days} days"),
        ),
        ChartKind::Heatmap => heatmap_chart(
            &analytics::heatmap(db, &first, days, utc_offset_minutes)?,
            theme,
            "When your posts do best (interactions per post)",
        ),
        ChartKind::Sparkline => sparkline(&analytics::followers(db, &first, days)?, theme),
    })
}
