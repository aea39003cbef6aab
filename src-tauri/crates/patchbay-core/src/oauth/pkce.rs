//! PKCE (RFC 7636): a random verifier and its challenge, in the standard base64url form or
//! TikTok's hex form.

use crate::registry::manifest::Pkce;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 64 random bytes, base64url: 86 characters, inside RFC 7636's 43–128.
pub fn verifier() -> String {
    let bytes: [u8; 32] = rand::random();
    let more: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode([bytes, more].concat())
}

/// The challenge to send for `verifier`, or `None` when the platform takes no PKCE.
pub fn challenge(method: Pkce, verifier: &str) -> Option<String> {
    let digest = Sha256::digest(verifier.as_bytes());
    match method {
        Pkce::S256 => Some(URL_SAFE_NO_PAD.encode(digest)),
        Pkce::S256Hex => Some(hex::encode(digest)),
        Pkce::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_example() {
        let v = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            challenge(Pkce::S256, v).unwrap(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn tiktok_hex_is_the_hex_digest() {
        let v = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            challenge(Pkce::S256Hex, v).unwrap(),
            "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3"
        );
        assert_eq!(challenge(Pkce::None, v), None);
    }

    #[test]
    fn verifiers_are_long_random_and_url_safe() {
        let a = verifier();
        assert!((43..=128).contains(&a.len()));
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(a, verifier());
    }
}
