//! The per-account overview: followers and their change, posts in the period, and an
//! engagement rate whose formula is chosen and named.

use patchbay_store::Database;
use patchbay_store::reads;
use patchbay_types::error::Result;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EngagementFormula {
    /// Interactions ÷ followers × 100, averaged over posts.
    #[default]
    PerFollower,
    /// Interactions ÷ reach × 100.
    PerReach,
    /// Interactions ÷ views × 100.
    PerView,
}

impl EngagementFormula {
    pub fn label(self) -> &'static str {
        match self {
            Self::PerFollower => "interactions per follower",
            Self::PerReach => "interactions per reach",
            Self::PerView => "interactions per view",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Overview {
    pub connection_id: String,
    pub handle: Option<String>,
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
    #[ts(type = "number | null")]
    pub change_7d: Option<i64>,
    #[ts(type = "number | null")]
    pub change_30d: Option<i64>,
    #[ts(type = "number | null")]
    pub change_90d: Option<i64>,
    #[ts(type = "number")]
    pub posts_in_period: i64,
    #[ts(type = "number")]
    pub period_days: i64,
    #[ts(type = "number")]
    pub total_views: i64,
    pub engagement_rate: Option<f64>,
    pub engagement_formula: EngagementFormula,
    pub engagement_label: String,
    /// Why the rate is missing, when it is (no reach on TikTok, no followers below 100…).
    pub engagement_note: Option<String>,
    pub last_synced_at: Option<String>,
}

/// Followers now minus followers `days` ago, from the follower history (recorded snapshots,
/// and earlier days rebuilt from the platform's daily net changes where it reports them).
fn change(history: &[super::TrendPoint], now: Option<i64>, days: i64) -> Option<i64> {
    let now = now?;
    let then = (chrono::Utc::now() - chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string();
    history
        .iter()
        .rev()
        .find(|p| p.day <= then)
        .map(|p| now - p.value as i64)
}

pub fn overview(
    db: &Database,
    id: &str,
    days: i64,
    formula: EngagementFormula,
) -> Result<Overview> {
    let connection = patchbay_store::connections::require(&db.lock(), id)?;
    let history = super::trend::followers(db, id, 100)?;
    let sql = db.lock();
    let (handle, followers) = reads::profile(&sql, id)?.unwrap_or((None, None));
    let t = reads::post_totals(&sql, id, &super::since(days))?;
    drop(sql);
    let (posts, views, interactions, reach, reach_posts, viewed, view_posts) = (
        t.posts,
        t.views,
        t.interactions,
        t.reach,
        t.with_reach,
        t.views,
        t.with_views,
    );
    let (rate, note) = if posts == 0 {
        (None, Some(format!("No posts in the last {days} days.")))
    } else {
        match formula {
            EngagementFormula::PerFollower => match followers.filter(|f| *f > 0) {
                Some(f) => (Some(interactions as f64 / posts as f64 / f as f64 * 100.0), None),
                None => (None, Some("The platform does not report followers for this account (Instagram hides them below 100).".into())),
            },
            EngagementFormula::PerReach if reach_posts > 0 && reach > 0 => (Some(interactions as f64 / reach as f64 * 100.0), None),
            EngagementFormula::PerReach => (None, Some("This platform reports no reach (TikTok and YouTube do not).".into())),
            EngagementFormula::PerView if view_posts > 0 && viewed > 0 => (Some(interactions as f64 / viewed as f64 * 100.0), None),
            EngagementFormula::PerView => (None, Some("This platform reports no views for these posts.".into())),
        }
    };
    Ok(Overview {
        connection_id: id.to_owned(),
        handle,
        followers,
        change_7d: change(&history, followers, 7),
        change_30d: change(&history, followers, 30),
        change_90d: change(&history, followers, 90),
        posts_in_period: posts,
        period_days: days,
        total_views: views,
        engagement_rate: rate,
        engagement_formula: formula,
        engagement_label: formula.label().to_owned(),
        engagement_note: note,
        last_synced_at: connection.last_synced_at,
    })
}
