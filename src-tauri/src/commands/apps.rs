//! Developer apps: one client id and secret for every account of a platform.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::apps::{self, AppPatch, AppView, NewApp};
use tauri::State;

type Answer<T> = Result<T, ErrorPayload>;

/// The apps (of one connector, when given); connections still carrying their own client
/// fields are gathered into apps first, keeping their tokens.
#[tauri::command]
pub fn list_apps(shell: State<'_, Shell>, connector: Option<String>) -> Answer<Vec<AppView>> {
    Ok(apps::list_adopting(
        shell.workspace()?,
        connector.as_deref(),
    )?)
}

#[tauri::command]
pub fn create_app(shell: State<'_, Shell>, app: NewApp) -> Answer<AppView> {
    Ok(apps::create(shell.workspace()?, app)?)
}

/// Renames an app or rotates its client ID or secret; its connections follow.
#[tauri::command]
pub fn update_app(shell: State<'_, Shell>, id: String, patch: AppPatch) -> Answer<AppView> {
    Ok(apps::update(shell.workspace()?, &id, patch)?)
}

#[tauri::command]
pub fn remove_app(shell: State<'_, Shell>, id: String) -> Answer<()> {
    Ok(apps::remove(shell.workspace()?, &id)?)
}
