//! PKCE (RFC 7636): a random verifier and its challenge, in the standard base64url form or
//! TikTok's hex form.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 64 random bytes, base64url: 86 characters, inside RFC 7636's 43–128.
pub fn verifier() -> String {
    let bytes: [u8; 32] = rand::random();
    let more: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode([bytes, more].concat())
}

/// TikTok's challenge: the hex SHA-256 of the verifier (the standard S256 form, base64url, is
/// made by the `oauth2` crate).
pub fn hex_challenge(verifier: &str) -> String {
    hex::encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_example() {
        let v = oauth2::PkceCodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(
            oauth2::PkceCodeChallenge::from_code_verifier_sha256(&v).as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn tiktok_hex_is_the_hex_digest() {
        let v = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            hex_challenge(v),
            "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3"
        );
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
