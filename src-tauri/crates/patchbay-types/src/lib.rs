//! The words every Patchbay crate shares: the error type with its stable codes, where data
//! lives, a connection's stored row and the records a sync produces. It depends on no other
//! Patchbay crate, so every other crate can depend on it.

pub mod code;
pub mod connection;
pub mod error;
pub mod field;
pub mod info;
pub mod paths;
pub mod records;
pub mod time;

pub use error::{Error, ErrorCode, ErrorPayload, Result};
pub use field::FieldError;
pub use info::{AppInfo, VERSION};
