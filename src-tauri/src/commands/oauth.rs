//! Connecting accounts: start a flow, finish one from a pasted URL, refresh, disconnect.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::connections::ConnectionView;
use patchbay_core::oauth::{self, AuthorizeRequest, Route};
use patchbay_core::registry::manifest::RedirectStyle;
use tauri::{AppHandle, State};

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn start_connect(
    app: AppHandle,
    shell: State<'_, Shell>,
    id: String,
    style: Option<RedirectStyle>,
) -> Answer<AuthorizeRequest> {
    crate::connect::start(app, shell.workspace()?.clone(), id, style).await
}

#[tauri::command]
pub async fn complete_connect(
    app: AppHandle,
    shell: State<'_, Shell>,
    url: String,
    replace: bool,
) -> Answer<ConnectionView> {
    Ok(crate::connect::connected(
        &app,
        oauth::complete(shell.workspace()?, &url, replace).await?,
    ))
}

/// The ways back from the browser for this connection, each with the address to register.
#[tauri::command]
pub fn connect_routes(shell: State<'_, Shell>, id: String) -> Answer<Vec<Route>> {
    Ok(oauth::routes(shell.workspace()?, &id)?)
}

/// The user confirmed: the different account that signed in replaces the connected one.
#[tauri::command]
pub fn confirm_replace_account(
    app: AppHandle,
    shell: State<'_, Shell>,
    id: String,
) -> Answer<ConnectionView> {
    Ok(crate::connect::connected(
        &app,
        oauth::confirm_replace(shell.workspace()?, &id)?,
    ))
}

/// The user declined: the connection keeps its account.
#[tauri::command]
pub fn discard_replace_account(shell: State<'_, Shell>, id: String) -> Answer<()> {
    Ok(oauth::discard_replace(shell.workspace()?, &id)?)
}

#[tauri::command]
pub async fn refresh_connection(shell: State<'_, Shell>, id: String) -> Answer<ConnectionView> {
    Ok(oauth::refresh_now(shell.workspace()?, &id).await?)
}

#[tauri::command]
pub async fn disconnect_connection(shell: State<'_, Shell>, id: String) -> Answer<bool> {
    Ok(oauth::disconnect(shell.workspace()?, &id).await?)
}
