//! A precise complaint about a manifest: which file, which field, and why.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// One thing wrong with one manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ManifestProblem {
    /// `bundled:slack.toml` or the path of a user manifest.
    pub file: String,
    /// The dotted field path (`auth.scopes[0]`), or `.` for the whole document.
    pub path: String,
    pub reason: String,
}

impl fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.reason)
    }
}

/// Collects problems for one file as validation walks it.
#[derive(Debug)]
pub(crate) struct Problems<'f> {
    file: &'f str,
    pub(crate) list: Vec<ManifestProblem>,
}

impl<'f> Problems<'f> {
    pub(crate) fn new(file: &'f str) -> Self {
        Self {
            file,
            list: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.list.push(ManifestProblem {
            file: self.file.to_owned(),
            path: path.into(),
            reason: reason.into(),
        });
    }
}
