//! Registers `patchbay://` with the OS at start-up, so OAuth callbacks find their way back.

use tauri::AppHandle;

/// On Linux (and Windows debug builds) the scheme is registered at run time; elsewhere the
/// installer does it. A failure is reported but does not stop the app: the loopback and paste
/// callback routes still work without it.
pub fn register(app: &AppHandle) {
    #[cfg(any(target_os = "linux", all(debug_assertions, windows)))]
    {
        use tauri_plugin_deep_link::DeepLinkExt;
        if let Err(err) = app.deep_link().register_all() {
            eprintln!("patchbay: could not register the patchbay:// link handler: {err}");
        }
    }
    #[cfg(not(any(target_os = "linux", all(debug_assertions, windows))))]
    let _ = app;
}
