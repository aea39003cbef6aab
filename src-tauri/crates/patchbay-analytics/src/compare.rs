//! Accounts of every size side by side: what each one's posts earn per 1,000 followers, so a
//! 3,000-follower account and a 3-million-follower one can be compared fairly.

use patchbay_store::Database;
use patchbay_store::reads;
use patchbay_types::error::Result;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Comparison {
    pub connection_id: String,
    pub name: String,
    pub connector_id: String,
    pub handle: Option<String>,
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
    #[ts(type = "number")]
    pub posts: i64,
    /// Average views per post, per 1,000 followers.
    pub views_per_1k: Option<f64>,
    /// Average interactions (likes, comments, shares, saves) per post, per 1,000 followers.
    pub interactions_per_1k: Option<f64>,
    /// Followers gained over the period, per 1,000 followers.
    pub growth_per_1k: Option<f64>,
}

fn per_1k(value: f64, followers: Option<i64>) -> Option<f64> {
    followers
        .filter(|f| *f > 0)
        .map(|f| value / f as f64 * 1000.0)
}

/// Every synced account over the last `days`, best interactions per 1,000 followers first;
/// accounts without a follower count come last (nothing to divide by).
pub fn compare(db: &Database, days: i64) -> Result<Vec<Comparison>> {
    let since = super::since(days);
    let mut out = Vec::new();
    let connections = patchbay_store::connections::list(&db.lock(), None, None)?;
    for c in connections {
        let history = super::trend::followers(db, &c.id, days.max(1) + 1)?;
        let sql = db.lock();
        let Some((handle, followers)) = reads::profile(&sql, &c.id)? else {
            continue;
        };
        let t = reads::post_totals(&sql, &c.id, &since)?;
        drop(sql);
        let (posts, views, viewed, interactions) = (t.posts, t.views, t.with_views, t.interactions);
        let growth = match (followers, history.first()) {
            (Some(now), Some(then)) if history.len() > 1 => Some((now - then.value as i64) as f64),
            _ => None,
        };
        out.push(Comparison {
            connection_id: c.id.clone(),
            name: c.name.clone(),
            connector_id: c.connector_id.clone(),
            handle,
            followers,
            posts,
            views_per_1k: (viewed > 0)
                .then(|| per_1k(views as f64 / viewed as f64, followers))
                .flatten(),
            interactions_per_1k: (posts > 0)
                .then(|| per_1k(interactions as f64 / posts as f64, followers))
                .flatten(),
            growth_per_1k: growth.and_then(|g| per_1k(g, followers)),
        });
    }
    out.sort_by(|a, b| {
        b.interactions_per_1k
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.interactions_per_1k.unwrap_or(f64::NEG_INFINITY))
    });
    Ok(out)
}
