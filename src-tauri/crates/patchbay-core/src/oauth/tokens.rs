//! A token response, read the same way whatever the platform: `expires_in` and scopes come
//! from the answer, never from assumptions.

use crate::vault::Secret;
use serde_json::Value;

#[derive(Debug)]
pub struct TokenSet {
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
    /// Seconds until the access token expires, when the platform says.
    pub expires_in: Option<i64>,
    pub scopes: Option<Vec<String>>,
}

/// What the token endpoint answered instead of tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    pub error: String,
    pub description: Option<String>,
}

impl TokenError {
    /// The grant (code or refresh token) is dead: the user must connect again.
    pub fn is_invalid_grant(&self) -> bool {
        self.error == "invalid_grant" || self.error == "190" || self.error == "invalid_token"
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads a token endpoint's JSON answer. Instagram nests it in `data[0]`; TikTok and Google
/// answer flat; errors come as `error`/`error_description`, Graph's `error.code`, or
/// Instagram's `error_type`/`error_message`.
pub fn parse(body: &Value, separator: &str) -> Result<TokenSet, TokenError> {
    let body = body.get("data").and_then(|d| d.get(0)).unwrap_or(body);
    if let Some(error) = body.get("error") {
        let (code, description) = match error {
            Value::Object(o) => (
                o.get("code")
                    .and_then(text)
                    .unwrap_or_else(|| "error".into()),
                o.get("message").and_then(text),
            ),
            other => (
                text(other).unwrap_or_else(|| "error".into()),
                body.get("error_description").and_then(text),
            ),
        };
        return Err(TokenError {
            error: code,
            description,
        });
    }
    if let Some(kind) = body.get("error_type").and_then(text) {
        return Err(TokenError {
            error: kind,
            description: body.get("error_message").and_then(text),
        });
    }
    let Some(access) = body.get("access_token").and_then(text) else {
        return Err(TokenError {
            error: "invalid_response".into(),
            description: Some("the answer had no access_token".into()),
        });
    };
    let scopes = body
        .get("scope")
        .or_else(|| body.get("permissions"))
        .and_then(|s| match s {
            Value::String(s) => Some(
                s.split([' ', ','])
                    .filter(|x| !x.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            Value::Array(a) => Some(a.iter().filter_map(text).collect()),
            _ => None,
        });
    let _ = separator;
    Ok(TokenSet {
        access_token: Secret::new(access),
        refresh_token: body.get("refresh_token").and_then(text).map(Secret::new),
        expires_in: body
            .get("expires_in")
            .and_then(|e| e.as_i64().or_else(|| e.as_str()?.parse().ok())),
        scopes,
    })
}

/// Who signed in: the platform's account id and, when it has one, the handle.
#[derive(Debug)]
pub struct Identity {
    pub id: String,
    pub handle: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_flat_nested_and_error_answers() {
        let flat = parse(&json!({"access_token": "a", "refresh_token": "r", "expires_in": 7200, "scope": "user.info.basic,video.list"}), ",").unwrap();
        assert_eq!(flat.access_token.expose(), "a");
        assert_eq!(flat.expires_in, Some(7200));
        assert_eq!(flat.scopes.unwrap(), ["user.info.basic", "video.list"]);
        let nested = parse(
            &json!({"data": [{"access_token": "ig", "user_id": "1", "permissions": "a,b"}]}),
            ",",
        )
        .unwrap();
        assert_eq!(nested.access_token.expose(), "ig");
        let oauth = parse(
            &json!({"error": "invalid_grant", "error_description": "Bad"}),
            " ",
        )
        .unwrap_err();
        assert!(oauth.is_invalid_grant());
        let graph = parse(&json!({"error": {"code": 190, "message": "expired"}}), ",").unwrap_err();
        assert!(graph.is_invalid_grant());
        let ig = parse(
            &json!({"error_type": "OAuthException", "code": 400, "error_message": "used"}),
            ",",
        )
        .unwrap_err();
        assert_eq!(ig.description.as_deref(), Some("used"));
    }
}
