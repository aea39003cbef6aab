//! The connector registry, for the gallery.

use crate::state::Shell;
use patchbay_core::registry::{ConnectorFilter, ConnectorSummary, Manifest, ManifestProblem};
use patchbay_core::{Error, ErrorPayload};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub fn list_connectors(
    shell: State<'_, Shell>,
    filter: ConnectorFilter,
) -> Answer<Vec<ConnectorSummary>> {
    Ok(patchbay_core::catalog::list(shell.workspace()?, &filter))
}

#[tauri::command]
pub fn get_connector(shell: State<'_, Shell>, id: String) -> Answer<Manifest> {
    Ok(patchbay_core::catalog::get(shell.workspace()?, &id)?)
}

#[tauri::command]
pub fn registry_problems(shell: State<'_, Shell>) -> Answer<Vec<ManifestProblem>> {
    Ok(shell.workspace()?.registry().problems().to_vec())
}

/// Opens a connector's documentation in the browser. Only manifest URLs can be opened this
/// way, never an address the webview makes up.
#[tauri::command]
pub fn open_connector_docs(app: AppHandle, shell: State<'_, Shell>, id: String) -> Answer<()> {
    let url = shell.workspace()?.registry().get(&id)?.docs_url.clone();
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| Error::BrowserOpen {
            reason: e.to_string(),
        })
        .map_err(ErrorPayload::from)
}
