//! Writes of synced data: profiles, posts and their snapshots. Each function takes the
//! caller's transaction, so a page of posts, its snapshots and the cursor commit together.

use patchbay_types::error::Result;
use patchbay_types::records::{DailyMetric, Metrics, Post, Profile};
use rusqlite::{Connection, OptionalExtension, params};

pub fn upsert_profile(sql: &Connection, connection_id: &str, p: &Profile, at: &str) -> Result<()> {
    sql.execute(
        "INSERT INTO profiles (connection_id, external_id, handle, display_name, followers, following, posts_count, verified, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (connection_id) DO UPDATE SET external_id = excluded.external_id, handle = excluded.handle,
             display_name = excluded.display_name, followers = excluded.followers, following = excluded.following,
             posts_count = excluded.posts_count, verified = excluded.verified, synced_at = excluded.synced_at",
        params![connection_id, p.external_id, p.handle, p.display_name, p.followers, p.following, p.posts_count, p.verified, at],
    )?;
    let mut snap = sql.prepare_cached(
        "INSERT INTO snapshots (connection_id, post_id, metric, value, captured_at, source) VALUES (?1, NULL, ?2, ?3, ?4, 'profile')",
    )?;
    for (metric, value) in [
        ("followers", p.followers),
        ("following", p.following),
        ("posts_count", p.posts_count),
    ] {
        if let Some(v) = value {
            snap.execute(params![connection_id, metric, v as f64, at])?;
        }
    }
    Ok(())
}

/// Inserts or updates one post with its latest metrics, and appends a snapshot of each.
pub fn upsert_post(
    sql: &Connection,
    connection_id: &str,
    p: &Post,
    followers: Option<i64>,
    at: &str,
) -> Result<()> {
    let m = &p.metrics;
    // A page fetched again right after a crash repeats what is stored: no new data point.
    let previous: Option<(Metrics, String)> = sql
        .prepare_cached("SELECT views, reach, likes, comments, shares, saves, updated_at FROM posts WHERE connection_id = ?1 AND platform_id = ?2")?
        .query_row(params![connection_id, p.platform_id], |r| Ok((Metrics { views: r.get(0)?, reach: r.get(1)?, likes: r.get(2)?, comments: r.get(3)?, shares: r.get(4)?, saves: r.get(5)? }, r.get(6)?)))
        .optional()?;
    let unchanged = previous.is_some_and(|(before, updated)| {
        let same = before == *m;
        let recent = chrono::DateTime::parse_from_rfc3339(&updated)
            .ok()
            .zip(chrono::DateTime::parse_from_rfc3339(at).ok())
            .is_some_and(|(u, now)| now - u < chrono::Duration::hours(1));
        same && recent
    });
    let rate = followers
        .filter(|f| *f > 0)
        .map(|f| m.interactions() as f64 / f as f64 * 100.0);
    let post_id: i64 = sql
        .prepare_cached(
            "INSERT INTO posts (connection_id, platform_id, caption, media_type, media_url, thumbnail_url, permalink, posted_at,
                                views, reach, likes, comments, shares, saves, engagement_rate, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT (connection_id, platform_id) DO UPDATE SET caption = excluded.caption, media_type = excluded.media_type,
                 media_url = excluded.media_url, thumbnail_url = excluded.thumbnail_url, permalink = excluded.permalink,
                 views = coalesce(excluded.views, posts.views), reach = coalesce(excluded.reach, posts.reach),
                 likes = coalesce(excluded.likes, posts.likes), comments = coalesce(excluded.comments, posts.comments),
                 shares = coalesce(excluded.shares, posts.shares), saves = coalesce(excluded.saves, posts.saves),
                 engagement_rate = excluded.engagement_rate, updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(
            params![
                connection_id,
                p.platform_id,
                p.caption,
                p.media_type,
                p.media_url,
                p.thumbnail_url,
                p.permalink,
                p.posted_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                m.views,
                m.reach,
                m.likes,
                m.comments,
                m.shares,
                m.saves,
                rate,
                at
            ],
            |r| r.get(0),
        )?;
    if unchanged {
        return Ok(());
    }
    let mut snap = sql.prepare_cached(
        "INSERT INTO snapshots (connection_id, post_id, metric, value, captured_at, source) VALUES (?1, ?2, ?3, ?4, ?5, 'posts')",
    )?;
    for (metric, value) in m.named() {
        snap.execute(params![connection_id, post_id, metric, value as f64, at])?;
    }
    Ok(())
}

/// Daily account metrics: one snapshot per metric and day (a re-sync replaces that day's value).
pub fn put_daily(
    sql: &Connection,
    connection_id: &str,
    metrics: &[DailyMetric],
    source: &str,
) -> Result<()> {
    let mut delete = sql.prepare_cached("DELETE FROM snapshots WHERE connection_id = ?1 AND post_id IS NULL AND metric = ?2 AND captured_at = ?3")?;
    let mut insert = sql.prepare_cached(
        "INSERT INTO snapshots (connection_id, post_id, metric, value, captured_at, source) VALUES (?1, NULL, ?2, ?3, ?4, ?5)",
    )?;
    for m in metrics {
        let day = m.day.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        delete.execute(params![connection_id, m.metric, day])?;
        insert.execute(params![connection_id, m.metric, m.value, day, source])?;
    }
    Ok(())
}

pub fn followers(sql: &Connection, connection_id: &str) -> Result<Option<i64>> {
    Ok(sql
        .query_row(
            "SELECT followers FROM profiles WHERE connection_id = ?1",
            [connection_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Deletes everything synced from a connection (its settings stay).
pub fn delete_all(sql: &Connection, connection_id: &str) -> Result<()> {
    for table in [
        "snapshots",
        "posts",
        "profiles",
        "sync_runs",
        "cursors",
        "raw_payloads",
    ] {
        sql.execute(
            &format!("DELETE FROM {table} WHERE connection_id = ?1"),
            [connection_id],
        )?;
    }
    Ok(())
}
