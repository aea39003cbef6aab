//! What the desktop app tells its window when a connection flow ends, however it ended.

use crate::connections::ConnectionView;
use crate::error::Error;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Finished {
    pub ok: bool,
    pub message: String,
    /// The error's stable code when it failed.
    pub code: Option<crate::error::ErrorCode>,
    pub connection: Option<ConnectionView>,
    /// The connection the flow was for, when known (always when it succeeded, and when a
    /// different account waits for the user to confirm it replaces the connected one).
    pub connection_id: Option<String>,
}

impl From<Result<ConnectionView, Error>> for Finished {
    fn from(result: Result<ConnectionView, Error>) -> Self {
        match result {
            Ok(view) => Self {
                ok: true,
                message: view
                    .status_message
                    .clone()
                    .unwrap_or_else(|| "Connected.".into()),
                code: None,
                connection_id: Some(view.id.clone()),
                connection: Some(view),
            },
            Err(e) => Self {
                ok: false,
                message: e.to_string(),
                code: Some(e.code()),
                connection: None,
                connection_id: match &e {
                    Error::OAuthDifferentAccount { connection_id, .. } => {
                        Some(connection_id.clone())
                    }
                    _ => None,
                },
            },
        }
    }
}
