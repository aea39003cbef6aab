//! "Save a copy…": the system's own dialog asks where, then the core copies what the window
//! saved in the exports folder there. The path comes from the dialog, never from the webview;
//! the webview only names what it saved, and the core refuses anything outside the exports
//! folder.

use patchbay_core::{Result, Workspace};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FilePath};

/// Asks where to put a copy of `saved` (a save dialog for a file, a folder picker for a
/// folder) and copies it there; answers the copy's path, or nothing when the user cancelled.
pub async fn ask_and_copy(app: &AppHandle, ws: &Workspace, saved: &str) -> Result<Option<PathBuf>> {
    let from = patchbay_core::exports::saved(ws, saved)?;
    let Some(to) = ask(app, &from).await else {
        return Ok(None);
    };
    patchbay_core::exports::copy(ws, saved, &to).map(Some)
}

async fn ask(app: &AppHandle, from: &Path) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel::<Option<FilePath>>();
    let mut dialog = app.dialog().file();
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    // Where people keep what they send to clients, when there is such a folder.
    if let Some(documents) = app.path().document_dir().ok().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(documents);
    }
    if from.is_dir() {
        dialog
            .set_title("Copy the folder into…")
            .pick_folder(move |picked| {
                let _ = tx.send(picked);
            });
    } else {
        let name = from.file_name().unwrap_or_default().to_string_lossy();
        dialog = dialog.set_title("Save a copy").set_file_name(name);
        if let Some(ext) = from.extension().and_then(|e| e.to_str()) {
            dialog = dialog.add_filter(ext.to_uppercase(), &[ext]);
        }
        dialog.save_file(move |picked| {
            let _ = tx.send(picked);
        });
    }
    rx.await.ok().flatten().and_then(|p| p.into_path().ok())
}
