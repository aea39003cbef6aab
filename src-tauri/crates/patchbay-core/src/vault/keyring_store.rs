//! The one OS keyring entry Patchbay uses: Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows.

/// The keyring service name every Patchbay entry lives under.
pub const SERVICE: &str = "patchbay";
const PROBE_USER: &str = "reachability-probe";

/// Whether an OS keyring answers. A read of an entry that does not exist is enough: a
/// reachable keyring answers "no entry"; an absent one fails to connect. Nothing is written.
pub fn probe() -> Result<(), String> {
    let entry = keyring::Entry::new(SERVICE, PROBE_USER).map_err(|e| e.to_string())?;
    match entry.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(other) => Err(other.to_string()),
    }
}
