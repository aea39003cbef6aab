//! A problem with one field of a form, as the UI shows it next to that field.

use serde::Serialize;
use ts_rs::TS;

/// What is wrong with one field of a config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct FieldError {
    /// The config field's name, or `.` for the config as a whole.
    pub field: String,
    pub message: String,
}
