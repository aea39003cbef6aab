//! The built-in sandbox's clock and seed for this workspace: when it was first used, how far it
//! was moved forward by hand, and the seed its data grows from.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxClock {
    /// RFC 3339; `None` until the sandbox first starts.
    pub epoch: Option<String>,
    pub advance_secs: i64,
    pub seed: u64,
}

impl Default for SandboxClock {
    fn default() -> Self {
        Self {
            epoch: None,
            advance_secs: 0,
            seed: 7,
        }
    }
}

pub fn get(sql: &Connection) -> Result<SandboxClock> {
    Ok(sql
        .query_row(
            "SELECT epoch, advance_secs, seed FROM sandbox_clock WHERE id = 1",
            [],
            |r| {
                Ok(SandboxClock {
                    epoch: r.get(0)?,
                    advance_secs: r.get(1)?,
                    seed: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(7),
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub fn set(sql: &Connection, clock: &SandboxClock) -> Result<()> {
    sql.execute(
        "INSERT INTO sandbox_clock (id, epoch, advance_secs, seed) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET epoch = ?1, advance_secs = ?2, seed = ?3",
        params![
            clock.epoch,
            clock.advance_secs,
            i64::try_from(clock.seed).unwrap_or(7)
        ],
    )?;
    Ok(())
}
