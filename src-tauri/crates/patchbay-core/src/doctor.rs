//! `patchbay doctor`: one check per thing Patchbay needs, each with a sentence and, when it
//! fails, what to do about it.

use crate::deeplink::registration;
use crate::paths::{self, DATABASE_FILE};
use crate::store::Database;
use crate::vault::keyring_store;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Check {
    /// Stable name of the check: `data_dir`, `database`, `keyring`, `deep_link`.
    pub name: String,
    pub ok: bool,
    /// What was found, or what went wrong and what to do.
    pub detail: String,
    /// The bit this check sets in the exit code when it fails.
    pub exit_bit: u8,
}

/// Every check, in the order they ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DoctorReport {
    pub checks: Vec<Check>,
}

impl DoctorReport {
    /// 0 when every check passed; otherwise the OR of the failed checks' bits
    /// (1 data directory, 2 database, 4 keyring, 8 deep link).
    pub fn exit_code(&self) -> u8 {
        self.checks
            .iter()
            .filter(|c| !c.ok)
            .fold(0, |code, c| code | c.exit_bit)
    }
}

fn check(name: &str, exit_bit: u8, result: Result<String, String>) -> Check {
    let (ok, detail) = match result {
        Ok(detail) => (true, detail),
        Err(detail) => (false, detail),
    };
    Check {
        name: name.to_owned(),
        ok,
        detail,
        exit_bit,
    }
}

/// Runs every check against `data_dir`, creating the directory and database if they are missing.
pub fn run(data_dir: &Path) -> DoctorReport {
    let dir = paths::ensure_data_dir(data_dir)
        .map_err(|e| e.to_string())
        .and_then(|()| paths::check_private(data_dir))
        .map(|()| format!("{} is writable, and yours alone", data_dir.display()));
    let dir_ok = dir.is_ok();
    let database = if dir_ok {
        let path = data_dir.join(DATABASE_FILE);
        Database::open(&path)
            .and_then(|db| db.schema_version())
            .map(|v| format!("{} (schema version {v})", path.display()))
            .map_err(|e| e.to_string())
    } else {
        Err("skipped: the data directory is not usable".to_owned())
    };
    let keyring = keyring_store::probe()
        .map(|()| "an OS keyring answered".to_owned())
        .map_err(|reason| {
            format!(
                "no OS keyring answered ({reason}); start a Secret Service such as gnome-keyring, or run inside a desktop session"
            )
        });
    let deep_link =
        registration::registered_handler().map(|handler| format!("patchbay:// opens {handler}"));
    DoctorReport {
        checks: vec![
            check("data_dir", 1, dir),
            check("database", 2, database),
            check("keyring", 4, keyring),
            check("deep_link", 8, deep_link),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_code_ors_the_failed_bits() {
        let report = DoctorReport {
            checks: vec![
                check("data_dir", 1, Ok("fine".into())),
                check("database", 2, Err("bad".into())),
                check("keyring", 4, Ok("fine".into())),
                check("deep_link", 8, Err("bad".into())),
            ],
        };
        assert_eq!(report.exit_code(), 10);
    }

    #[test]
    fn doctor_creates_the_database_in_an_empty_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("fresh");
        let report = run(&dir);
        assert!(report.checks[0].ok, "{:?}", report.checks[0]);
        assert!(report.checks[1].ok, "{:?}", report.checks[1]);
        assert!(dir.join(DATABASE_FILE).exists());
        assert!(report.checks[1].detail.contains("schema version"));
    }
}
