//! The sandbox's authorization server state: single-use codes bound to their client, redirect
//! and PKCE challenge; access and refresh tokens with lifetimes on the sandbox clock.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// How a platform computes the PKCE challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Challenge {
    /// RFC 7636 S256: base64url(SHA-256(verifier)).
    S256,
    /// TikTok: hex(SHA-256(verifier)).
    S256Hex,
}

impl Challenge {
    pub fn of(self, verifier: &str) -> String {
        let digest = Sha256::digest(verifier.as_bytes());
        match self {
            Challenge::S256 => URL_SAFE_NO_PAD.encode(digest),
            Challenge::S256Hex => hex::encode(digest),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Grant {
    pub platform: &'static str,
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: Option<String>,
    pub account: usize,
    pub scopes: Vec<String>,
    pub offline: bool,
    pub(crate) used: bool,
}

impl Grant {
    /// A grant with nothing set, for `..Grant::blank()`.
    pub fn blank() -> Self {
        Self {
            platform: "",
            client_id: String::new(),
            redirect_uri: String::new(),
            challenge: None,
            account: 0,
            scopes: Vec::new(),
            offline: false,
            used: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Token {
    pub platform: &'static str,
    pub account: usize,
    pub scopes: Vec<String>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Instagram's short-lived token, only good for the long-lived exchange and `/me`.
    pub short_lived: bool,
}

#[derive(Debug, Clone)]
pub struct RefreshToken {
    pub platform: &'static str,
    pub account: usize,
    pub scopes: Vec<String>,
    pub client_id: String,
    pub valid: bool,
}

/// Codes live in memory (a flow completes in one process); access and refresh tokens are
/// signed and self-describing, so a sandbox restarted with the same seed still accepts the
/// tokens it issued before, as a real platform would.
#[derive(Debug, Default)]
pub struct OAuthStore {
    codes: HashMap<String, Grant>,
    key: [u8; 32],
    revoked: std::collections::HashSet<String>,
    pub refresh: HashMap<String, RefreshToken>,
}

pub fn random_token(prefix: &str) -> String {
    let bytes: [u8; 24] = rand::thread_rng().r#gen();
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Why a code exchange was refused, in OAuth's own words.
#[derive(Debug, PartialEq, Eq)]
pub enum ExchangeError {
    InvalidGrant(&'static str),
    InvalidClient,
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn mac(key: &[u8; 32], payload: &str) -> String {
    let mut h = Sha256::new();
    h.update(key);
    h.update(payload.as_bytes());
    hex::encode(&h.finalize()[..16])
}

impl OAuthStore {
    pub fn new(seed: u64) -> Self {
        let key: [u8; 32] =
            Sha256::digest(format!("patchbay-sandbox-signing/{seed}").as_bytes()).into();
        Self {
            key,
            ..Self::default()
        }
    }

    fn sign(&self, prefix: &str, payload: &serde_json::Value) -> String {
        let body = URL_SAFE_NO_PAD.encode(payload.to_string());
        format!("{prefix}{body}.{}", mac(&self.key, &body))
    }

    fn open(&self, prefix: &str, token: &str) -> Option<serde_json::Value> {
        let rest = token.strip_prefix(prefix)?;
        let (body, tag) = rest.rsplit_once('.')?;
        if mac(&self.key, body) != tag || self.revoked.contains(token) {
            return None;
        }
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()
    }

    pub fn issue_code(&mut self, grant: Grant) -> String {
        let code = random_token("code-");
        self.codes.insert(code.clone(), grant);
        code
    }

    /// Redeems a code once. A reused code, another client's code, a different redirect or a
    /// verifier that does not match the challenge are all refused.
    pub fn redeem(
        &mut self,
        code: &str,
        client_id: &str,
        redirect_uri: &str,
        verifier: Option<&str>,
        method: Challenge,
    ) -> Result<Grant, ExchangeError> {
        let grant = self.codes.get_mut(code).ok_or(ExchangeError::InvalidGrant(
            "the authorization code is unknown",
        ))?;
        if grant.used {
            return Err(ExchangeError::InvalidGrant(
                "the authorization code was already used",
            ));
        }
        grant.used = true;
        if grant.client_id != client_id {
            return Err(ExchangeError::InvalidClient);
        }
        if grant.redirect_uri != redirect_uri {
            return Err(ExchangeError::InvalidGrant(
                "redirect_uri does not match the authorization request",
            ));
        }
        match (&grant.challenge, verifier) {
            (Some(challenge), Some(verifier)) if method.of(verifier) == *challenge => {}
            (Some(_), _) => {
                return Err(ExchangeError::InvalidGrant(
                    "code_verifier does not match the code_challenge",
                ));
            }
            (None, _) => {}
        }
        Ok(grant.clone())
    }

    pub fn issue_access(
        &mut self,
        platform: &'static str,
        account: usize,
        scopes: Vec<String>,
        now: DateTime<Utc>,
        lifetime_secs: i64,
        short_lived: bool,
    ) -> (String, i64) {
        let nonce: u64 = rand::thread_rng().r#gen();
        let expires = (now + Duration::seconds(lifetime_secs)).timestamp();
        let payload = serde_json::json!({"a": account, "s": scopes, "i": now.timestamp(), "e": expires, "short": short_lived, "n": nonce});
        (
            self.sign(&format!("{platform}-at-"), &payload),
            lifetime_secs,
        )
    }

    pub fn issue_refresh(
        &mut self,
        platform: &'static str,
        account: usize,
        scopes: Vec<String>,
        client_id: &str,
    ) -> String {
        let nonce: u64 = rand::thread_rng().r#gen();
        let payload = serde_json::json!({"a": account, "s": scopes, "c": client_id, "n": nonce});
        let token = self.sign(&format!("{platform}-rt-"), &payload);
        self.refresh.insert(
            token.clone(),
            RefreshToken {
                platform,
                account,
                scopes,
                client_id: client_id.to_owned(),
                valid: true,
            },
        );
        token
    }

    /// A refresh token this sandbox signed and has not rotated away or revoked; with `rotate`,
    /// it stops working from now on.
    pub fn take_refresh(
        &mut self,
        platform: &'static str,
        token: &str,
        client_id: &str,
        rotate: bool,
    ) -> Option<(usize, Vec<String>)> {
        let payload = self.open(&format!("{platform}-rt-"), token)?;
        if payload["c"].as_str() != Some(client_id) {
            return None;
        }
        if rotate {
            self.revoke(token);
        }
        Some((payload["a"].as_u64()? as usize, strings(&payload["s"])))
    }

    /// The token if this sandbox signed it for `platform` and it has not expired.
    pub fn check(
        &self,
        platform: &'static str,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Token, &'static str> {
        let payload = self
            .open(&format!("{platform}-at-"), token)
            .ok_or("invalid")?;
        let at = |k: &str| {
            payload[k]
                .as_i64()
                .and_then(|t| DateTime::from_timestamp(t, 0))
                .unwrap_or_default()
        };
        let t = Token {
            platform,
            account: payload["a"].as_u64().unwrap_or(0) as usize,
            scopes: strings(&payload["s"]),
            issued_at: at("i"),
            expires_at: at("e"),
            short_lived: payload["short"].as_bool().unwrap_or(false),
        };
        if t.expires_at <= now {
            return Err("expired");
        }
        Ok(t)
    }

    pub fn revoke(&mut self, token: &str) {
        self.revoked.insert(token.to_owned());
        if let Some(r) = self.refresh.get_mut(token) {
            r.valid = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(challenge: Option<String>) -> Grant {
        Grant {
            platform: "tiktok",
            client_id: "ck".into(),
            redirect_uri: "http://127.0.0.1:1/cb".into(),
            challenge,
            account: 0,
            scopes: vec![],
            offline: true,
            used: false,
        }
    }

    #[test]
    fn hex_and_base64url_challenges_differ_and_each_only_matches_itself() {
        let verifier = "a-verifier-of-sufficient-length-0123456789";
        let hex = Challenge::S256Hex.of(verifier);
        let b64 = Challenge::S256.of(verifier);
        assert_eq!(hex.len(), 64);
        assert_ne!(hex, b64);
        let mut store = OAuthStore::default();
        let code = store.issue_code(grant(Some(b64)));
        assert_eq!(
            store
                .redeem(
                    &code,
                    "ck",
                    "http://127.0.0.1:1/cb",
                    Some(verifier),
                    Challenge::S256Hex
                )
                .err(),
            Some(ExchangeError::InvalidGrant(
                "code_verifier does not match the code_challenge"
            ))
        );
    }

    #[test]
    fn a_code_is_single_use() {
        let mut store = OAuthStore::default();
        let code = store.issue_code(grant(None));
        assert!(
            store
                .redeem(&code, "ck", "http://127.0.0.1:1/cb", None, Challenge::S256)
                .is_ok()
        );
        assert!(
            store
                .redeem(&code, "ck", "http://127.0.0.1:1/cb", None, Challenge::S256)
                .is_err()
        );
    }
}
