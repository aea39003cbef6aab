//! Tauri's build step, with an app manifest so every command needs an explicit grant in
//! `capabilities/`: the webview can call only what the UI uses.

const COMMANDS: &[&str] = &[
    "app_info",
    "list_connectors",
    "get_connector",
    "connector_schema",
    "registry_problems",
    "open_connector_docs",
    "create_connection",
    "list_connections",
    "get_connection",
    "update_connection",
    "remove_connection",
    "verify_connection",
    "start_connect",
    "complete_connect",
    "confirm_replace_account",
    "discard_replace_account",
    "refresh_connection",
    "disconnect_connection",
    "sync_now",
    "sync_log",
    "account_overview",
    "top_posts",
    "compare_accounts",
    "chart",
    "get_preferences",
    "set_preferences",
    "vault_status",
    "export_connection",
    "delete_connection_data",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build step failed");
}
