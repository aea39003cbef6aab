//! What the app reports about itself: version, where its data lives, the schema version.

use serde::Serialize;
use ts_rs::TS;

/// The application version, shared by every crate in the workspace.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Facts about the running workspace, shown on the desktop's about screen and by the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub schema_version: u32,
    /// Connectors with a local emulator: sandbox mode is offered for these only.
    pub sandbox_connectors: Vec<String>,
}
