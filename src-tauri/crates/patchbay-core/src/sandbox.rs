//! The built-in sandbox's settings for a workspace: a seed, and a clock that started at the
//! workspace's first sandbox use and moves with real time (plus any manual advance). A build
//! without the `sandbox` feature has no emulators: sandbox connections are refused with a
//! sentence instead.

use crate::error::Result;
use crate::store::sandbox_clock;
use crate::workspace::Workspace;
#[cfg(feature = "sandbox")]
use chrono::{DateTime, Utc};
#[cfg(feature = "sandbox")]
use std::sync::Arc;

/// Faults the built-in sandbox injects, to rehearse a bad day: `<data-dir>/sandbox-faults.toml`.
pub const FAULTS_FILE: &str = "sandbox-faults.toml";
/// What sandbox connections sent (messages, texts, Stripe objects, mail): `<data-dir>/sandbox-outbox/`.
pub const OUTBOX_DIR: &str = "sandbox-outbox";

/// One thing a sandbox connection sent, as the emulator received it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct OutboxItem {
    pub at: String,
    /// slack, discord, stripe, twilio or smtp.
    pub platform: String,
    pub kind: String,
    /// The platform's id for it.
    pub id: String,
    pub summary: String,
    /// The object as the platform keeps it (mail: envelope and subject).
    #[ts(type = "unknown")]
    pub detail: serde_json::Value,
    /// The raw message file inside the outbox folder, for mail.
    pub file: Option<String>,
}

/// Everything sandbox connections of this workspace sent, newest first.
pub fn outbox(ws: &Workspace) -> Vec<OutboxItem> {
    #[cfg(feature = "sandbox")]
    {
        let mut items: Vec<OutboxItem> =
            patchbay_sandbox::outbox::read(&ws.data_dir().join(OUTBOX_DIR))
                .into_iter()
                .map(|d| OutboxItem {
                    at: d.at,
                    platform: d.platform,
                    kind: d.kind,
                    id: d.id,
                    summary: d.summary,
                    detail: d.detail,
                    file: d.file,
                })
                .collect();
        items.reverse();
        items
    }
    #[cfg(not(feature = "sandbox"))]
    {
        let _ = ws;
        Vec::new()
    }
}

#[cfg(feature = "sandbox")]
impl Workspace {
    /// Starts the built-in sandbox on a random loopback port, once per process. Its clock
    /// follows real time from the workspace's first sandbox use, so later runs see newer posts
    /// and grown metrics.
    pub async fn start_sandbox(&self) -> Result<String> {
        let mut slot = self.sandbox.lock().await;
        if let Some(sandbox) = slot.as_ref() {
            return Ok(sandbox.url());
        }
        let config = config(self)?;
        let sandbox = patchbay_sandbox::Sandbox::start(config, 0)
            .await
            .map_err(|e| crate::Error::SandboxUnavailable {
                reason: e.to_string(),
            })?;
        let url = sandbox.url();
        *self.sandbox_url.lock().unwrap_or_else(|p| p.into_inner()) = Some(url.clone());
        *self.sandbox_smtp.lock().unwrap_or_else(|p| p.into_inner()) = Some(sandbox.smtp_addr());
        *slot = Some(sandbox);
        Ok(url)
    }

    /// The running sandbox's state (its data and clock), for tests and the demo.
    pub async fn sandbox_state(&self) -> Option<Arc<patchbay_sandbox::State>> {
        self.sandbox
            .lock()
            .await
            .as_ref()
            .map(|s| s.state().clone())
    }
}

#[cfg(not(feature = "sandbox"))]
impl Workspace {
    /// This build has no emulators.
    pub async fn start_sandbox(&self) -> Result<String> {
        Err(crate::Error::SandboxUnavailable {
            reason: "this build of Patchbay was made without it".into(),
        })
    }
}

impl Workspace {
    /// Starts the sandbox if connection `id` is in sandbox mode.
    pub async fn ensure_sandbox_for(&self, id: &str) -> Result<()> {
        let connection = crate::connections::service::load(self, id)?;
        if connection.mode == crate::connections::Mode::Sandbox {
            self.start_sandbox().await?;
        }
        Ok(())
    }
}

#[cfg(feature = "sandbox")]
pub fn config(ws: &Workspace) -> Result<patchbay_sandbox::SandboxConfig> {
    let conn = ws.database().lock();
    let now = Utc::now();
    let mut clock = sandbox_clock::get(&conn)?;
    let epoch = match clock
        .epoch
        .as_deref()
        .and_then(|e| DateTime::parse_from_rfc3339(e).ok())
    {
        Some(e) => e.with_timezone(&Utc),
        None => {
            clock.epoch = Some(now.to_rfc3339());
            sandbox_clock::set(&conn, &clock)?;
            now
        }
    };
    // The data is anchored at the workspace's first sandbox use, so the sandbox's "now" is
    // close to the real one and every later run of this workspace sees the same history.
    let config = patchbay_sandbox::SandboxConfig {
        seed: clock.seed,
        start: epoch,
        clock_offset_secs: (now - epoch).num_seconds() + clock.advance_secs,
        outbox_dir: Some(ws.data_dir().join(OUTBOX_DIR)),
        ..Default::default()
    };
    // Faults to rehearse a bad day, and a history length, from the sandbox's settings file.
    let file = ws.data_dir().join(FAULTS_FILE);
    match std::fs::read_to_string(&file) {
        Ok(text) => config
            .merge_file(&text)
            .map_err(|e| crate::Error::SandboxFaults {
                path: file.clone(),
                reason: e.to_string(),
            }),
        Err(_) => Ok(config),
    }
}

/// Moves this workspace's sandbox clock forward (takes effect when the sandbox next starts).
pub fn advance(ws: &Workspace, secs: i64) -> Result<i64> {
    let conn = ws.database().lock();
    let mut clock = sandbox_clock::get(&conn)?;
    clock.advance_secs = clock.advance_secs.saturating_add(secs);
    sandbox_clock::set(&conn, &clock)?;
    Ok(clock.advance_secs)
}
