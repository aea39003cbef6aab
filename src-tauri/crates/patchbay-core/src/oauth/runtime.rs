//! What OAuth keeps in memory for one workspace: sign-ins under way, a different account's
//! tokens waiting for an answer, and one refresh lock per connection.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Per-workspace OAuth state: flows in progress and one refresh lock per connection.
#[derive(Debug, Default)]
pub struct Runtime {
    pub pending: super::pending::PendingStore,
    /// A different account's tokens, waiting for the user to confirm the replacement.
    pub(crate) held: super::held::HeldStore,
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// The listener waiting on each fixed loopback port, so a new sign-in can take the port over.
    listening: Mutex<HashMap<u16, Arc<tokio::sync::Notify>>>,
    refreshes: std::sync::atomic::AtomicUsize,
}

impl Runtime {
    pub(crate) fn lock_for(&self, id: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        locks.entry(id.to_owned()).or_default().clone()
    }

    /// Tells whoever waits on `port` to stop, and registers the next waiter's stop signal.
    pub(crate) fn take_over_port(&self, port: u16) -> Arc<tokio::sync::Notify> {
        let mut listening = self.listening.lock().unwrap_or_else(|p| p.into_inner());
        let next = Arc::new(tokio::sync::Notify::new());
        if let Some(previous) = listening.insert(port, next.clone()) {
            previous.notify_one();
        }
        next
    }

    pub(crate) fn count_refresh(&self) {
        self.refreshes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// How many refreshes this process has performed (for tests of single-flight).
    pub fn refresh_count(&self) -> usize {
        self.refreshes.load(std::sync::atomic::Ordering::SeqCst)
    }
}
