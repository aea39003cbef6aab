//! Workflows: the Automations view's list, editor, switch, Run now and run history.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::store::workflows::RunRow;
use patchbay_core::workflows::{self, RunView, WorkflowView};
use serde_json::Value;
use tauri::State;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub fn list_workflows(shell: State<'_, Shell>) -> Answer<Vec<WorkflowView>> {
    Ok(workflows::list(shell.workspace()?)?)
}

/// Checks and saves a workflow written in the window; nothing is saved when it has problems.
#[tauri::command]
pub fn save_workflow(shell: State<'_, Shell>, id: String, text: String) -> Answer<WorkflowView> {
    Ok(workflows::save(shell.workspace()?, &id, &text)?)
}

#[tauri::command]
pub fn set_workflow_enabled(
    shell: State<'_, Shell>,
    id: String,
    enabled: bool,
) -> Answer<WorkflowView> {
    Ok(workflows::set_enabled(shell.workspace()?, &id, enabled)?)
}

#[tauri::command]
pub async fn run_workflow(shell: State<'_, Shell>, id: String, input: Value) -> Answer<RunView> {
    Ok(workflows::run_now(shell.workspace()?, &id, &input).await?)
}

#[tauri::command]
pub fn workflow_runs(
    shell: State<'_, Shell>,
    id: Option<String>,
    limit: i64,
) -> Answer<Vec<RunRow>> {
    Ok(workflows::runs(shell.workspace()?, id.as_deref(), limit)?)
}

#[tauri::command]
pub fn workflow_run(shell: State<'_, Shell>, run: i64) -> Answer<RunView> {
    Ok(workflows::show(shell.workspace()?, run)?)
}

/// Ready-to-fill workflows: (id, JSON text).
#[tauri::command]
pub fn workflow_templates() -> Vec<(String, String)> {
    workflows::templates()
        .into_iter()
        .map(|(id, text)| (id.to_owned(), text.to_owned()))
        .collect()
}
