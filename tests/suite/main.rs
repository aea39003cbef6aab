//! Patchbay's cross-crate and end-to-end suite. Modules mirror what a user touches:
//! the command line and the desktop window.
#![allow(clippy::unwrap_used)]

pub(crate) mod actions;
mod appimage;
mod apps;
mod backfill;
mod cli;
mod compare;
mod crash;
pub(crate) mod desktop;
mod history;
mod honest;
mod installed;
mod media;
mod oauth;
mod platforms;
mod reports;
mod schedule;
mod service;
mod sync;
mod tags;
mod upgrade;
mod vault;
mod workflows;
