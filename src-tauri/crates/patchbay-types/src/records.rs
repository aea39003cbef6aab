//! What adapters hand to the engine: platform-neutral profiles, posts and metrics.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub external_id: String,
    pub handle: Option<String>,
    pub display_name: Option<String>,
    pub followers: Option<i64>,
    pub following: Option<i64>,
    pub posts_count: Option<i64>,
    pub verified: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Metrics {
    pub views: Option<i64>,
    pub reach: Option<i64>,
    pub likes: Option<i64>,
    pub comments: Option<i64>,
    pub shares: Option<i64>,
    pub saves: Option<i64>,
}

impl Metrics {
    /// (name, value) for every metric the platform gave.
    pub fn named(&self) -> Vec<(&'static str, i64)> {
        [
            ("views", self.views),
            ("reach", self.reach),
            ("likes", self.likes),
            ("comments", self.comments),
            ("shares", self.shares),
            ("saves", self.saves),
        ]
        .into_iter()
        .filter_map(|(n, v)| v.map(|v| (n, v)))
        .collect()
    }

    /// Likes + comments + shares + saves: what every engagement formula counts.
    pub fn interactions(&self) -> i64 {
        self.likes.unwrap_or(0)
            + self.comments.unwrap_or(0)
            + self.shares.unwrap_or(0)
            + self.saves.unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub platform_id: String,
    pub caption: Option<String>,
    pub media_type: Option<String>,
    pub media_url: Option<String>,
    pub thumbnail_url: Option<String>,
    pub permalink: Option<String>,
    pub posted_at: DateTime<Utc>,
    pub metrics: Metrics,
}

/// An account-level daily metric (Instagram account insights, YouTube Analytics).
#[derive(Debug, Clone, PartialEq)]
pub struct DailyMetric {
    pub metric: String,
    pub day: DateTime<Utc>,
    pub value: f64,
}
