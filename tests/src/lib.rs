//! Helpers for Patchbay's cross-crate and end-to-end tests: the built binaries, isolated
//! workspaces, and a small WebDriver client for the desktop window.

pub mod bins;
pub mod desktop;
pub mod http_stub;
pub mod peer;
pub mod tray;
pub mod webdriver;
pub mod workspace;
pub mod x11;
