//! Preferences, vault status, export and deleting a connection's data.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::analytics::export;
use patchbay_core::preferences::{self, Preferences, VaultStatus};
use tauri::State;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub fn get_preferences(shell: State<'_, Shell>) -> Answer<Preferences> {
    Ok(preferences::get(shell.workspace()?)?)
}

#[tauri::command]
pub fn set_preferences(shell: State<'_, Shell>, preferences: Preferences) -> Answer<Preferences> {
    Ok(preferences::set(shell.workspace()?, &preferences)?)
}

#[tauri::command]
pub fn vault_status(shell: State<'_, Shell>) -> Answer<VaultStatus> {
    Ok(preferences::vault_status(shell.workspace()?))
}

/// Writes the export into `<data dir>/exports/<connection>/` and returns that folder.
#[tauri::command]
pub fn export_connection(shell: State<'_, Shell>, id: String) -> Answer<String> {
    let ws = shell.workspace()?;
    let dir = ws.data_dir().join("exports").join(&id);
    export::export(ws.database(), &id, &dir)?;
    Ok(dir.display().to_string())
}

/// Versions, doctor's checks and the recent log, for the user to send when asking for help.
#[tauri::command]
pub fn diagnostics(shell: State<'_, Shell>) -> Answer<String> {
    Ok(patchbay_core::logs::diagnostics(
        shell.workspace()?.data_dir(),
    )?)
}

#[tauri::command]
pub fn delete_connection_data(shell: State<'_, Shell>, id: String) -> Answer<()> {
    Ok(export::delete_data(shell.workspace()?.database(), &id)?)
}
