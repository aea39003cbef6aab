//! The sync engine: pulls profiles, posts and metrics into the local store, aware of rate
//! limits and crash-safe.

pub mod backfill;
pub mod budget;
pub mod engine;
pub use crate::platforms::{api as fetch, limits};
pub use patchbay_types::records as model;
pub mod progress;
pub mod records;
mod runs;
pub mod schedule;
mod summary;

pub use engine::sync_connection;
pub use summary::SyncSummary;

use crate::connections;
use crate::error::Result;
use crate::workspace::Workspace;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// At most this many connections sync at once.
pub const CONCURRENCY: usize = 4;

/// Every connection Patchbay can sync now: a platform it syncs, and connected; or a connector
/// whose manifest declares list streams, with its credential stored.
pub fn syncable(ws: &Workspace) -> Result<Vec<String>> {
    Ok(connections::list_sealed(ws)?
        .into_iter()
        .filter(|c| {
            ws.registry()
                .get(&c.connector_id)
                .is_ok_and(|m| crate::catalog::can_sync(m, |f| c.holds(f)))
        })
        .map(|c| c.id.clone())
        .collect())
}

/// Syncs every connection Patchbay can sync (or just `only`), a few at a time. One
/// connection's failure never stops the others.
pub async fn sync_all(ws: &Workspace, only: Option<&str>) -> Result<Vec<SyncSummary>> {
    let ids: Vec<String> = match only {
        Some(id) => vec![connections::resolve(ws, id)?],
        None => syncable(ws)?,
    };
    sync_these(ws, ids).await
}

/// Syncs a chosen group (a multi-selection, a tag's connections), skipping those with nothing
/// to sync (a Slack workspace tagged with a client's accounts); none at all is an error.
pub async fn sync_group(ws: &Workspace, chosen: &[String]) -> Result<Vec<SyncSummary>> {
    let can = syncable(ws)?;
    let mut ids = Vec::new();
    for name in chosen {
        let id = connections::resolve(ws, name)?;
        if can.contains(&id) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(crate::error::Error::InvalidInput(
            "None of the chosen connections has anything to sync: connect an analytics account (Instagram, TikTok, YouTube, Facebook Pages, X or Reddit) or one with list streams.".into(),
        ));
    }
    sync_these(ws, ids).await
}

/// Syncs the connections whose schedule says they are due.
pub async fn sync_due(ws: &Workspace) -> Result<Vec<SyncSummary>> {
    let due = schedule::due(ws, &syncable(ws)?, chrono::Utc::now())?;
    sync_these(ws, due).await
}

async fn sync_these(ws: &Workspace, ids: Vec<String>) -> Result<Vec<SyncSummary>> {
    let permits = Arc::new(Semaphore::new(CONCURRENCY));
    let mut tasks = tokio::task::JoinSet::new();
    for (order, id) in ids.into_iter().enumerate() {
        let ws = ws.clone();
        let permits = permits.clone();
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let result = sync_connection(&ws, &id).await;
            (order, id, result)
        });
    }
    let mut out = Vec::new();
    while let Some(done) = tasks.join_next().await {
        let Ok((order, id, result)) = done else {
            continue;
        };
        let summary = result.unwrap_or_else(|e| SyncSummary {
            connection_id: id.clone(),
            name: id,
            status: "failed".into(),
            posts: 0,
            followers: None,
            errors: vec![e.to_string()],
            duration_ms: 0,
            records: 0,
        });
        out.push((order, summary));
    }
    out.sort_by_key(|(order, _)| *order);
    // The kept history is a promise: a sync never leaves older snapshots behind.
    match crate::preferences::apply_retention(ws) {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            deleted = n,
            "retention: removed snapshots older than the kept history"
        ),
        Err(e) => tracing::warn!(error = %e, "retention could not run after the sync"),
    }
    Ok(out.into_iter().map(|(_, s)| s).collect())
}

/// The sync log, newest first.
pub fn log(
    ws: &Workspace,
    connection: Option<&str>,
    limit: i64,
) -> Result<Vec<crate::store::sync_runs::SyncRun>> {
    crate::store::sync_runs::list(&ws.database().lock(), connection, limit)
}
