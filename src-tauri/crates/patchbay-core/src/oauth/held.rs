//! Tokens of a different account than the one a connection belongs to, held for ten minutes
//! while the user decides whether it replaces the connected account. Nothing is stored until
//! they say so; an answer that comes too late finds nothing and changes nothing.

use super::tokens::{Identity, TokenSet};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a sign-in waits for the answer.
pub const HOLD_FOR: Duration = Duration::from_secs(600);

#[derive(Debug)]
pub(crate) struct Held {
    pub tokens: TokenSet,
    pub identity: Identity,
    pub message: String,
    at: Instant,
}

#[derive(Debug, Default)]
pub struct HeldStore {
    held: Mutex<HashMap<String, Held>>,
}

impl HeldStore {
    pub(crate) fn hold(&self, id: &str, tokens: TokenSet, identity: Identity, message: String) {
        let held = Held {
            tokens,
            identity,
            message,
            at: Instant::now(),
        };
        self.lock().insert(id.to_owned(), held);
    }

    /// The tokens held for connection `id`, once; `None` when nothing waits or it expired.
    pub(crate) fn take(&self, id: &str) -> Option<Held> {
        self.lock().remove(id).filter(|h| h.at.elapsed() < HOLD_FOR)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Held>> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }
}
