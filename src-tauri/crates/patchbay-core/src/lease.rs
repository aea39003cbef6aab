//! Leases that every Patchbay process sharing a data directory honours (the desktop app, the
//! command line, a `sync --watch` on a server): one process at a time refreshes, signs in or
//! out, or syncs a connection. In-process locks keep tasks of one process apart; these keep
//! processes apart. A lease lapses on its own, so a killed process blocks the others briefly.

use crate::error::{Error, Result};
use crate::store::{Database, leases};
use crate::workspace::Workspace;
use chrono::{SecondsFormat, Utc};
use std::time::Duration;

/// How often a waiting process looks again.
const POLL: Duration = Duration::from_millis(100);

/// A held lease; dropping it gives it up.
#[derive(Debug)]
pub struct Lease {
    db: Database,
    name: String,
    holder: String,
}

fn stamp(after: Duration) -> String {
    let at = Utc::now() + chrono::Duration::from_std(after).unwrap_or(chrono::Duration::MAX);
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Lease {
    /// Takes `name` for `ttl` when free; `None` when another process holds it.
    pub fn try_acquire(ws: &Workspace, name: &str, ttl: Duration) -> Result<Option<Lease>> {
        let taken = leases::try_take(
            &mut ws.database().lock(),
            name,
            ws.lease_holder(),
            &stamp(Duration::ZERO),
            &stamp(ttl),
            &alive,
        )?;
        Ok(taken.then(|| Lease {
            db: ws.database().clone(),
            name: name.to_owned(),
            holder: ws.lease_holder().to_owned(),
        }))
    }

    /// Waits up to `wait` for `name`; `Error::Busy` (naming `what`) when it stays taken.
    pub async fn acquire(
        ws: &Workspace,
        name: &str,
        ttl: Duration,
        wait: Duration,
        what: &'static str,
    ) -> Result<Lease> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(lease) = Self::try_acquire(ws, name, ttl)? {
                return Ok(lease);
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(Error::Busy { what });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Keeps holding it for another `ttl` (a long sync calls this as it goes).
    pub fn extend(&self, ttl: Duration) -> Result<bool> {
        leases::extend(&self.db.lock(), &self.name, &self.holder, &stamp(ttl))
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        let _ = leases::release(&self.db.lock(), &self.name, &self.holder);
    }
}

/// Whether the process that took a lease (`<pid>-<random>`) still runs. Where the system cannot
/// tell, a holder counts as alive and its lease simply lapses.
fn alive(holder: &str) -> bool {
    let Some(pid) = holder.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return true;
    };
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// The lease on a connection's tokens: refresh, sign-in, replace and disconnect take it.
pub fn tokens(id: &str) -> String {
    format!("tokens:{id}")
}

/// How long a tokens lease lasts, and how long another process waits for it: longer than a
/// token request may take.
pub const TOKENS_TTL: Duration = Duration::from_secs(60);
const TOKENS_WORK: &str = "refreshing its tokens";

/// Waits for the lease on connection `id`'s tokens.
pub async fn take_tokens(ws: &Workspace, id: &str) -> Result<Lease> {
    Lease::acquire(ws, &tokens(id), TOKENS_TTL, TOKENS_TTL, TOKENS_WORK).await
}

/// The lease on connection `id`'s tokens now, or `Error::Busy`.
pub fn try_take_tokens(ws: &Workspace, id: &str) -> Result<Lease> {
    Lease::try_acquire(ws, &tokens(id), TOKENS_TTL)?.ok_or(Error::Busy { what: TOKENS_WORK })
}

/// The lease on a connection's sync.
pub fn sync(id: &str) -> String {
    format!("sync:{id}")
}
