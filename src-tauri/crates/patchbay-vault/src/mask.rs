//! How a secret is shown: its first 4 characters, an ellipsis, its last 4. Secrets shorter than
//! 12 characters would reveal too much that way, so they are fully masked.

pub const FULL_MASK: &str = "••••••••";
const SHORTEST_PARTIAL: usize = 12;

pub fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < SHORTEST_PARTIAL {
        return FULL_MASK.to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_secrets_show_four_and_four() {
        assert_eq!(mask(concat!("xo", "xb-1111-2222-abcd")), "xoxb…abcd");
        assert_eq!(mask("123456789012"), "1234…9012");
    }

    #[test]
    fn short_secrets_are_fully_masked() {
        assert_eq!(mask("12345678901"), FULL_MASK);
        assert_eq!(mask(""), FULL_MASK);
        assert_eq!(mask("hunter2"), FULL_MASK);
    }

    #[test]
    fn masking_counts_characters_not_bytes() {
        assert_eq!(mask("ééééxxxxxxxxüüüü"), "éééé…üüüü");
    }
}
