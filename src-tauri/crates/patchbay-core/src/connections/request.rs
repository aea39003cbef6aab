//! A request to a connection's API: the base URL it goes to (overrides, then the sandbox, then
//! the manifest, with `{field}` placeholders filled) and the credential it carries, as the
//! manifest's auth says. Verify and actions build their requests here, so a credential is
//! attached in one place only.

use super::Connection;
use super::service;
use super::verify::fill;
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, KeyLocation, Manifest};
use crate::vault::Secret;
use crate::workspace::Workspace;

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
