//! Reading a callback: the URL the platform redirected to, whether it arrived at the loopback
//! listener, through a `patchbay://` deep link, from the relay page, or pasted by hand.

use crate::deeplink::SCHEME;

/// What a callback carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub state: Option<String>,
    pub code: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// Parses any callback URL (http(s), `patchbay://`, or a bare `?query`). Fragments are
/// ignored (Instagram appends `#_`).
pub fn parse(url: &str) -> Option<Callback> {
    let url = url.trim();
    let query = if let Some(rest) = url.strip_prefix('?') {
        rest.to_owned()
    } else {
        let parsed = url::Url::parse(url).ok()?;
        parsed.query()?.to_owned()
    };
    let query = query.split('#').next().unwrap_or_default();
    let mut cb = Callback {
        state: None,
        code: None,
        error: None,
        error_description: None,
    };
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let value = Some(value.into_owned()).filter(|v| !v.is_empty());
        match key.as_ref() {
            "state" => cb.state = value,
            "code" => cb.code = value,
            "error" => cb.error = value,
            "error_description" => cb.error_description = value,
            _ => {}
        }
    }
    Some(cb)
}

/// A `patchbay://oauth/callback?…` deep link, as the OS hands it to the app; `None` for any
/// other URL (another scheme, another path).
pub fn parse_deep_link(url: &str) -> Option<Callback> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if parsed.scheme() != SCHEME {
        return None;
    }
    let target = format!("{}{}", parsed.host_str().unwrap_or_default(), parsed.path());
    if target.trim_end_matches('/') != "oauth/callback" {
        return None;
    }
    parse(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_code_and_state_and_ignores_fragments() {
        let cb = parse("https://relay.example.com/cb?code=abc%2Fdef&state=s123#_").unwrap();
        assert_eq!(cb.code.as_deref(), Some("abc/def"));
        assert_eq!(cb.state.as_deref(), Some("s123"));
        assert_eq!(cb.error, None);
    }

    #[test]
    fn reads_errors() {
        let cb = parse("http://127.0.0.1:5000/oauth/callback?error=access_denied&error_description=The+user+said+no&state=s").unwrap();
        assert_eq!(cb.error.as_deref(), Some("access_denied"));
        assert_eq!(cb.error_description.as_deref(), Some("The user said no"));
        assert_eq!(cb.code, None);
    }

    #[test]
    fn deep_links_must_be_our_scheme_and_path() {
        let cb = parse_deep_link("patchbay://oauth/callback?code=c1&state=s1").unwrap();
        assert_eq!(
            (cb.code.as_deref(), cb.state.as_deref()),
            (Some("c1"), Some("s1"))
        );
        assert!(parse_deep_link("patchbay://oauth/callback/?code=c1&state=s1").is_some());
        assert!(parse_deep_link("patchbay://settings?code=c1").is_none());
        assert!(parse_deep_link("https://oauth/callback?code=c1").is_none());
        assert!(parse_deep_link("not a url").is_none());
    }

    #[test]
    fn a_pasted_query_works_too() {
        assert_eq!(parse("?code=x&state=y").unwrap().code.as_deref(), Some("x"));
        assert!(parse("no query here").is_none());
    }
}
