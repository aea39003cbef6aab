//! The background component: a task with a command channel and a ticker that skips missed
//! ticks. Each tick syncs the connections whose own schedule says they are due (see
//! `sync::schedule`), then lets workflows react (their schedules, the sync that just finished,
//! the events in your numbers); "sync now" runs at once. Tokens are kept alive on every round.
//! The desktop app and `patchbay sync --watch` both run it.

use crate::sync::{SyncSummary, sync_all, sync_due};
use crate::workspace::Workspace;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

/// How often the scheduler looks for connections that are due.
pub const TICK: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub enum Command {
    /// Sync now (one connection, or all).
    SyncNow(Option<String>),
    /// Sync now the connections carrying a tag (the tray's "Sync a client").
    SyncTag(String),
    Stop,
}

/// What a command asked a round to sync.
enum Asked {
    Now(Option<String>),
    Tag(String),
}

/// A running scheduler. Dropping the handle stops it.
#[derive(Debug)]
pub struct Scheduler {
    commands: mpsc::Sender<Command>,
    task: Option<JoinHandle<()>>,
}

impl Scheduler {
    /// Starts the loop, looking for due connections every `tick`; `report` receives every
    /// round's summaries (rounds where nothing was due report nothing).
    pub fn start(
        ws: Workspace,
        tick: Duration,
        report: impl Fn(Vec<SyncSummary>) + Send + 'static,
    ) -> Self {
        let (commands, mut inbox) = mpsc::channel(16);
        let task = tokio::spawn(async move {
            let mut ticker = tokio::time::interval(tick);
            ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
            loop {
                let now = tokio::select! {
                    _ = ticker.tick() => None,
                    command = inbox.recv() => match command {
                        Some(Command::SyncNow(only)) => Some(Asked::Now(only)),
                        Some(Command::SyncTag(tag)) => Some(Asked::Tag(tag)),
                        Some(Command::Stop) | None => break,
                    },
                };
                // Each round runs as its own task: a panic in it (a bug, a value nobody
                // foresaw) ends that round, never the schedule.
                let round_ws = ws.clone();
                let round = tokio::spawn(async move {
                    // Tokens first: every OAuth connection, synced or not, is kept alive.
                    let _ = crate::oauth::engine::keep_alive(&round_ws).await;
                    let synced = match now {
                        Some(Asked::Now(only)) => sync_all(&round_ws, only.as_deref()).await,
                        Some(Asked::Tag(tag)) => {
                            match crate::connections::tags::tagged(&round_ws, &tag) {
                                Ok(ids) => crate::sync::sync_group(&round_ws, &ids).await,
                                Err(e) => Err(e),
                            }
                        }
                        None => sync_due(&round_ws).await,
                    };
                    if let Ok(summaries) = &synced {
                        react(&round_ws, summaries).await;
                    }
                    synced
                })
                .await;
                if let Ok(Ok(summaries)) = &round {
                    tracing::info!(synced = summaries.len(), "scheduled round");
                }
                match round {
                    Ok(Ok(summaries)) if !summaries.is_empty() => {
                        let reported =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                report(summaries)
                            }));
                        if reported.is_err() {
                            tracing::error!("reporting a sync round failed; the schedule goes on");
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::error!(error = %e, "a sync round stopped; the schedule goes on")
                    }
                }
            }
        });
        Self {
            commands,
            task: Some(task),
        }
    }

    /// A handle for sending commands from elsewhere (a tray menu).
    pub fn sender(&self) -> mpsc::Sender<Command> {
        self.commands.clone()
    }

    pub async fn sync_now(&self, only: Option<String>) {
        let _ = self.commands.send(Command::SyncNow(only)).await;
    }

    /// Stops after the current round.
    pub async fn stop(mut self) {
        let _ = self.commands.send(Command::Stop).await;
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

/// Workflows after a sync round (or a tick where nothing was due): a failing workflow is
/// logged, never a reason to stop the schedule.
pub async fn react(ws: &Workspace, summaries: &[SyncSummary]) {
    match crate::workflows::tick(ws, summaries).await {
        Ok(runs) if !runs.is_empty() => tracing::info!(runs = runs.len(), "workflows ran"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "workflows could not run this round"),
    }
}

/// Syncs now (one connection, or all), then lets workflows react: the window's and the
/// command line's "sync now".
pub async fn sync_now(
    ws: &Workspace,
    only: Option<&str>,
) -> crate::error::Result<Vec<SyncSummary>> {
    let summaries = sync_all(ws, only).await?;
    react(ws, &summaries).await;
    Ok(summaries)
}

/// Syncs a chosen group now (a tag's connections, a selection), then lets workflows react.
pub async fn sync_group_now(
    ws: &Workspace,
    chosen: &[String],
) -> crate::error::Result<Vec<SyncSummary>> {
    let summaries = crate::sync::sync_group(ws, chosen).await?;
    react(ws, &summaries).await;
    Ok(summaries)
}
