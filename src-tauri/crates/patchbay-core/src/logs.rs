//! What Patchbay did, where a user can find it the next morning: syncs, refreshes and scheduler
//! rounds as `tracing` events, written to `<data-dir>/patchbay.log` (owner-only, capped at 1 MB,
//! the previous file kept as `patchbay.log.1`). Events carry ids, codes and sentences, never a
//! secret: secrets are `Secret`s, whose every printed form is redacted, and the core's errors
//! never hold one. `patchbay logs` prints the file, and the diagnostics bundle (`patchbay
//! diagnostics`, Settings → Copy diagnostics) adds doctor's report and the versions.

use crate::error::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const LOG_FILE: &str = "patchbay.log";
/// A log file is rotated past this size.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// Starts writing this process's events to the data directory's log. Only the first call in a
/// process takes effect.
pub fn init(data_dir: &Path) {
    let writer = LogFile {
        path: data_dir.join(LOG_FILE),
    };
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _ = tracing::subscriber::set_global_default(subscriber);
}

/// Appends to the log file, rotating it past `MAX_BYTES`.
#[derive(Debug, Clone)]
struct LogFile {
    path: PathBuf,
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogFile {
    type Writer = Box<dyn Write + 'a>;

    fn make_writer(&'a self) -> Self::Writer {
        match self.open() {
            Ok(file) => Box::new(file),
            Err(_) => Box::new(std::io::sink()),
        }
    }
}

impl LogFile {
    fn open(&self) -> std::io::Result<std::fs::File> {
        if std::fs::metadata(&self.path).is_ok_and(|m| m.len() >= MAX_BYTES) {
            let _ = std::fs::rename(&self.path, previous(&self.path));
        }
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(&self.path)
    }
}

fn previous(path: &Path) -> PathBuf {
    path.with_extension("log.1")
}

/// The last `lines` lines of the log, across the previous file and the current one.
pub fn recent(data_dir: &Path, lines: usize) -> Vec<String> {
    let path = data_dir.join(LOG_FILE);
    let mut all: Vec<String> = [previous(&path), path]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|text| text.lines().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let skip = all.len().saturating_sub(lines);
    all.drain(..skip);
    all
}

/// Everything a user can send when asking for help: versions, doctor's checks, and the recent
/// log. Nothing in it is a secret (the tests plant tokens and look for them).
pub fn diagnostics(data_dir: &Path) -> Result<String> {
    let mut out = String::new();
    out.push_str(&format!(
        "Patchbay {}\nos: {} {}\ndata directory: {}\n\n",
        crate::VERSION,
        std::env::consts::OS,
        std::env::consts::ARCH,
        data_dir.display()
    ));
    out.push_str("doctor:\n");
    for check in crate::doctor::run(data_dir).checks {
        let mark = if check.ok { "ok  " } else { "FAIL" };
        out.push_str(&format!("  {mark} {}: {}\n", check.name, check.detail));
    }
    out.push_str("\nrecent log:\n");
    for line in recent(data_dir, 200) {
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::fmt::MakeWriter;

    #[test]
    fn the_log_rotates_past_its_cap_and_keeps_one_previous_file() {
        let tmp = tempfile::tempdir().unwrap();
        let log = LogFile {
            path: tmp.path().join(LOG_FILE),
        };
        let line = vec![b'x'; 1023];
        for _ in 0..(MAX_BYTES / 1024 + 10) {
            let mut w = log.make_writer();
            w.write_all(&line).unwrap();
            w.write_all(b"\n").unwrap();
        }
        let current = std::fs::metadata(tmp.path().join(LOG_FILE)).unwrap().len();
        let old = std::fs::metadata(tmp.path().join("patchbay.log.1"))
            .unwrap()
            .len();
        assert!(current < MAX_BYTES && old >= MAX_BYTES, "{current} / {old}");
        assert_eq!(recent(tmp.path(), 5).len(), 5);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(tmp.path().join(LOG_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
