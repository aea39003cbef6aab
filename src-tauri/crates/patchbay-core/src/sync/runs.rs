//! A sync's bookkeeping: one row per stream run (started, finished, how), and the raw answers
//! stored beside the data with anything token-like removed.

use crate::error::Result;
use crate::platforms::api::SyncError;
use crate::store::sync_runs;
use crate::workspace::Workspace;
use chrono::Utc;
use std::time::Instant;

pub(super) fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(super) struct Run {
    pub id: i64,
    started: Instant,
}

pub(super) fn begin(ws: &Workspace, id: &str, stream: &str) -> Result<Run> {
    let run = sync_runs::start(&ws.database().lock(), id, stream, &now())?;
    Ok(Run {
        id: run,
        started: Instant::now(),
    })
}

pub(super) fn end(
    ws: &Workspace,
    run: &Run,
    result: &std::result::Result<(), SyncError>,
    partial: bool,
) -> Result<()> {
    let reset = result
        .as_ref()
        .err()
        .and_then(|e| e.reset_at)
        .map(|t| t.to_rfc3339());
    let (status, code, message, limited) = match result {
        Ok(()) if partial => ("partial", None, None, false),
        Ok(()) => ("ok", None, None, false),
        Err(e) => (
            if partial { "partial" } else { "failed" },
            Some(e.code.as_str()),
            Some(e.message.as_str()),
            e.rate_limited(),
        ),
    };
    let outcome = sync_runs::Outcome {
        status,
        error_code: code,
        error_message: message,
        rate_limited: limited,
        reset_at: reset.as_deref(),
    };
    sync_runs::finish(
        &ws.database().lock(),
        run.id,
        &now(),
        run.started.elapsed().as_millis() as i64,
        &outcome,
    )
}

/// Removes anything that looks like a token from a payload before it is stored.
pub(super) fn strip_secrets(v: &serde_json::Value) -> String {
    let mut v = v.clone();
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    if k.contains("token") || k.contains("secret") {
                        *child = serde_json::Value::String("<removed>".into());
                    } else {
                        walk(child);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v.to_string()
}
