//! The credential vault. Every secret field is encrypted with AES-256-GCM under one data key
//! that lives in the OS keyring (or comes from a passphrase), and stored in SQLite as
//! ciphertext only.

pub mod cipher;
pub mod key;
pub mod keyring_store;
pub mod mask;
pub mod secret;

pub use key::KeySource;
pub use secret::Secret;

use cipher::DataKey;
use patchbay_store::{Database, secrets};
use patchbay_types::error::{Error, Result};
use rusqlite::Connection;

/// An unlocked vault. Dropping it wipes the key from memory.
#[derive(Debug)]
pub struct Vault {
    key: DataKey,
    source: KeySource,
    /// How many secrets were decrypted through this vault, so tests can prove a path needs none.
    opened: std::sync::atomic::AtomicUsize,
}

impl Vault {
    /// Unlocks the vault of the workspace identified by `workspace_id`.
    pub fn unlock(db: &Database, workspace_id: &str, passphrase: Option<Secret>) -> Result<Self> {
        let (key, source) = key::unlock(db, workspace_id, passphrase)?;
        Ok(Self {
            key,
            source,
            opened: Default::default(),
        })
    }

    pub fn source(&self) -> KeySource {
        self.source
    }

    /// Encrypts and stores one secret field, inside the caller's transaction.
    pub fn put(
        &self,
        sql: &Connection,
        connection_id: &str,
        field: &str,
        value: &Secret,
    ) -> Result<()> {
        let (nonce, ciphertext) =
            cipher::seal(&self.key, connection_id, field, value.expose().as_bytes());
        secrets::put(
            sql,
            connection_id,
            field,
            &secrets::SealedSecret { nonce, ciphertext },
        )
    }

    /// How many secrets this vault has decrypted since it was unlocked.
    pub fn decryptions(&self) -> usize {
        self.opened.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Reads and decrypts one secret field.
    pub fn get(
        &self,
        sql: &Connection,
        connection_id: &str,
        field: &str,
    ) -> Result<Option<Secret>> {
        let Some(sealed) = secrets::get(sql, connection_id, field)? else {
            return Ok(None);
        };
        self.opened
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let plain = cipher::open(
            &self.key,
            connection_id,
            field,
            &sealed.nonce,
            &sealed.ciphertext,
        )
        .ok_or_else(|| Error::VaultCorrupt {
            connection_id: connection_id.to_owned(),
            field: field.to_owned(),
        })?;
        let text = String::from_utf8(plain.to_vec()).map_err(|_| Error::VaultCorrupt {
            connection_id: connection_id.to_owned(),
            field: field.to_owned(),
        })?;
        Ok(Some(Secret::new(text)))
    }

    /// Encrypts and stores a secret of a developer app (its client secret). Sealed for the app
    /// alone: the owner bound into the ciphertext is `app:<id>`, never a connection's id.
    pub fn put_app(
        &self,
        sql: &Connection,
        app_id: &str,
        field: &str,
        value: &Secret,
    ) -> Result<()> {
        let owner = format!("app:{app_id}");
        let (nonce, ciphertext) = cipher::seal(&self.key, &owner, field, value.expose().as_bytes());
        patchbay_store::apps::put_secret(
            sql,
            app_id,
            field,
            &secrets::SealedSecret { nonce, ciphertext },
        )
    }

    /// Reads and decrypts a secret of a developer app.
    pub fn get_app(&self, sql: &Connection, app_id: &str, field: &str) -> Result<Option<Secret>> {
        let Some(sealed) = patchbay_store::apps::get_secret(sql, app_id, field)? else {
            return Ok(None);
        };
        let owner = format!("app:{app_id}");
        self.opened
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let corrupt = || Error::VaultCorrupt {
            connection_id: owner.clone(),
            field: field.to_owned(),
        };
        let plain = cipher::open(&self.key, &owner, field, &sealed.nonce, &sealed.ciphertext)
            .ok_or_else(corrupt)?;
        let text = String::from_utf8(plain.to_vec()).map_err(|_| corrupt())?;
        Ok(Some(Secret::new(text)))
    }
}
