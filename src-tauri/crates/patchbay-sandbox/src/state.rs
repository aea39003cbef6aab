//! Everything a running sandbox remembers: its data, its clock, its tokens, and the counters
//! behind rate limits, quotas and faults.

use crate::config::SandboxConfig;
use crate::data::Account;
use crate::faults::{FaultKind, FaultState};
use crate::oauth::OAuthStore;
use crate::outbox::{Delivery, Outbox};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

#[derive(Debug)]
pub struct State {
    pub config: SandboxConfig,
    accounts: HashMap<&'static str, Vec<Account>>,
    offset: Mutex<Duration>,
    oauth: Mutex<OAuthStore>,
    faults: Mutex<FaultState>,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
    quota: Mutex<(NaiveDate, u32)>,
    /// Every request received, when the config asks for it (benchmarks count and replay them).
    journal: Mutex<Vec<Recorded>>,
    /// Where the sandbox listens, for the absolute links it hands out (thumbnails).
    base: std::sync::OnceLock<String>,
    /// Objects the action emulators keep (Slack messages, Stripe customers), by key.
    objects: Mutex<BTreeMap<String, Value>>,
    /// Stripe's idempotency layer: key → (request fingerprint, status, answer).
    idempotent: Mutex<HashMap<String, (String, u16, Value)>>,
    outbox: Mutex<Outbox>,
}

/// One request as it arrived: enough to send it again.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query.
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The platform it went to: the first path segment (`instagram`, `tiktok`, …).
    pub fn platform(&self) -> &str {
        self.uri
            .trim_start_matches('/')
            .split(['/', '?'])
            .next()
            .unwrap_or_default()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Why a request was stopped before reaching its handler.
#[derive(Debug)]
pub enum Refusal {
    Fault(FaultKind),
    RateLimited { retry_after: u64 },
    QuotaExceeded,
}

impl State {
    pub fn new(config: SandboxConfig) -> Self {
        let seed = config.seed;
        let outbox_dir = config.outbox_dir.clone();
        let mut accounts = HashMap::new();
        for platform in crate::PLATFORMS {
            let list = (0..config.accounts)
                .map(|i| {
                    Account::generate(config.seed, platform, i, config.start, config.max_posts)
                })
                .collect();
            accounts.insert(platform, list);
        }
        Self {
            config,
            accounts,
            offset: Mutex::new(Duration::zero()),
            oauth: Mutex::new(OAuthStore::new(seed)),
            faults: Mutex::new(FaultState::default()),
            windows: Mutex::new(HashMap::new()),
            quota: Mutex::new((NaiveDate::MIN, 0)),
            journal: Mutex::new(Vec::new()),
            base: std::sync::OnceLock::new(),
            objects: Mutex::new(BTreeMap::new()),
            idempotent: Mutex::new(HashMap::new()),
            outbox: Mutex::new(Outbox::new(outbox_dir)),
        }
    }

    /// The objects the action emulators keep, to read or change under one lock.
    pub fn objects(&self) -> MutexGuard<'_, BTreeMap<String, Value>> {
        lock(&self.objects)
    }

    /// Stripe's saved answers by idempotency key.
    pub fn idempotent(&self) -> MutexGuard<'_, HashMap<String, (String, u16, Value)>> {
        lock(&self.idempotent)
    }

    /// Keeps what an action emulator received.
    pub fn deliver(&self, delivery: Delivery, raw: Option<&[u8]>) {
        lock(&self.outbox).deliver(delivery, raw);
    }

    /// What an earlier delivery of `platform` with this id left behind (its detail), from this
    /// process or, through the outbox folder, from an earlier one: a message posted yesterday
    /// can be edited today, a customer made in one run invoiced in the next.
    pub fn recall(&self, platform: &str, id: &str) -> Option<Value> {
        self.history(platform)
            .into_iter()
            .rev()
            .find(|d| d.id == id)
            .map(|d| d.detail)
    }

    /// Every delivery to `platform`, oldest first: the outbox folder's when there is one (it
    /// holds this process's too), else this process's.
    pub fn history(&self, platform: &str) -> Vec<Delivery> {
        let items = match self.config.outbox_dir.as_deref() {
            Some(dir) => crate::outbox::read(dir),
            None => lock(&self.outbox).items().to_vec(),
        };
        items
            .into_iter()
            .filter(|d| d.platform == platform)
            .collect()
    }

    /// Everything the action emulators received, oldest first.
    pub fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.outbox).items().to_vec()
    }

    /// Whether the answer to this request should be lost (a `lost_response` fault).
    pub fn lose(&self, platform: &str, path: &str) -> bool {
        lock(&self.faults).lose(&self.config.faults, platform, path)
    }

    pub(crate) fn set_base(&self, base: String) {
        let _ = self.base.set(base);
    }

    /// Where the sandbox listens (`http://127.0.0.1:PORT`), for links it hands out.
    pub fn base(&self) -> String {
        self.base
            .get()
            .cloned()
            .unwrap_or_else(|| "http://127.0.0.1".into())
    }

    /// A thumbnail's address on the sandbox's own media host, as a CDN link would be.
    pub fn media_url(&self, name: &str) -> String {
        let base = self.base.get().map_or("http://127.0.0.1", String::as_str);
        format!("{base}/__sandbox/media/{name}.png")
    }

    /// The sandbox's "now": the configured start plus every advance.
    pub fn now(&self) -> DateTime<Utc> {
        self.config.start + Duration::seconds(self.config.clock_offset_secs) + *lock(&self.offset)
    }

    /// Moves the sandbox clock forward, so the next sync sees newer posts and metrics.
    pub fn advance(&self, by: Duration) {
        *lock(&self.offset) += by;
    }

    pub fn accounts(&self, platform: &str) -> &[Account] {
        self.accounts
            .get(platform)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub fn account(&self, platform: &str, index: usize) -> Option<&Account> {
        self.accounts(platform).get(index)
    }

    pub fn oauth(&self) -> MutexGuard<'_, OAuthStore> {
        lock(&self.oauth)
    }

    /// Injected faults first, then the per-token rate limit (a real-time minute window), then
    /// YouTube's daily quota on the sandbox clock.
    pub fn admit(
        &self,
        platform: &str,
        path: &str,
        token: &str,
        quota_cost: u32,
    ) -> Result<(), Refusal> {
        if let Some(kind) = lock(&self.faults).fire(&self.config.faults, platform, path) {
            return Err(Refusal::Fault(kind));
        }
        self.limits(platform, token, quota_cost)
    }

    /// Keeps `request` in the journal when the config asks for one.
    pub fn record(&self, request: Recorded) {
        if self.config.journal {
            lock(&self.journal).push(request);
        }
    }

    /// Every request received since the last call, oldest first.
    pub fn take_journal(&self) -> Vec<Recorded> {
        std::mem::take(&mut *lock(&self.journal))
    }

    /// The delay configured for requests to `platform` under `path`, if any.
    pub fn delay(&self, path: &str) -> Option<std::time::Duration> {
        self.config.faults.iter().find_map(|f| match f.kind {
            FaultKind::Slow { millis }
                if path.starts_with(&format!("/{}", f.platform))
                    && f.path_contains.as_deref().is_none_or(|p| path.contains(p)) =>
            {
                Some(std::time::Duration::from_millis(millis))
            }
            _ => None,
        })
    }

    /// The usage percentage Meta headers should report for `platform` (a `high_usage` fault), if set.
    pub fn reported_usage(&self, platform: &str) -> Option<u32> {
        self.config.faults.iter().find_map(|f| match f.kind {
            FaultKind::HighUsage { percent } if f.platform == platform => Some(percent),
            _ => None,
        })
    }

    /// Metrics configured as deprecated: any request naming one fails as a whole.
    pub fn deprecated_metrics(&self, platform: &str) -> Vec<String> {
        self.config
            .faults
            .iter()
            .filter(|f| f.platform == platform)
            .filter_map(|f| match &f.kind {
                FaultKind::DeprecatedMetric { metric } => Some(metric.clone()),
                _ => None,
            })
            .collect()
    }

    /// The rate-limit window of `platform` and `token`: (limit, requests used, seconds until it
    /// resets); `None` when limits are lifted.
    pub fn window(&self, platform: &str, token: &str) -> Option<(u32, u32, u64)> {
        let limit = self.config.rate_limit_per_minute;
        if limit == 0 {
            return None;
        }
        let windows = lock(&self.windows);
        let (start, used) = windows
            .get(&format!("{platform}/{token}"))
            .copied()
            .unwrap_or((Instant::now(), 0));
        let reset = 60u64.saturating_sub(start.elapsed().as_secs()).max(1);
        Some((limit, used.min(limit), reset))
    }

    fn limits(&self, platform: &str, token: &str, quota_cost: u32) -> Result<(), Refusal> {
        let limit = self.config.rate_limit_per_minute;
        if limit > 0 {
            let mut windows = lock(&self.windows);
            let entry = windows
                .entry(format!("{platform}/{token}"))
                .or_insert((Instant::now(), 0));
            if entry.0.elapsed().as_secs() >= 60 {
                *entry = (Instant::now(), 0);
            }
            entry.1 += 1;
            if entry.1 > limit {
                return Err(Refusal::RateLimited {
                    retry_after: 60u64.saturating_sub(entry.0.elapsed().as_secs()).max(1),
                });
            }
        }
        let daily = self.config.youtube_daily_quota;
        if quota_cost > 0 && daily > 0 {
            let mut quota = lock(&self.quota);
            let today = self.now().date_naive();
            if quota.0 != today {
                *quota = (today, 0);
            }
            if quota.1 + quota_cost > daily {
                return Err(Refusal::QuotaExceeded);
            }
            quota.1 += quota_cost;
        }
        Ok(())
    }

    /// Quota units used today, for the budget meter.
    pub fn quota_used(&self) -> u32 {
        lock(&self.quota).1
    }
}
