//! What the action emulators received: messages posted to Slack and Discord, texts sent through
//! Twilio, objects created in Stripe and mail delivered to the SMTP sink. A user in sandbox mode
//! sees here what a real platform would have shown; tests read it to count deliveries.
//!
//! With a folder configured, every delivery is also appended to `outbox.jsonl` there (and a
//! mail's raw message kept as an `.eml` file), so it outlives the process that ran the sandbox.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file deliveries are appended to, inside the outbox folder.
pub const JOURNAL: &str = "outbox.jsonl";

/// One thing an emulator received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    /// When it arrived, RFC 3339.
    pub at: String,
    /// slack, discord, stripe, twilio or smtp.
    pub platform: String,
    /// What it was: `chat.postMessage`, `webhook`, `customer`, `sms`, `mail`.
    pub kind: String,
    /// The platform's id for it (a message ts, `cus_…`, `SM…`, a Message-ID).
    pub id: String,
    /// One line a person reads: "#general: Launch day", "to a@b.c: Invoice".
    pub summary: String,
    /// The object as the platform keeps it.
    pub detail: Value,
    /// The raw message file, for mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

#[derive(Debug, Default)]
pub struct Outbox {
    dir: Option<PathBuf>,
    items: Vec<Delivery>,
}

impl Outbox {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            items: Vec::new(),
        }
    }

    /// Keeps a delivery (and its raw bytes, for mail). Writing the folder is best effort: an
    /// emulator never fails a request because a log file could not be written.
    pub fn deliver(&mut self, mut delivery: Delivery, raw: Option<&[u8]>) {
        if let Some(dir) = &self.dir
            && std::fs::create_dir_all(dir).is_ok()
        {
            {
                if let Some(raw) = raw {
                    let name = format!("{}-{}.eml", stamp(&delivery.at), safe(&delivery.id));
                    if std::fs::write(dir.join(&name), raw).is_ok() {
                        delivery.file = Some(name);
                    }
                }
                if let Ok(line) = serde_json::to_string(&delivery) {
                    let _ = std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(dir.join(JOURNAL))
                        .and_then(|mut f| writeln!(f, "{line}"));
                }
            }
        }
        self.items.push(delivery);
    }

    /// Everything received by this sandbox, oldest first.
    pub fn items(&self) -> &[Delivery] {
        &self.items
    }
}

/// Every delivery kept in `dir` (by any process), oldest first; lines that do not parse are
/// skipped.
pub fn read(dir: &Path) -> Vec<Delivery> {
    std::fs::read_to_string(dir.join(JOURNAL))
        .map(|text| {
            text.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default()
}

pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn stamp(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%Y%m%dT%H%M%S%3f").to_string())
        .unwrap_or_else(|_| "message".into())
}

fn safe(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(60)
        .collect()
}
