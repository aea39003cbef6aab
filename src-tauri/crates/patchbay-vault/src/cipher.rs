//! AES-256-GCM with a fresh random nonce per write. The connection id and field name are bound
//! as associated data, so a ciphertext moved to another row or field fails to decrypt.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use zeroize::Zeroizing;

pub const KEY_LEN: usize = 32;
pub const NONCE_LEN: usize = 12;

/// The vault's 256-bit data key, wiped from memory when dropped.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl DataKey {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    pub fn random() -> Self {
        let key = Aes256Gcm::generate_key(OsRng);
        let mut bytes = [0u8; KEY_LEN];
        bytes.copy_from_slice(&key);
        Self::from_bytes(bytes)
    }

    pub fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(self.0.as_slice()))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

fn aad(connection_id: &str, field: &str) -> Vec<u8> {
    format!("patchbay/v1/{connection_id}/{field}").into_bytes()
}

/// Encrypts `plaintext`; returns `(nonce, ciphertext)`.
pub fn seal(
    key: &DataKey,
    connection_id: &str,
    field: &str,
    plaintext: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let ciphertext = key
        .cipher()
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad: &aad(connection_id, field),
            },
        )
        .expect("AES-GCM encryption of an in-memory buffer cannot fail");
    (nonce.to_vec(), ciphertext)
}

/// Decrypts, or `None` when the key is wrong or the bytes were changed.
pub fn open(
    key: &DataKey,
    connection_id: &str,
    field: &str,
    nonce: &[u8],
    ciphertext: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    if nonce.len() != NONCE_LEN {
        return None;
    }
    key.cipher()
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: &aad(connection_id, field),
            },
        )
        .ok()
        .map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_fresh_nonces() {
        let key = DataKey::random();
        let (n1, c1) = seal(&key, "c1", "token", b"hello");
        let (n2, c2) = seal(&key, "c1", "token", b"hello");
        assert_ne!(n1, n2);
        assert_ne!(c1, c2);
        assert_eq!(
            open(&key, "c1", "token", &n1, &c1).unwrap().as_slice(),
            b"hello"
        );
    }

    #[test]
    fn wrong_key_tampering_and_moved_rows_all_fail() {
        let key = DataKey::random();
        let (nonce, mut ct) = seal(&key, "c1", "token", b"hello");
        assert!(open(&DataKey::random(), "c1", "token", &nonce, &ct).is_none());
        assert!(open(&key, "c2", "token", &nonce, &ct).is_none());
        assert!(open(&key, "c1", "refresh_token", &nonce, &ct).is_none());
        ct[0] ^= 1;
        assert!(open(&key, "c1", "token", &nonce, &ct).is_none());
    }
}
