//! The core's error type. Every variant has a stable `code` the UI and scripts can branch on,
//! and a `Display` that is a sentence a creator understands. No variant ever carries a secret.

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// Everything that can go wrong inside the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "The data directory {path} cannot be used: {reason}. Choose another with --data-dir or PATCHBAY_DATA_DIR."
    )]
    DataDir { path: PathBuf, reason: String },

    #[error(
        "No data directory could be found for this user. Set one with --data-dir or PATCHBAY_DATA_DIR."
    )]
    NoDefaultDataDir,

    #[error(
        "The database {path} was written by a newer Patchbay (schema {found}; this version understands up to {supported}). Update Patchbay, or choose another data directory. The file was not changed."
    )]
    SchemaTooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("The database {path} could not be opened: {reason}.")]
    DatabaseOpen { path: PathBuf, reason: String },

    #[error("No connector is called `{id}`. `patchbay connectors list` shows every connector.")]
    UnknownConnector { id: String },

    #[error("The local database reported an error: {0}.")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// A stable, machine-readable code. Never change an existing one; add new ones.
    pub fn code(&self) -> &'static str {
        match self {
            Error::DataDir { .. } => "data_dir.unusable",
            Error::NoDefaultDataDir => "data_dir.not_found",
            Error::SchemaTooNew { .. } => "database.schema_too_new",
            Error::DatabaseOpen { .. } => "database.open_failed",
            Error::UnknownConnector { .. } => "connector.unknown",
            Error::Database(_) => "database.error",
        }
    }

    /// The shape the UI and `--json` output receive.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_owned(),
            message: self.to_string(),
        }
    }
}

/// What a front door (a Tauri command, the CLI's `--json`) reports for a failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}

impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        err.payload()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
