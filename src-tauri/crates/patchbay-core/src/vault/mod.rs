//! The credential vault. Secrets are encrypted with a data key that lives in the OS keyring.

pub mod keyring_store;
