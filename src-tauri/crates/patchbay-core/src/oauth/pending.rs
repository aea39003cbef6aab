//! Authorizations in flight. Each `state` is 128+ random bits, bound to one connection and one
//! redirect URI, usable once, and dead after ten minutes.

use crate::vault::Secret;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const STATE_LIFETIME: Duration = Duration::from_secs(600);

#[derive(Debug)]
pub struct Pending {
    pub connection_id: String,
    pub verifier: Secret,
    pub redirect_uri: String,
    created: Instant,
}

/// Why a callback's state was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateProblem {
    Missing,
    Unknown,
    Expired,
}

#[derive(Debug, Default)]
pub struct PendingStore {
    inner: Mutex<HashMap<String, Pending>>,
    /// States already redeemed, so a replay is named as such.
    used: Mutex<Vec<String>>,
}

/// 160 random bits, base64url.
pub fn new_state() -> String {
    let bytes: [u8; 20] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

impl PendingStore {
    pub fn insert(&self, state: String, connection_id: &str, verifier: Secret, redirect_uri: &str) {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, p| p.created.elapsed() < STATE_LIFETIME);
        map.insert(
            state,
            Pending {
                connection_id: connection_id.to_owned(),
                verifier,
                redirect_uri: redirect_uri.to_owned(),
                created: Instant::now(),
            },
        );
    }

    /// Takes the pending authorization for `state`: it can never be taken again.
    pub fn take(&self, state: Option<&str>) -> Result<Pending, (StateProblem, bool)> {
        let Some(state) = state else {
            return Err((StateProblem::Missing, false));
        };
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        match map.remove(state) {
            Some(p) if p.created.elapsed() < STATE_LIFETIME => {
                used.push(state.to_owned());
                Ok(p)
            }
            Some(_) => Err((StateProblem::Expired, false)),
            None => Err((StateProblem::Unknown, used.iter().any(|u| u == state))),
        }
    }

    /// Makes `state` look older, for tests of expiry.
    pub fn age(&self, state: &str, by: Duration) {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = map.get_mut(state)
            && let Some(older) = p.created.checked_sub(by)
        {
            p.created = older;
        }
    }
}
