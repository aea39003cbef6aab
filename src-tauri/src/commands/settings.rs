//! Preferences, vault status, export and deleting a connection's data.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::oauth::relay;
use patchbay_core::preferences::{self, Preferences, VaultStatus};
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;

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
    Ok(
        patchbay_core::data::export_default(shell.workspace()?, &id)?
            .display()
            .to_string(),
    )
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
    Ok(patchbay_core::data::delete(shell.workspace()?, &id)?)
}

#[tauri::command]
pub fn get_relay_url(shell: State<'_, Shell>) -> Answer<Option<String>> {
    Ok(relay::get(shell.workspace()?)?)
}

#[tauri::command]
pub fn set_relay_url(shell: State<'_, Shell>, url: Option<String>) -> Answer<Option<String>> {
    Ok(relay::set(shell.workspace()?, url.as_deref())?)
}

/// Writes relay.html into `<data dir>/exports/` for hosting and returns its path.
#[tauri::command]
pub fn save_relay_page(shell: State<'_, Shell>) -> Answer<String> {
    Ok(relay::save_page(shell.workspace()?)?.display().to_string())
}

/// Whether Patchbay starts (hidden, in the tray) when the user logs in.
#[tauri::command]
pub fn get_autostart(app: AppHandle) -> Answer<bool> {
    app.autolaunch().is_enabled().map_err(autostart_error)
}

#[tauri::command]
pub fn set_autostart(app: AppHandle, enabled: bool) -> Answer<bool> {
    let launcher = app.autolaunch();
    if enabled {
        launcher.enable()
    } else {
        launcher.disable()
    }
    .and_then(|()| launcher.is_enabled())
    .map_err(autostart_error)
}

fn autostart_error(e: tauri_plugin_autostart::Error) -> ErrorPayload {
    patchbay_core::Error::Autostart {
        reason: e.to_string(),
    }
    .into()
}

/// The folders (besides the workspace's own) email attachments may come from.
#[tauri::command]
pub fn attachment_folders(shell: State<'_, Shell>) -> Answer<Vec<String>> {
    Ok(patchbay_core::attachments::added(shell.workspace()?)?)
}

#[tauri::command]
pub fn add_attachment_folder(shell: State<'_, Shell>, folder: String) -> Answer<Vec<String>> {
    Ok(patchbay_core::attachments::add(
        shell.workspace()?,
        &folder,
    )?)
}

#[tauri::command]
pub fn remove_attachment_folder(shell: State<'_, Shell>, folder: String) -> Answer<Vec<String>> {
    Ok(patchbay_core::attachments::remove(
        shell.workspace()?,
        &folder,
    )?)
}

/// "Save a copy…" of something saved in the exports folder, where the user picks in the
/// system's dialog; answers the copy's path, or nothing when they cancelled.
#[tauri::command]
pub async fn save_copy(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    saved: String,
) -> Answer<Option<String>> {
    let copy = crate::save_copy::ask_and_copy(&app, shell.workspace()?, &saved).await?;
    Ok(copy.map(|path| path.display().to_string()))
}

/// Every connection's history, each in its own folder under `<data dir>/exports/workspace/`.
#[tauri::command]
pub fn export_workspace(shell: State<'_, Shell>) -> Answer<String> {
    Ok(patchbay_core::data::export_workspace(shell.workspace()?)?
        .display()
        .to_string())
}
