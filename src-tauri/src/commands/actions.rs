//! Actions: what a connection can do on its platform, run from the "Try an action" panel, and
//! the log of every call; in sandbox mode, what the emulators received.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::actions::{self, ActionView};
use patchbay_core::sandbox::{self, OutboxItem};
use patchbay_core::store::action_log::ActionCall;
use serde_json::Value;
use tauri::State;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub fn list_actions(shell: State<'_, Shell>, id: String) -> Answer<Vec<ActionView>> {
    Ok(actions::list(shell.workspace()?, &id)?)
}

#[tauri::command]
pub async fn run_action(
    shell: State<'_, Shell>,
    id: String,
    action: String,
    input: Value,
) -> Answer<Value> {
    Ok(actions::run(shell.workspace()?, &id, &action, &input).await?)
}

#[tauri::command]
pub fn action_log(
    shell: State<'_, Shell>,
    id: Option<String>,
    limit: i64,
) -> Answer<Vec<ActionCall>> {
    Ok(actions::log(shell.workspace()?, id.as_deref(), limit)?)
}

#[tauri::command]
pub fn sandbox_outbox(shell: State<'_, Shell>, limit: usize) -> Answer<Vec<OutboxItem>> {
    Ok(sandbox::outbox(shell.workspace()?)
        .into_iter()
        .take(limit)
        .collect())
}

/// The items a connector's own list streams kept, most recently changed first.
#[tauri::command]
pub fn list_records(
    shell: State<'_, Shell>,
    id: String,
    stream: Option<String>,
    limit: i64,
) -> Answer<Vec<patchbay_core::store::stream_records::StreamRecord>> {
    Ok(patchbay_core::sync::records::list(
        shell.workspace()?,
        &id,
        stream.as_deref(),
        limit,
    )?)
}
