//! One async runtime for the commands that talk to the network.

use std::future::Future;

/// Runs a future to completion on a fresh multi-threaded runtime (the built-in sandbox and the
/// loopback listener run beside the command on it).
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("the async runtime starts")
        .block_on(future)
}
