//! Leases across processes: a row taken inside `BEGIN IMMEDIATE`, so two processes sharing the
//! data directory can never both believe they hold the same lease.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// Takes `name` for `holder` until `expires_at` (RFC 3339, UTC) when it is free, lapsed (its
/// expiry is before `now`), held by a holder `alive` says is gone, or already `holder`'s.
/// Returns whether `holder` now holds it.
pub fn try_take(
    sql: &mut Connection,
    name: &str,
    holder: &str,
    now: &str,
    expires_at: &str,
    alive: &dyn Fn(&str) -> bool,
) -> Result<bool> {
    let tx = sql.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: Option<(String, String)> = tx
        .query_row(
            "SELECT holder, expires_at FROM leases WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let free = match &current {
        None => true,
        Some((who, until)) => who == holder || until.as_str() < now || !alive(who),
    };
    if free {
        tx.execute(
            "INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET holder = ?2, expires_at = ?3",
            params![name, holder, expires_at],
        )?;
    }
    tx.commit()?;
    Ok(free)
}

/// Moves `holder`'s lease on `name` to a later expiry; false when it no longer holds it.
pub fn extend(sql: &Connection, name: &str, holder: &str, expires_at: &str) -> Result<bool> {
    Ok(sql.execute(
        "UPDATE leases SET expires_at = ?3 WHERE name = ?1 AND holder = ?2",
        params![name, holder, expires_at],
    )? == 1)
}

/// Gives `name` up, if `holder` holds it.
pub fn release(sql: &Connection, name: &str, holder: &str) -> Result<()> {
    sql.execute(
        "DELETE FROM leases WHERE name = ?1 AND holder = ?2",
        params![name, holder],
    )?;
    Ok(())
}

/// Who holds `name` at `now`, if anyone.
pub fn holder(sql: &Connection, name: &str, now: &str) -> Result<Option<String>> {
    Ok(sql
        .query_row(
            "SELECT holder FROM leases WHERE name = ?1 AND expires_at >= ?2",
            params![name, now],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Database;

    #[test]
    fn one_holder_at_a_time_until_it_releases_or_lapses() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db.sqlite3");
        let (a, b) = (
            Database::open(&path).unwrap(),
            Database::open(&path).unwrap(),
        );
        let t0 = "2026-11-30T10:00:00Z";
        let later = "2026-11-30T10:01:00Z";
        assert!(try_take(&mut a.lock(), "refresh:c1", "A", t0, later, &|_| true).unwrap());
        assert!(!try_take(&mut b.lock(), "refresh:c1", "B", t0, later, &|_| true).unwrap());
        assert!(
            try_take(&mut b.lock(), "refresh:c2", "B", t0, later, &|_| true).unwrap(),
            "another name"
        );
        assert!(
            try_take(&mut a.lock(), "refresh:c1", "A", t0, later, &|_| true).unwrap(),
            "re-entrant"
        );
        assert_eq!(
            holder(&b.lock(), "refresh:c1", t0).unwrap().as_deref(),
            Some("A")
        );
        release(&b.lock(), "refresh:c1", "B").unwrap();
        assert_eq!(
            holder(&a.lock(), "refresh:c1", t0).unwrap().as_deref(),
            Some("A"),
            "only the holder releases"
        );
        release(&a.lock(), "refresh:c1", "A").unwrap();
        assert!(try_take(&mut b.lock(), "refresh:c1", "B", t0, later, &|_| true).unwrap());
        // A holder that vanished: its lease lapses.
        assert!(
            try_take(
                &mut a.lock(),
                "refresh:c1",
                "A",
                "2026-11-30T10:02:00Z",
                "2026-11-30T10:03:00Z",
                &|_| true
            )
            .unwrap()
        );
        assert!(!extend(&b.lock(), "refresh:c1", "B", "2026-11-30T11:00:00Z").unwrap());
        // A holder that is gone before its lease lapses frees it too.
        let gone = |who: &str| who != "A";
        assert!(try_take(&mut b.lock(), "refresh:c1", "B", t0, later, &gone).unwrap());
    }
}
