//! Complete history. One sync fetches at most `MAX_PAGES` pages of posts; when an account has
//! more (or a first sync is cut short by a rate limit), the place where it stopped is kept as a
//! backfill cursor, and every later sync goes on backwards from there, after the new posts,
//! until the platform offers nothing older. TikTok, X and Reddit keep no history of their own,
//! so without this an account's older posts would never be stored.

use crate::error::Result;
use crate::store::sync_runs;
use crate::workspace::Workspace;

/// The cursor's stream name beside the posts stream's own cursor.
pub const STREAM: &str = "posts.backfill";

/// Where the backfill goes on, if history is still incomplete.
pub fn stored(ws: &Workspace, id: &str) -> Result<Option<String>> {
    sync_runs::cursor(&ws.database().lock(), id, STREAM)
}

/// Keeps where the next backfill starts, or forgets it once history is complete.
pub fn keep(ws: &Workspace, id: &str, left: Option<&str>) -> Result<()> {
    let db = ws.database().lock();
    match left {
        Some(cursor) => {
            sync_runs::set_cursor(&db, id, STREAM, cursor, &chrono::Utc::now().to_rfc3339())
        }
        None => sync_runs::delete_cursor(&db, id, STREAM),
    }
}

/// "Backfilling: 1,240 of ~2,000 posts stored…" while history is incomplete.
pub fn status(ws: &Workspace, id: &str) -> Result<Option<String>> {
    if stored(ws, id)?.is_none() {
        return Ok(None);
    }
    let (stored, total) = sync_runs::history(&ws.database().lock(), id)?;
    Ok(Some(match total.filter(|t| *t > stored) {
        Some(total) => format!(
            "Backfilling: {} of ~{} posts stored; older ones come with the next syncs.",
            thousands(stored),
            thousands(total)
        ),
        None => format!(
            "Backfilling: {} posts stored; older ones come with the next syncs.",
            thousands(stored)
        ),
    }))
}

fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_with_separators() {
        assert_eq!(super::thousands(1240), "1,240");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(2_000_000), "2,000,000");
    }
}
