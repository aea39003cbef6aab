//! Splits submitted settings into config fields, secret fields and endpoint overrides, by the
//! kinds the manifest declares.

use super::model::Overrides;
use crate::error::{Error, Result};
use crate::registry::manifest::{FieldKind, Manifest};
use crate::vault::Secret;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub(crate) struct Split {
    pub config: Map<String, Value>,
    pub secrets: BTreeMap<String, Secret>,
    pub overrides: BTreeMap<String, Option<String>>,
}

pub(crate) fn is_secret(m: &Manifest, field: &str) -> bool {
    m.config
        .iter()
        .any(|f| f.name == field && f.kind == FieldKind::Secret)
}

/// Checks an override URL: https, or plain http only to this machine (a local proxy, a test
/// server), since the connection's credentials travel to it.
pub(crate) fn check_override(key: &str, value: &str) -> Result<()> {
    let url = url::Url::parse(value).ok().filter(|u| u.host().is_some());
    match url {
        Some(url) if url.scheme() == "https" => Ok(()),
        Some(url) if url.scheme() == "http" && this_machine(&url) => Ok(()),
        Some(url) if url.scheme() == "http" => Err(Error::InvalidInput(format!(
            "{key} must use https: the connection's credentials would travel unencrypted to `{value}`. Plain http is accepted only for this machine (127.0.0.1, ::1 or localhost)."
        ))),
        _ => Err(Error::InvalidInput(format!(
            "{key} must be an absolute https URL, such as https://proxy.example.com; `{value}` is not."
        ))),
    }
}

fn this_machine(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

pub(crate) fn split(m: &Manifest, settings: Map<String, Value>) -> Result<Split> {
    let mut out = Split::default();
    for (key, value) in settings {
        if Overrides::KEYS.contains(&key.as_str()) && !m.config.iter().any(|f| f.name == key) {
            let url = match value {
                Value::Null => None,
                Value::String(s) if s.is_empty() => None,
                Value::String(s) => {
                    check_override(&key, &s)?;
                    Some(s)
                }
                _ => return Err(Error::InvalidInput(format!("{key} must be a URL."))),
            };
            out.overrides.insert(key, url);
        } else if is_secret(m, &key) {
            match value {
                Value::String(s) => {
                    out.secrets.insert(key, Secret::new(s));
                }
                Value::Null => {}
                _ => return Err(Error::InvalidInput(format!("{key} must be text."))),
            }
        } else {
            out.config.insert(key, value);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_use_https_or_stay_on_this_machine() {
        for ok in [
            "https://proxy.example.com",
            "http://127.0.0.1:9",
            "http://127.8.0.1/x",
            "http://[::1]:8080",
            "http://localhost:3000",
        ] {
            assert!(check_override("api_base_url", ok).is_ok(), "{ok}");
        }
        let err = check_override("token_url", "http://proxy.example.com/token").unwrap_err();
        assert!(err.to_string().contains("must use https"), "{err}");
        for bad in ["ftp://example.com", "not a url", "https://"] {
            assert!(check_override("api_base_url", bad).is_err(), "{bad}");
        }
    }
}
