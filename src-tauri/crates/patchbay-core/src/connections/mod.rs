//! Connections: configured instances of connectors, their secrets in the vault, and verify.

pub(crate) mod call;
pub mod endpoints;
mod lookup;
pub mod model;
pub(crate) mod request;
mod secrets_split;
pub(crate) mod service;
pub(crate) mod smtp;
pub mod tags;
pub mod verify;
mod view;
pub(crate) mod webhook;

pub use lookup::resolve;
pub use model::{Connection, ConnectionStatus, ConnectionView, Mode, Overrides};
pub use service::{
    ConnectionFilter, ConnectionPatch, NewConnection, Sealed, create, get, list, list_sealed,
    remove, update,
};
