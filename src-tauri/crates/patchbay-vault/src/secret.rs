//! A secret value in memory: redacted in `Debug` and `Display`, impossible to serialise, wiped
//! from memory when dropped. The only way to read it is `expose`, which is easy to grep for.

use std::fmt;
use zeroize::Zeroizing;

pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The plaintext. Call it only where the value leaves for its platform.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form shown to people: `xoxb…9f3a`, or all dots when shorter than 12.
    pub fn masked(&self) -> String {
        super::mask::mask(&self.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Clone for Secret {
    fn clone(&self) -> Self {
        Self::new(self.0.as_str())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

// Deliberately no Serialize: a Secret cannot end up in JSON, the database or the webview.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Secret::new(concat!("xo", "xb-1234-super-secret"));
        assert!(!format!("{s:?}").contains("super"));
        assert!(!format!("{s}").contains("super"));
        assert!(!format!("{:?}", Some(&s)).contains("super"));
    }
}
