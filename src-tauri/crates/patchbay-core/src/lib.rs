//! Patchbay's core. Everything the desktop shell and the `patchbay` command line do is a call
//! into this crate; it has no knowledge of Tauri or of the terminal.

pub mod actions;
pub mod apps;
pub mod attachments;
pub mod background;
pub mod bindings;
pub mod catalog;
pub mod connections;
pub mod data;
pub mod deeplink;
pub mod doctor;
pub mod exports;
pub mod insights;
pub mod lease;
pub mod logs;
pub mod media;
pub mod oauth;
pub mod platforms;
pub mod preferences;
pub mod reports;
#[cfg(feature = "sandbox")]
pub mod samples;
pub mod sandbox;
pub mod sync;
pub mod workflows;
pub mod workspace;

pub use patchbay_analytics::{self as analytics, charts};
pub use patchbay_http as http;
pub use patchbay_registry as registry;
pub use patchbay_store as store;
pub use patchbay_types::{error, info, paths};
pub use patchbay_vault as vault;

pub use error::{Error, ErrorPayload, Result};
pub use info::{AppInfo, VERSION};
pub use workspace::Workspace;
