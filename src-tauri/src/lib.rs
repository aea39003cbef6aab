//! The Patchbay desktop shell: a Tauri builder, thin commands, deep links. Everything real
//! happens in patchbay-core.

mod args;
mod background;
mod commands;
mod connect;
mod deep_link;
mod media;
mod report_scheme;
mod save_copy;
mod state;
mod window;

// The declared commands (`declared_handlers!`) and event names, from front-door.json.
include!(concat!(env!("OUT_DIR"), "/front_door.rs"));

use patchbay_core::{Workspace, paths};
use state::Shell;
use tauri::Manager;

/// The app's context. `PATCHBAY_INSTANCE` gives a workspace its own instance: a separate
/// single-instance lock (and deep-link forwarding) beside the default one, so two workspaces,
/// or two test runs, never hand their links to each other.
fn context() -> tauri::Context<tauri::Wry> {
    let mut context = tauri::generate_context!();
    if let Ok(instance) = std::env::var("PATCHBAY_INSTANCE") {
        let suffix: String = instance
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(32)
            .collect();
        if !suffix.is_empty() {
            let id = format!("{}.i{suffix}", context.config().identifier);
            context.config_mut().identifier = id;
        }
    }
    context
}

/// Builds and runs the desktop app until its last window closes.
pub fn run() {
    let flag = args::data_dir_flag(std::env::args_os().skip(1));
    let hidden = args::background_flag(std::env::args_os().skip(1));
    let login_args = args::login_args(flag.as_deref());
    let result = tauri::Builder::default()
        // Must be first: a second instance forwards its arguments (a deep link) and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            // Opening Patchbay again brings its window back, even when it was closed to the tray.
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.show();
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args(login_args)
                .build(),
        )
        .on_window_event(window::on_event)
        .register_uri_scheme_protocol(media::SCHEME, media::respond)
        .register_uri_scheme_protocol(report_scheme::SCHEME, report_scheme::respond)
        .setup(move |app| {
            // Opened here, after single-instance had its chance to forward and exit, so a
            // second instance never touches the data.
            let workspace = paths::resolve_data_dir(flag.as_deref())
                .inspect(|dir| patchbay_core::logs::init(dir))
                .and_then(|dir| Workspace::open(&dir))
                .map_err(|err| {
                    eprintln!("patchbay: {err}");
                    err.payload()
                });
            deep_link::listen(app.handle(), workspace.as_ref().ok().cloned());
            background::start(app.handle(), workspace.as_ref().ok().cloned());
            app.manage(Shell::new(workspace));
            deep_link::register(app.handle());
            if hidden {
                window::start_hidden(app.handle());
            }
            Ok(())
        })
        .invoke_handler(declared_handlers!())
        .run(context());
    if let Err(err) = result {
        eprintln!("patchbay: the desktop app could not start: {err}");
        std::process::exit(1);
    }
}
