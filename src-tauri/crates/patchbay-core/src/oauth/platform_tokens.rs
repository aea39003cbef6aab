//! A token endpoint's answer as platforms really send it, in the shape the `oauth2` crate asks
//! for: read by `tokens::parse`, which knows the nested, `token_type`-less and error-with-200
//! answers the standard types refuse.

use super::tokens::{self, TokenSet};
use crate::vault::Secret;
use oauth2::basic::BasicTokenType;
use oauth2::{AccessToken, RefreshToken, Scope, TokenResponse};
use std::time::Duration;

/// A token answer as platforms really send it: read by `tokens::parse`, which knows the nested,
/// `token_type`-less and error-with-200 shapes the standard types refuse.
#[derive(Debug)]
pub(crate) struct PlatformTokens {
    access: AccessToken,
    kind: BasicTokenType,
    refresh: Option<RefreshToken>,
    expires_in: Option<Duration>,
    scopes: Option<Vec<Scope>>,
    seconds: Option<i64>,
    scope_list: Option<Vec<String>>,
}

impl<'de> serde::Deserialize<'de> for PlatformTokens {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let body = serde_json::Value::deserialize(d)?;
        let set = tokens::parse(&body, " ").map_err(|e| serde::de::Error::custom(e.error))?;
        Ok(Self {
            access: AccessToken::new(set.access_token.expose().to_owned()),
            kind: BasicTokenType::Bearer,
            refresh: set
                .refresh_token
                .as_ref()
                .map(|r| RefreshToken::new(r.expose().to_owned())),
            expires_in: set
                .expires_in
                .and_then(|s| u64::try_from(s).ok())
                .map(Duration::from_secs),
            scopes: set
                .scopes
                .as_ref()
                .map(|s| s.iter().cloned().map(Scope::new).collect()),
            seconds: set.expires_in,
            scope_list: set.scopes,
        })
    }
}

/// Never written anywhere: only what the standard's trait asks for, without the tokens.
impl serde::Serialize for PlatformTokens {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("PlatformTokens", 1)?;
        out.serialize_field("expires_in", &self.seconds)?;
        out.end()
    }
}

impl TokenResponse for PlatformTokens {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &AccessToken {
        &self.access
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.kind
    }
    fn expires_in(&self) -> Option<Duration> {
        self.expires_in
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        self.scopes.as_ref()
    }
}

impl PlatformTokens {
    pub fn into_token_set(self) -> TokenSet {
        TokenSet {
            access_token: Secret::new(self.access.into_secret()),
            refresh_token: self.refresh.map(|r| Secret::new(r.into_secret())),
            expires_in: self.seconds,
            scopes: self.scope_list,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_answers_that_the_standard_types_refuse_are_read() {
        // Instagram's short-lived answer: nested, and without `token_type`.
        let t: PlatformTokens = serde_json::from_value(serde_json::json!({
            "data": [{"access_token": "IGQ-short", "user_id": "17841", "permissions": "instagram_business_basic"}]
        }))
        .unwrap();
        assert_eq!(t.access_token().secret(), "IGQ-short");
        assert_eq!(
            t.into_token_set().scopes.unwrap(),
            ["instagram_business_basic"]
        );
        // TikTok's error sent with 200 is a refusal, not tokens.
        let e = serde_json::from_value::<PlatformTokens>(serde_json::json!({
            "error": "invalid_grant", "error_description": "Authorization code is expired."
        }));
        assert!(e.is_err());
    }
}
