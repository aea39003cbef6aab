//! The built-in sandbox's settings for a workspace: a seed, and a clock that started at the
//! workspace's first sandbox use and moves with real time (plus any manual advance).

use crate::error::Result;
use crate::store::settings;
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};

const EPOCH: &str = "sandbox.epoch";
const ADVANCE: &str = "sandbox.advance_secs";
const SEED: &str = "sandbox.seed";
/// Faults the built-in sandbox injects, to rehearse a bad day: `<data-dir>/sandbox-faults.toml`.
pub const FAULTS_FILE: &str = "sandbox-faults.toml";

pub fn config(ws: &Workspace) -> Result<patchbay_sandbox::SandboxConfig> {
    let conn = ws.database().lock();
    let now = Utc::now();
    let epoch =
        match settings::get(&conn, EPOCH)?.and_then(|e| DateTime::parse_from_rfc3339(&e).ok()) {
            Some(e) => e.with_timezone(&Utc),
            None => {
                settings::set(&conn, EPOCH, &now.to_rfc3339())?;
                now
            }
        };
    let advance: i64 = settings::get(&conn, ADVANCE)?
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    let seed: u64 = settings::get(&conn, SEED)?
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let mut faults = Vec::new();
    let file = ws.data_dir().join(FAULTS_FILE);
    if let Ok(text) = std::fs::read_to_string(&file) {
        let parsed = patchbay_sandbox::SandboxConfig::default()
            .merge_file(&text)
            .map_err(|e| crate::Error::InvalidInput(format!("{}: {e}", file.display())))?;
        faults = parsed.faults;
    }
    // The data is anchored at the workspace's first sandbox use, so the sandbox's "now" is
    // close to the real one and every later run of this workspace sees the same history.
    Ok(patchbay_sandbox::SandboxConfig {
        seed,
        start: epoch,
        clock_offset_secs: (now - epoch).num_seconds() + advance,
        faults,
        ..Default::default()
    })
}

/// Moves this workspace's sandbox clock forward (takes effect when the sandbox next starts).
pub fn advance(ws: &Workspace, secs: i64) -> Result<i64> {
    let conn = ws.database().lock();
    let total = settings::get(&conn, ADVANCE)?
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(0)
        + secs;
    settings::set(&conn, ADVANCE, &total.to_string())?;
    Ok(total)
}
