//! The one OS keyring entry Patchbay uses: Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows. It holds the vault's data key, base64-encoded: 44 bytes, far
//! below Credential Manager's 2.5 KB limit, and one entry means the OS asks the user once.

use super::cipher::{DataKey, KEY_LEN};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

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

/// The keyring account holding the data key of the workspace identified by `workspace_id`.
fn entry(workspace_id: &str) -> Result<keyring::Entry, String> {
    keyring::Entry::new(SERVICE, &format!("data-key/{workspace_id}")).map_err(|e| e.to_string())
}

/// Reads the data key; `Ok(None)` when the keyring answers but holds none yet.
pub fn load(workspace_id: &str) -> Result<Option<DataKey>, String> {
    match entry(workspace_id)?.get_password() {
        Ok(text) => {
            let bytes = STANDARD
                .decode(text.trim())
                .map_err(|_| "the keyring entry is not a Patchbay key".to_owned())?;
            let bytes: [u8; KEY_LEN] = bytes
                .try_into()
                .map_err(|_| "the keyring entry has the wrong length".to_owned())?;
            Ok(Some(DataKey::from_bytes(bytes)))
        }
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(other) => Err(other.to_string()),
    }
}

/// Stores a data key.
pub fn store(workspace_id: &str, key: &DataKey) -> Result<(), String> {
    let text = zeroize::Zeroizing::new(STANDARD.encode(key.bytes()));
    entry(workspace_id)?
        .set_password(&text)
        .map_err(|e| e.to_string())
}

/// Removes the data key (tests and "forget this workspace").
pub fn delete(workspace_id: &str) -> Result<(), String> {
    match entry(workspace_id)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(other) => Err(other.to_string()),
    }
}
