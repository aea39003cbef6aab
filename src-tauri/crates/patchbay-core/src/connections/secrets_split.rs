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

/// Checks an override URL: absolute http or https.
pub(crate) fn check_override(key: &str, value: &str) -> Result<()> {
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(()),
        _ => Err(Error::InvalidInput(format!(
            "{key} must be an absolute http or https URL, such as https://proxy.example.com; `{value}` is not."
        ))),
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
