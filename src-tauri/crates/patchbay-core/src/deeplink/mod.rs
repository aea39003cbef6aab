//! The `patchbay://` URL scheme that brings OAuth callbacks back to the desktop app.

pub mod registration;

/// The custom URL scheme the desktop app registers.
pub const SCHEME: &str = "patchbay";
