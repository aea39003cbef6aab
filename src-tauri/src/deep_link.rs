//! Registers `patchbay://` with the OS at start-up, so OAuth callbacks find their way back.

use patchbay_core::Workspace;
use tauri::AppHandle;
use tauri_plugin_deep_link::DeepLinkExt;

/// Hands every `patchbay://` URL the app receives to the OAuth flow: at start-up, and later
/// when the OS (or a second instance) forwards one.
pub fn listen(app: &AppHandle, workspace: Option<Workspace>) {
    let Some(ws) = workspace else { return };
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        for url in urls {
            crate::connect::on_deep_link(app, ws.clone(), url.to_string());
        }
    }
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            crate::connect::on_deep_link(&handle, ws.clone(), url.to_string());
        }
    });
}

/// On Linux (and Windows debug builds) the scheme is registered at run time; elsewhere the
/// installer does it. A failure is reported but does not stop the app: the loopback and paste
/// callback routes still work without it.
pub fn register(app: &AppHandle) {
    #[cfg(any(target_os = "linux", all(debug_assertions, windows)))]
    {
        if let Err(err) = app.deep_link().register_all() {
            eprintln!("patchbay: could not register the patchbay:// link handler: {err}");
        }
    }
    #[cfg(not(any(target_os = "linux", all(debug_assertions, windows))))]
    let _ = app;
}
