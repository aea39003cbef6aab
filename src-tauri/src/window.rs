//! Closing the window hides it: the scheduler and the tray keep running, so scheduled syncs go
//! on. Quit in the tray menu quits. The first time, a one-line notice says so. Without a tray
//! (a desktop with no tray area), closing quits as usual, or the app could not be reached.

use crate::background;
use crate::state::Shell;
use tauri::{Manager, Window, WindowEvent};
use tauri_plugin_notification::NotificationExt;

const NOTICE: &str = "Patchbay keeps syncing in the background. Quit it from the tray icon's menu.";

pub fn on_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let app = window.app_handle();
    if !background::has_tray(app) {
        eprintln!("patchbay: no tray icon, so closing the window quits");
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    let first = app
        .state::<Shell>()
        .workspace()
        .ok()
        .and_then(|ws| patchbay_core::preferences::first_time(ws, "tray_notice").ok())
        .unwrap_or(false);
    if first {
        notice(app);
    }
}

fn notice(app: &tauri::AppHandle) {
    let _ = app
        .notification()
        .builder()
        .title("Patchbay is still running")
        .body(NOTICE)
        .show();
}

/// Starts at login hidden: `--background` keeps the window closed until opened from the tray.
pub fn start_hidden(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.hide();
    }
}
