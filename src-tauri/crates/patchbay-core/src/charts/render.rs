//! A connection's charts, straight from the store.

use super::{Series, Theme, engagement_bars, follower_trend, heatmap_chart, sparkline};
use crate::analytics;
use crate::error::Result;
use crate::workspace::Workspace;
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
    ws: &Workspace,
    kind: ChartKind,
    ids: &[String],
    days: i64,
    theme: Theme,
    utc_offset_minutes: i32,
) -> Result<String> {
    let first = ids.first().cloned().unwrap_or_default();
    Ok(match kind {
        ChartKind::Followers => {
            let mut series = Vec::new();
            for id in ids {
                let name = crate::connections::service::load(ws, id)?.name;
                series.push(Series {
                    label: name,
                    points: analytics::followers(ws, id, days)?,
                });
            }
            follower_trend(&series, theme, &format!("Followers, last {days} days"))
        }
        ChartKind::Engagement => engagement_bars(
            &analytics::top_posts(ws, &first, days, 0)?,
            theme,
            &format!("Interactions per post, last {days} days"),
        ),
        ChartKind::Heatmap => heatmap_chart(
            &analytics::heatmap(ws, &first, days, utc_offset_minutes)?,
            theme,
            "When your posts do best (interactions per post)",
        ),
        ChartKind::Sparkline => sparkline(&analytics::followers(ws, &first, days)?, theme),
    })
}
