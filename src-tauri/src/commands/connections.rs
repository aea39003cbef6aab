//! Connections: create, list, get, update, remove and verify.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::connections::verify::{self, VerifyReport};
use patchbay_core::connections::{
    self, ConnectionFilter, ConnectionPatch, ConnectionView, NewConnection,
};
use tauri::State;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub fn create_connection(shell: State<'_, Shell>, new: NewConnection) -> Answer<ConnectionView> {
    Ok(connections::create(shell.workspace()?, new)?)
}

#[tauri::command]
pub fn list_connections(
    shell: State<'_, Shell>,
    filter: ConnectionFilter,
) -> Answer<Vec<ConnectionView>> {
    Ok(connections::list(shell.workspace()?, &filter)?)
}

#[tauri::command]
pub fn get_connection(shell: State<'_, Shell>, id: String) -> Answer<ConnectionView> {
    Ok(connections::get(shell.workspace()?, &id)?)
}

#[tauri::command]
pub fn update_connection(
    shell: State<'_, Shell>,
    id: String,
    patch: ConnectionPatch,
) -> Answer<ConnectionView> {
    Ok(connections::update(shell.workspace()?, &id, patch)?)
}

#[tauri::command]
pub fn remove_connection(shell: State<'_, Shell>, id: String, purge: bool) -> Answer<()> {
    Ok(connections::remove(shell.workspace()?, &id, purge)?)
}

#[tauri::command]
pub async fn verify_connection(shell: State<'_, Shell>, id: String) -> Answer<VerifyReport> {
    Ok(verify::verify(shell.workspace()?, &id).await?)
}

/// Replaces a connection's tags ("client: Acme"); the tray's "Sync a client" follows.
#[tauri::command]
pub fn set_tags(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    id: String,
    tags: Vec<String>,
) -> Answer<ConnectionView> {
    let view = connections::tags::set(shell.workspace()?, &id, &tags)?;
    crate::background::refresh_tags(&app, shell.workspace()?);
    Ok(view)
}

/// Every tag in use, with how many connections carry it.
#[tauri::command]
pub fn tags_in_use(shell: State<'_, Shell>) -> Answer<Vec<connections::tags::TagCount>> {
    Ok(connections::tags::in_use(shell.workspace()?)?)
}
