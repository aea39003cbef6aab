//! The workspace's preferences: how often to sync, how long to keep history, and the mode new
//! connections start in. Stored in the `settings` table; the vault's state is reported beside.

use crate::error::{Error, Result};
use crate::store::settings;
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const INTERVAL: &str = "sync.interval_hours";
const RETENTION: &str = "retention.days";
const DEFAULT_MODE: &str = "connections.default_mode";
const PERIOD: &str = "view.period";
const APPEARANCE: &str = "view.appearance";

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Appearance {
    #[default]
    System,
    Light,
    Dark,
}

impl Appearance {
    fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

fn default_period() -> String {
    "30d".into()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preferences {
    /// Hours between scheduled syncs (1–168; 6 by default).
    pub sync_interval_hours: u32,
    /// Days of snapshots to keep; 0 keeps everything (the default).
    pub retention_days: u32,
    /// The mode the add form starts in.
    pub default_mode: crate::connections::Mode,
    /// The period the Overview, an account and Reports show (7d, 30d, 90d, this-month, or a
    /// range 2026-11-01..2026-11-15), remembered between runs.
    #[serde(default = "default_period")]
    pub period: String,
    /// The window's colours.
    #[serde(default)]
    pub appearance: Appearance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultStatus {
    /// keyring, passphrase or unavailable.
    pub state: String,
    pub message: String,
}

pub fn get(ws: &Workspace) -> Result<Preferences> {
    let db = ws.database();
    let num = |key: &str, default: u32| -> Result<u32> {
        Ok(settings::get_in(db, key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    };
    Ok(Preferences {
        sync_interval_hours: num(INTERVAL, 6)?,
        retention_days: num(RETENTION, 0)?,
        default_mode: match settings::get_in(db, DEFAULT_MODE)?.as_deref() {
            Some("sandbox") => crate::connections::Mode::Sandbox,
            _ => crate::connections::Mode::Live,
        },
        period: settings::get_in(db, PERIOD)?.unwrap_or_else(default_period),
        appearance: match settings::get_in(db, APPEARANCE)?.as_deref() {
            Some("light") => Appearance::Light,
            Some("dark") => Appearance::Dark,
            _ => Appearance::System,
        },
    })
}

/// Saves the preferences and applies the retention rule at once.
pub fn set(ws: &Workspace, p: &Preferences) -> Result<Preferences> {
    if !(1..=168).contains(&p.sync_interval_hours) {
        return Err(Error::InvalidInput("Sync every 1 to 168 hours.".into()));
    }
    crate::analytics::report::Period::parse(&p.period, chrono::Utc::now())?;
    let db = ws.database();
    settings::set_in(db, PERIOD, p.period.trim())?;
    settings::set_in(db, APPEARANCE, p.appearance.as_str())?;
    settings::set_in(db, INTERVAL, &p.sync_interval_hours.to_string())?;
    settings::set_in(db, RETENTION, &p.retention_days.to_string())?;
    let mode = if p.default_mode == crate::connections::Mode::Sandbox {
        "sandbox"
    } else {
        "live"
    };
    settings::set_in(db, DEFAULT_MODE, mode)?;
    apply_retention(ws)?;
    get(ws)
}

/// Deletes snapshots older than the kept history (nothing when everything is kept). Runs when
/// the preferences are saved and after every sync round; answers how many rows went.
pub fn apply_retention(ws: &Workspace) -> Result<usize> {
    match get(ws)?.retention_days {
        0 => Ok(0),
        days => crate::analytics::export::apply_retention(ws.database(), i64::from(days)),
    }
}

pub fn vault_status(ws: &Workspace) -> VaultStatus {
    match ws.vault() {
        Ok(v) => match v.source() {
            crate::vault::KeySource::Keyring => VaultStatus {
                state: "keyring".into(),
                message: "Secrets are encrypted with a key kept in your OS keyring.".into(),
            },
            crate::vault::KeySource::Passphrase => VaultStatus {
                state: "passphrase".into(),
                message: "Secrets are encrypted with a key derived from PATCHBAY_VAULT_PASSPHRASE."
                    .into(),
            },
        },
        Err(e) => VaultStatus {
            state: "unavailable".into(),
            message: e.to_string(),
        },
    }
}

/// True the first time it is asked for `key` in this workspace, false ever after: for notices
/// shown once (closing the window hides it to the tray).
pub fn first_time(ws: &Workspace, key: &str) -> Result<bool> {
    let key = format!("once.{key}");
    let conn = ws.database().lock();
    let first = settings::get(&conn, &key)?.is_none();
    if first {
        settings::set(&conn, &key, &chrono::Utc::now().to_rfc3339())?;
    }
    Ok(first)
}
