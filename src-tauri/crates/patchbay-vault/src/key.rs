//! Where the vault's data key comes from: the OS keyring, or (for headless servers without one)
//! Argon2id over `PATCHBAY_VAULT_PASSPHRASE`. A key check value stored beside the secrets tells
//! a wrong key apart from tampered data.

use super::cipher::{self, DataKey, KEY_LEN};
use super::keyring_store;
use super::secret::Secret;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use patchbay_store::{Database, settings};
use patchbay_types::error::{Error, Result};

pub const PASSPHRASE_ENV: &str = "PATCHBAY_VAULT_PASSPHRASE";

const SOURCE: &str = "vault.key_source";
const SALT: &str = "vault.salt";
const CHECK: &str = "vault.key_check";
const CHECK_PLAINTEXT: &[u8] = b"patchbay vault key check";

/// Which kind of key protects this workspace's secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Keyring,
    Passphrase,
}

impl KeySource {
    fn as_str(self) -> &'static str {
        match self {
            Self::Keyring => "keyring",
            Self::Passphrase => "passphrase",
        }
    }
}

/// The passphrase from the environment, if one is set.
pub fn passphrase_from_env() -> Option<Secret> {
    std::env::var(PASSPHRASE_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Secret::new)
}

fn derive(passphrase: &Secret, salt: &[u8]) -> Result<DataKey> {
    let mut out = [0u8; KEY_LEN];
    argon2::Argon2::default()
        .hash_password_into(passphrase.expose().as_bytes(), salt, &mut out)
        .map_err(|e| Error::VaultUnavailable {
            reason: format!("the passphrase could not be turned into a key ({e})"),
        })?;
    let key = DataKey::from_bytes(out);
    zeroize::Zeroize::zeroize(&mut out);
    Ok(key)
}

/// Unlocks the workspace's data key, creating it on first use. The first use holds the
/// database's write lock from the first read to the last write, so processes unlocking a new
/// workspace at once agree on one key (the others wait, then find it).
pub fn unlock(
    db: &Database,
    workspace_id: &str,
    passphrase: Option<Secret>,
) -> Result<(DataKey, KeySource)> {
    let mut conn = db.lock();
    if settings::get(&conn, CHECK)?.is_some() {
        return unlock_in(&conn, workspace_id, passphrase);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let unlocked = unlock_in(&tx, workspace_id, passphrase)?;
    tx.commit()?;
    Ok(unlocked)
}

fn unlock_in(
    conn: &rusqlite::Connection,
    workspace_id: &str,
    passphrase: Option<Secret>,
) -> Result<(DataKey, KeySource)> {
    let recorded = settings::get(conn, SOURCE)?;
    let (key, source) = match (passphrase, recorded.as_deref()) {
        (Some(_), Some("keyring")) => {
            return Err(Error::VaultSourceMismatch {
                stored: "the OS keyring",
                given: format!("{PASSPHRASE_ENV} is set"),
            });
        }
        (None, Some("passphrase")) => {
            return Err(Error::VaultSourceMismatch {
                stored: "a passphrase",
                given: format!("{PASSPHRASE_ENV} is not set"),
            });
        }
        (Some(passphrase), _) => {
            let salt = match settings::get(conn, SALT)? {
                Some(salt) => STANDARD.decode(salt).map_err(|_| Error::VaultKeyMismatch)?,
                None => {
                    let salt: [u8; 16] = rand::random();
                    settings::set(conn, SALT, &STANDARD.encode(salt))?;
                    salt.to_vec()
                }
            };
            (derive(&passphrase, &salt)?, KeySource::Passphrase)
        }
        (None, _) => {
            let unavailable = |reason: String| Error::VaultUnavailable { reason };
            let key = match keyring_store::load(workspace_id).map_err(unavailable)? {
                Some(key) => key,
                None if recorded.is_some() => return Err(Error::VaultKeyLost),
                None => {
                    let key = DataKey::random();
                    keyring_store::store(workspace_id, &key).map_err(unavailable)?;
                    key
                }
            };
            (key, KeySource::Keyring)
        }
    };
    match settings::get(conn, CHECK)? {
        Some(check) => {
            let bytes = STANDARD
                .decode(check)
                .map_err(|_| Error::VaultKeyMismatch)?;
            let (nonce, ct) = bytes.split_at(cipher::NONCE_LEN.min(bytes.len()));
            if cipher::open(&key, "-", "key-check", nonce, ct)
                .as_deref()
                .map(Vec::as_slice)
                != Some(CHECK_PLAINTEXT)
            {
                return Err(Error::VaultKeyMismatch);
            }
        }
        None => {
            let (nonce, ct) = cipher::seal(&key, "-", "key-check", CHECK_PLAINTEXT);
            settings::set(conn, CHECK, &STANDARD.encode([nonce, ct].concat()))?;
            settings::set(conn, SOURCE, source.as_str())?;
        }
    }
    Ok((key, source))
}
