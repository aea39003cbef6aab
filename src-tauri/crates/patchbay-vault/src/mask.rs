//! How a secret is shown. Never more than a fifth to a quarter of it: a long token (32
//! characters or more, like `xoxb-…` or `sk_live_…`) shows its first and last 4 characters so
//! the user can tell which one is stored; a medium one (20 to 31) only its last 4; anything
//! shorter, a password above all, is fully masked.

pub const FULL_MASK: &str = "••••••••";
const SHOW_BOTH_ENDS: usize = 32;
const SHOW_TAIL: usize = 20;

pub fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let n = chars.len();
    if n >= SHOW_BOTH_ENDS {
        let head: String = chars[..4].iter().collect();
        let tail: String = chars[n - 4..].iter().collect();
        format!("{head}…{tail}")
    } else if n >= SHOW_TAIL {
        let tail: String = chars[n - 4..].iter().collect();
        format!("…{tail}")
    } else {
        FULL_MASK.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_tokens_show_four_and_four() {
        assert_eq!(
            mask(concat!("xo", "xb-1111-2222-3333-4444-abcdefgh")),
            "xoxb…efgh"
        );
    }

    #[test]
    fn medium_secrets_show_only_their_last_four() {
        assert_eq!(mask("cs-0123456789abcdef-xyz"), "…-xyz");
    }

    #[test]
    fn passwords_and_short_secrets_are_fully_masked() {
        // A 12-character password used to show 8 of its characters.
        assert_eq!(mask("Tr0ub4dor&3x"), FULL_MASK);
        assert_eq!(mask("cs-0123456789abcdef"), FULL_MASK);
        assert_eq!(mask(""), FULL_MASK);
        assert_eq!(mask("hunter2"), FULL_MASK);
    }

    #[test]
    fn no_mask_shows_more_than_a_quarter_of_the_secret() {
        for n in 0..80 {
            let secret: String = "s".repeat(n);
            let shown = mask(&secret).chars().filter(|c| *c == 's').count();
            assert!(shown * 4 <= n, "{n} characters, {shown} shown");
        }
    }

    #[test]
    fn masking_counts_characters_not_bytes() {
        assert_eq!(mask("éééé------------------------üüüü"), "éééé…üüüü");
    }
}
