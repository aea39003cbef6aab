//! What the analytics ask of the stored history, as plain rows. The meaning (engagement
//! formulas, follower curves rebuilt from daily changes, time zones) is `patchbay-analytics`';
//! the SQL is here, with the rest of the file's SQL.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// Likes + comments + shares + saves of one post: the one definition every figure counts.
pub const INTERACTIONS: &str =
    "(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0))";

/// The last value of an account-level metric on each day since `since`, oldest first.
pub fn daily_last(
    sql: &Connection,
    id: &str,
    metric: &str,
    since: &str,
) -> Result<Vec<(String, f64)>> {
    let mut stmt = sql.prepare_cached(
        "SELECT substr(captured_at, 1, 10) AS day, value, max(captured_at) FROM snapshots
         WHERE connection_id = ?1 AND post_id IS NULL AND metric = ?2 AND captured_at >= ?3
         GROUP BY day ORDER BY day",
    )?;
    let rows = stmt.query_map(params![id, metric, since], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every recorded value of an account-level metric since `since`, with its day.
pub fn daily_values(
    sql: &Connection,
    id: &str,
    metric: &str,
    since: &str,
) -> Result<Vec<(String, f64)>> {
    let mut stmt = sql.prepare_cached(
        "SELECT substr(captured_at, 1, 10), value FROM snapshots
         WHERE connection_id = ?1 AND post_id IS NULL AND metric = ?2 AND captured_at >= ?3",
    )?;
    let rows = stmt.query_map(params![id, metric, since], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A stored post with its latest numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct PostRow {
    pub platform_id: String,
    pub caption: Option<String>,
    pub media_type: Option<String>,
    pub thumbnail_url: Option<String>,
    pub permalink: Option<String>,
    pub posted_at: String,
    pub views: Option<i64>,
    pub likes: Option<i64>,
    pub comments: Option<i64>,
    pub shares: Option<i64>,
    pub saves: Option<i64>,
    pub reach: Option<i64>,
    pub engagement_rate: Option<f64>,
}

/// Posts since `since`, best engagement rate first, then views, then newest; `limit` ≤ 0 for all.
pub fn posts_ranked(sql: &Connection, id: &str, since: &str, limit: i64) -> Result<Vec<PostRow>> {
    let mut stmt = sql.prepare_cached(
        "SELECT platform_id, caption, media_type, thumbnail_url, permalink, posted_at, views, likes, comments, shares, saves, reach, engagement_rate
         FROM posts WHERE connection_id = ?1 AND posted_at >= ?2
         ORDER BY engagement_rate DESC NULLS LAST, views DESC NULLS LAST, posted_at DESC
         LIMIT ?3",
    )?;
    let limit = if limit <= 0 { -1 } else { limit };
    let rows = stmt.query_map(params![id, since, limit], |r| {
        Ok(PostRow {
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

/// When each post since `since` went out, and its interactions.
pub fn post_times(sql: &Connection, id: &str, since: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = sql.prepare_cached(&format!(
        "SELECT posted_at, {INTERACTIONS} FROM posts WHERE connection_id = ?1 AND posted_at >= ?2"
    ))?;
    let rows = stmt.query_map(params![id, since], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The account's handle and follower count, when a profile was synced.
pub fn profile(sql: &Connection, id: &str) -> Result<Option<(Option<String>, Option<i64>)>> {
    Ok(sql
        .query_row(
            "SELECT handle, followers FROM profiles WHERE connection_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Sums over the posts since `since`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostTotals {
    pub posts: i64,
    /// Sum of views over the posts that report views, and how many do.
    pub views: i64,
    pub with_views: i64,
    pub interactions: i64,
    /// Sum of reach over the posts that report reach, and how many do.
    pub reach: i64,
    pub with_reach: i64,
}

pub fn post_totals(sql: &Connection, id: &str, since: &str) -> Result<PostTotals> {
    post_totals_between(sql, id, since, "9999")
}

/// Post totals of posts published in `[since, until)`.
pub fn post_totals_between(
    sql: &Connection,
    id: &str,
    since: &str,
    until: &str,
) -> Result<PostTotals> {
    Ok(sql.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(views), 0), count(views), coalesce(sum({INTERACTIONS}), 0),
                    coalesce(sum(reach), 0), count(reach)
             FROM posts WHERE connection_id = ?1 AND posted_at >= ?2 AND posted_at < ?3"
        ),
        params![id, since, until],
        |r| {
            Ok(PostTotals {
                posts: r.get(0)?,
                views: r.get(1)?,
                with_views: r.get(2)?,
                interactions: r.get(3)?,
                reach: r.get(4)?,
                with_reach: r.get(5)?,
            })
        },
    )?)
}

/// One snapshot row as exported: the post's platform id (empty for account metrics), metric,
/// value, when, and where it came from.
pub fn each_snapshot(
    sql: &Connection,
    id: &str,
    mut each: impl FnMut([String; 5]) -> Result<()>,
) -> Result<()> {
    let mut stmt = sql.prepare(
        "SELECT coalesce(p.platform_id, ''), s.metric, s.value, s.captured_at, s.source
         FROM snapshots s LEFT JOIN posts p ON p.id = s.post_id
         WHERE s.connection_id = ?1 ORDER BY s.captured_at, s.id",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        each([
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, f64>(2)?.to_string(),
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ])?;
    }
    Ok(())
}

/// Deletes snapshots taken before `before`; returns how many.
pub fn delete_snapshots_before(sql: &Connection, before: &str) -> Result<usize> {
    Ok(sql.execute("DELETE FROM snapshots WHERE captured_at < ?1", [before])?)
}

/// A connection's posts with a thumbnail address, newest first.
pub fn thumbnails(sql: &Connection, connection_id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = sql.prepare(
        "SELECT platform_id, thumbnail_url FROM posts
         WHERE connection_id = ?1 AND thumbnail_url IS NOT NULL ORDER BY posted_at DESC",
    )?;
    let rows = stmt.query_map([connection_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
