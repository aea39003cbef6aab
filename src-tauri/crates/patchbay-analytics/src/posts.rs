//! Top posts: by engagement rate, then views.

use patchbay_store::Database;
use patchbay_store::reads;
use patchbay_types::error::Result;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TopPost {
    pub platform_id: String,
    pub caption: Option<String>,
    pub media_type: Option<String>,
    pub thumbnail_url: Option<String>,
    /// The thumbnail kept on this machine (a name under `<data dir>/media/`), once downloaded.
    #[serde(default)]
    pub thumbnail_file: Option<String>,
    pub permalink: Option<String>,
    pub posted_at: String,
    #[ts(type = "number | null")]
    pub views: Option<i64>,
    #[ts(type = "number | null")]
    pub likes: Option<i64>,
    #[ts(type = "number | null")]
    pub comments: Option<i64>,
    #[ts(type = "number | null")]
    pub shares: Option<i64>,
    #[ts(type = "number | null")]
    pub saves: Option<i64>,
    #[ts(type = "number | null")]
    pub reach: Option<i64>,
    pub engagement_rate: Option<f64>,
}

/// Every post of the period, best first. `limit` 0 means all.
pub fn top_posts(db: &Database, id: &str, days: i64, limit: i64) -> Result<Vec<TopPost>> {
    Ok(
        reads::posts_ranked(&db.lock(), id, &super::since(days), limit)?
            .into_iter()
            .map(TopPost::from)
            .collect(),
    )
}

impl TopPost {
    /// Likes + comments + shares + saves, counted as everywhere else.
    pub fn interactions(&self) -> i64 {
        patchbay_types::records::Metrics {
            likes: self.likes,
            comments: self.comments,
            shares: self.shares,
            saves: self.saves,
            ..Default::default()
        }
        .interactions()
    }
}

impl From<reads::PostRow> for TopPost {
    fn from(r: reads::PostRow) -> Self {
        Self {
            platform_id: r.platform_id,
            caption: r.caption,
            media_type: r.media_type,
            thumbnail_url: r.thumbnail_url,
            thumbnail_file: None,
            permalink: r.permalink,
            posted_at: r.posted_at,
            views: r.views,
            likes: r.likes,
            comments: r.comments,
            shares: r.shares,
            saves: r.saves,
            reach: r.reach,
            engagement_rate: r.engagement_rate,
        }
    }
}
