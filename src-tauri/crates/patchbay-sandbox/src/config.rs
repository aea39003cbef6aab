//! How a sandbox behaves: its seed and size, its clock, its limits, and the faults it injects.

use crate::faults::Fault;
use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SandboxConfig {
    /// Same seed, same accounts, posts and metrics.
    pub seed: u64,
    /// Accounts per platform.
    pub accounts: usize,
    /// Most posts an account has (the newest ones at the clock's time).
    pub max_posts: usize,
    /// The moment the generated data is anchored to. Fixed, so data is reproducible.
    pub start: DateTime<Utc>,
    /// How far the sandbox clock starts past `start` (Patchbay lets it follow real time).
    pub clock_offset_secs: i64,
    /// Requests per minute per platform and token before a 429; 0 lifts the limit.
    pub rate_limit_per_minute: u32,
    /// YouTube quota units per day; 0 lifts the limit.
    pub youtube_daily_quota: u32,
    /// Access token lifetimes in seconds, per platform (scaled down for tests).
    pub instagram_short_token_secs: i64,
    pub instagram_long_token_secs: i64,
    pub tiktok_access_token_secs: i64,
    pub google_access_token_secs: i64,
    pub facebook_short_token_secs: i64,
    pub facebook_long_token_secs: i64,
    pub x_access_token_secs: i64,
    pub reddit_access_token_secs: i64,
    /// Injected faults, checked in order.
    pub faults: Vec<Fault>,
    /// Keep every request (benchmarks count and replay them); off everywhere else.
    pub journal: bool,
    /// Where deliveries to the action emulators and the SMTP sink are kept across processes.
    pub outbox_dir: Option<std::path::PathBuf>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            seed: 7,
            accounts: 3,
            max_posts: 120,
            start: Utc
                .with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
                .single()
                .unwrap_or_default(),
            clock_offset_secs: 0,
            rate_limit_per_minute: 600,
            youtube_daily_quota: 10_000,
            instagram_short_token_secs: 3600,
            instagram_long_token_secs: 60 * 86_400,
            tiktok_access_token_secs: 86_400,
            google_access_token_secs: 3599,
            facebook_short_token_secs: 5400,
            facebook_long_token_secs: 60 * 86_400,
            x_access_token_secs: 7200,
            reddit_access_token_secs: 86_400,
            faults: Vec::new(),
            journal: false,
            outbox_dir: None,
        }
    }
}

impl SandboxConfig {
    /// Reads a TOML file holding any of the fields above (typically just `[[faults]]`).
    pub fn merge_file(mut self, text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct FaultFile {
            #[serde(default)]
            faults: Vec<Fault>,
            /// Posts per account (a long history to rehearse backfilling).
            posts: Option<usize>,
        }
        let file: FaultFile =
            toml::from_str(text).map_err(|e| format!("the faults file is not valid: {e}"))?;
        self.faults.extend(file.faults);
        if let Some(posts) = file.posts {
            self.max_posts = posts;
        }
        Ok(self)
    }
}
