//! Patchbay's core. Everything the desktop shell and the `patchbay` command line do is a call
//! into this crate; it has no knowledge of Tauri or of the terminal.

pub mod analytics;
pub mod bindings;
pub mod charts;
pub mod connections;
pub mod deeplink;
pub mod doctor;
pub mod error;
pub mod http;
pub mod info;
pub mod oauth;
pub mod paths;
pub mod preferences;
pub mod registry;
pub mod sandbox;
pub mod store;
pub mod sync;
pub mod vault;
pub mod workspace;

pub use error::{Error, ErrorPayload, Result};
pub use info::{AppInfo, VERSION};
pub use workspace::Workspace;
