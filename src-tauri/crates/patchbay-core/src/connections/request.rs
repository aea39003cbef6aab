//! A request to a connection's API: the base URL it goes to (overrides, then the sandbox, then
//! the manifest, with `{field}` placeholders filled) and the credential it carries, as the
//! manifest's auth says. Verify and actions build their requests here, so a credential is
//! attached in one place only.

use super::Connection;
use super::service;
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, KeyLocation, Manifest};
use crate::vault::Secret;
use crate::workspace::Workspace;
use serde_json::Value;

/// Fills `{field}` placeholders from the config, or from the vault for secret fields.
pub(crate) fn fill(ws: &Workspace, c: &super::Connection, template: &str) -> Result<String> {
    let mut out = template.to_owned();
    for name in crate::registry::placeholders(template) {
        let value = match c.config.get(name) {
            Some(Value::String(s)) => s.clone(),
            Some(other) if !other.is_null() => other.to_string(),
            _ => service::secret(ws, &c.id, name)?
                .map(|s| s.expose().to_owned())
                .unwrap_or_default(),
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    Ok(out)
}

/// The credential a request needed and the connection does not hold: its field's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Missing(pub String);

/// Where the connection's API requests go, without a trailing slash.
pub(crate) fn base_url(ws: &Workspace, c: &Connection, m: &Manifest) -> Result<String> {
    let api = m
        .api
        .as_ref()
        .ok_or_else(|| Error::InvalidInput(format!("{} has no API to call.", m.name)))?;
    let endpoints = super::endpoints::resolve(ws, c, m)?;
    let base = match endpoints.api_base_url {
        Some(url) if url == api.base_url => fill(ws, c, &url)?,
        Some(url) => url,
        None => fill(ws, c, &api.base_url)?,
    };
    Ok(base.trim_end_matches('/').to_owned())
}

fn stored(
    ws: &Workspace,
    c: &Connection,
    m: &Manifest,
    field: &str,
) -> Result<std::result::Result<Secret, Missing>> {
    Ok(match service::secret(ws, &c.id, field)? {
        Some(secret) if !secret.is_empty() => Ok(secret),
        _ => Err(Missing(
            m.config
                .iter()
                .find(|f| f.name == field)
                .map_or(field, |f| f.label.as_str())
                .to_owned(),
        )),
    })
}

/// Attaches the manifest's API headers and the connection's credential; query parameters go
/// into `query` (the caller adds them last). `token` overrides the stored OAuth access token.
pub(crate) fn authorize(
    ws: &Workspace,
    c: &Connection,
    m: &Manifest,
    mut req: reqwest::RequestBuilder,
    query: &mut Vec<(String, String)>,
    token: Option<&Secret>,
) -> Result<std::result::Result<reqwest::RequestBuilder, Missing>> {
    if let Some(api) = &m.api {
        for (name, value) in &api.headers {
            req = req.header(name, fill(ws, c, value)?);
        }
        for (k, v) in &api.query {
            query.push((k.clone(), fill(ws, c, v)?));
        }
    }
    let credential = |field: &str| stored(ws, c, m, field);
    Ok(Ok(match &m.auth {
        Auth::ApiKey(k) => match credential(&k.field)? {
            Ok(secret) => match k.location {
                KeyLocation::Header => {
                    req.header(&k.name, format!("{}{}", k.prefix, secret.expose()))
                }
                KeyLocation::Query => {
                    query.push((k.name.clone(), secret.expose().to_owned()));
                    req
                }
            },
            Err(missing) => return Ok(Err(missing)),
        },
        Auth::BotToken(b) => match credential(&b.field)? {
            Ok(secret) => req.header(&b.header, format!("{}{}", b.prefix, secret.expose())),
            Err(missing) => return Ok(Err(missing)),
        },
        Auth::Basic(b) => {
            let user = fill(ws, c, &format!("{{{}}}", b.username_field))?;
            match credential(&b.password_field)? {
                Ok(secret) => req.basic_auth(user, Some(secret.expose())),
                Err(missing) => return Ok(Err(missing)),
            }
        }
        Auth::OAuth2(_) => {
            let token = match token {
                Some(t) => Some(t.clone()),
                None => service::secret(ws, &c.id, "access_token")?,
            };
            let Some(token) = token else {
                return Ok(Err(Missing("account connection".into())));
            };
            match m.api.as_ref().and_then(|a| a.access_token_param.as_ref()) {
                Some(param) => {
                    query.push((param.clone(), token.expose().to_owned()));
                    req
                }
                None => req.bearer_auth(token.expose()),
            }
        }
        Auth::None if m.id == "http" => match chosen_credential(ws, c, req)? {
            Ok(req) => req,
            Err(missing) => return Ok(Err(missing)),
        },
        Auth::Smtp(_) | Auth::None => req,
    }))
}

/// The HTTP connector's credential, in the form its `auth_style` names: `bearer` (the default),
/// `basic` (username and the secret), `header` (the secret in `header_name`) or `none`. No
/// secret stored means an open API: the request goes without one.
fn chosen_credential(
    ws: &Workspace,
    c: &Connection,
    req: reqwest::RequestBuilder,
) -> Result<std::result::Result<reqwest::RequestBuilder, Missing>> {
    let setting = |name: &str| {
        c.config
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
    };
    let style = setting("auth_style").unwrap_or("bearer");
    let Some(secret) = service::secret(ws, &c.id, "bearer_token")?.filter(|s| !s.is_empty()) else {
        return Ok(match style {
            "basic" | "header" => Err(Missing("token, password or key".into())),
            _ => Ok(req),
        });
    };
    Ok(Ok(match style {
        "none" => req,
        "basic" => req.basic_auth(
            setting("username").unwrap_or_default(),
            Some(secret.expose()),
        ),
        "header" => req.header(
            setting("header_name").unwrap_or("X-API-Key"),
            secret.expose(),
        ),
        _ => req.bearer_auth(secret.expose()),
    }))
}

/// What an action runner needs: the workspace, the connection and its manifest.
pub(crate) struct Ctx<'a> {
    pub ws: &'a Workspace,
    pub c: &'a Connection,
    pub m: &'a Manifest,
    /// The idempotency key of this call, when the caller keeps one across its own retries (a
    /// workflow step resumed after a crash); otherwise each call makes a new one.
    pub key: Option<&'a str>,
}

impl Ctx<'_> {
    /// The `Idempotency-Key` for this call's writes.
    pub fn idempotency_key(&self) -> String {
        self.key.map_or_else(
            || format!("patchbay-{}", crate::oauth::pending::new_state()),
            |k| format!("patchbay-{k}"),
        )
    }

    /// Where the connection's API requests go.
    pub fn base_url(&self) -> Result<String> {
        base_url(self.ws, self.c, self.m)
    }

    /// A request to `url` carrying the connection's credential.
    pub fn request_url(
        &self,
        method: reqwest::Method,
        url: &str,
    ) -> Result<reqwest::RequestBuilder> {
        let mut query = Vec::new();
        let req = self.ws.http().client().request(method, url);
        match authorize(self.ws, self.c, self.m, req, &mut query, None)? {
            Ok(req) if query.is_empty() => Ok(req),
            Ok(req) => Ok(req.query(&query)),
            Err(Missing(label)) => Err(Error::InvalidInput(format!(
                "This connection has no {label} yet. Add it in the connection's settings, then try again."
            ))),
        }
    }

    /// A request to `path` below the API base, carrying the connection's credential.
    pub fn request(&self, method: reqwest::Method, path: &str) -> Result<reqwest::RequestBuilder> {
        self.request_url(method, &format!("{}{path}", self.base_url()?))
    }

    /// A request to `path` below the API base without the connection's credential (a webhook
    /// carries its own).
    pub fn bare(&self, method: reqwest::Method, path: &str) -> Result<reqwest::RequestBuilder> {
        Ok(self
            .ws
            .http()
            .client()
            .request(method, format!("{}{path}", self.base_url()?)))
    }

    /// A text setting of the connection, when set.
    pub fn config_text(&self, name: &str) -> Option<String> {
        self.c
            .config
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// A secret of the connection, when stored and not empty.
    pub fn secret(&self, field: &str) -> Result<Option<Secret>> {
        Ok(service::secret(self.ws, &self.c.id, field)?.filter(|s| !s.is_empty()))
    }

    pub fn unavailable(&self, action: &str) -> Error {
        Error::ActionUnavailable {
            connector: self.m.name.clone(),
            action: action.to_owned(),
        }
    }
}
