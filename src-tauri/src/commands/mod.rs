//! Tauri commands: one-line adapters from the webview into patchbay-core. They parse nothing
//! and decide nothing. Each one is declared in front-door.json (build.rs derives the handler
//! from it) and granted in capabilities/.

pub mod actions;
pub mod analytics;
pub mod apps;
pub mod connections;
pub mod connectors;
pub mod oauth;
pub mod settings;
pub mod workflows;

use crate::state::Shell;
use patchbay_core::{AppInfo, ErrorPayload};
use tauri::State;

#[tauri::command]
pub fn app_info(shell: State<'_, Shell>) -> Result<AppInfo, ErrorPayload> {
    Ok(shell.workspace()?.info()?)
}
