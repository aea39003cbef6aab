//! Top posts: by engagement rate, then views.

use patchbay_store::Database;
use patchbay_types::error::Result;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TopPost {
    pub platform_id: String,
    pub caption: Option<String>,
    pub media_type: Option<String>,
    pub thumbnail_url: Option<String>,
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
    let sql = db.lock();
    let mut stmt = sql.prepare_cached(
        "SELECT platform_id, caption, media_type, thumbnail_url, permalink, posted_at, views, likes, comments, shares, saves, reach, engagement_rate
         FROM posts WHERE connection_id = ?1 AND posted_at >= ?2
         ORDER BY engagement_rate DESC NULLS LAST, views DESC NULLS LAST, posted_at DESC
         LIMIT ?3",
    )?;
    let limit = if limit <= 0 { -1 } else { limit };
    let rows = stmt.query_map(params![id, super::since(days), limit], |r| {
        Ok(TopPost {
            platform_id: r.get(0)?,
            caption: r.get(1)?,
            media_type: r.get(2)?,
            thumbnail_url: r.get(3)?,
            permalink: r.get(4)?,
            posted_at: r.get(5)?,
            views: r.get(6)?,
            likes: r.get(7)?,
            comments: r.get(8)?,
            shares: r.get(9)?,
            saves: r.get(10)?,
            reach: r.get(11)?,
            engagement_rate: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
