//! Developer apps: the client id and secret an agency registers once with a platform and uses
//! for every account of it. Connections that name an app sign in and refresh with its
//! credentials, so rotating an app's secret is one change for all of them. A connection without
//! an app keeps the client fields of its own (as every connection did before apps existed);
//! `adopt` gathers those into apps, keeping every token, so no account signs in again.

use crate::connections::service;
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, Manifest, OAuth2};
use crate::store::apps::{self as rows, AppRow};
use crate::vault::Secret;
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The vault field of an app's client secret.
const SECRET: &str = "client_secret";

/// An app as the front doors show it: never its secret, only a mask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppView {
    pub id: String,
    pub connector_id: String,
    pub name: String,
    pub client_id: String,
    /// The masked client secret, when the app has one.
    pub client_secret: Option<String>,
    /// The connections that use it.
    pub connections: Vec<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewApp {
    pub connector_id: String,
    pub name: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<String>,
}

/// What changes: a new name, client id or secret (rotation). Left out keeps the value.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct AppPatch {
    pub name: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

fn oauth(m: &Manifest) -> Result<&OAuth2> {
    match &m.auth {
        Auth::OAuth2(o) => Ok(o),
        _ => Err(Error::InvalidInput(format!(
            "{} connects with a stored credential, so it has no developer app.",
            m.name
        ))),
    }
}

fn view(ws: &Workspace, app: AppRow) -> Result<AppView> {
    let sql = ws.database().lock();
    let has_secret = rows::get_secret(&sql, &app.id, SECRET)?.is_some();
    Ok(AppView {
        connections: rows::users(&sql, &app.id)?,
        client_secret: has_secret.then(|| crate::vault::mask::FULL_MASK.to_owned()),
        id: app.id,
        connector_id: app.connector_id,
        name: app.name,
        client_id: app.client_id,
        updated_at: app.updated_at,
    })
}

fn check_client_id(m: &Manifest, o: &OAuth2, client_id: &str) -> Result<()> {
    let field = m.config.iter().find(|f| f.name == o.client_id_field);
    if client_id.trim().is_empty() {
        return Err(Error::InvalidInput("An app needs its client ID.".into()));
    }
    if let Some(pattern) = field.and_then(|f| f.pattern.as_deref())
        && !regex::Regex::new(pattern).is_ok_and(|r| r.is_match(client_id))
    {
        return Err(Error::InvalidInput(format!(
            "That does not look like a {} client ID (it must match {pattern}).",
            m.name
        )));
    }
    Ok(())
}

pub fn create(ws: &Workspace, new: NewApp) -> Result<AppView> {
    let m = ws.registry().get(&new.connector_id)?.clone();
    let o = oauth(&m)?;
    check_client_id(&m, o, &new.client_id)?;
    let name = match new.name.trim() {
        "" => format!("{} app", m.name),
        n => n.to_owned(),
    };
    let at = service::now();
    let id = format!(
        "{}-app-{}",
        m.id,
        &crate::media::key(&at, &new.client_id)[..6]
    );
    let app = AppRow {
        id,
        connector_id: m.id.clone(),
        name,
        client_id: new.client_id.trim().to_owned(),
        created_at: at.clone(),
        updated_at: at,
    };
    let secret = new.client_secret.filter(|s| !s.is_empty()).map(Secret::new);
    let vault = match &secret {
        Some(_) => Some(ws.vault()?),
        None => None,
    };
    ws.database().transaction(|tx| {
        rows::insert(tx, &app)?;
        if let (Some(vault), Some(secret)) = (&vault, &secret) {
            vault.put_app(tx, &app.id, SECRET, secret)?;
        }
        Ok(())
    })?;
    view(ws, app)
}

pub fn list(ws: &Workspace, connector: Option<&str>) -> Result<Vec<AppView>> {
    let apps = rows::list(&ws.database().lock(), connector)?;
    apps.into_iter().map(|a| view(ws, a)).collect()
}

/// Renames an app or rotates its credentials; every connection using it follows at once.
pub fn update(ws: &Workspace, id: &str, patch: AppPatch) -> Result<AppView> {
    let mut app = rows::require(&ws.database().lock(), id)?;
    let m = ws.registry().get(&app.connector_id)?.clone();
    if let Some(client_id) = patch.client_id {
        check_client_id(&m, oauth(&m)?, &client_id)?;
        app.client_id = client_id.trim().to_owned();
    }
    if let Some(name) = patch.name.filter(|n| !n.trim().is_empty()) {
        app.name = name.trim().to_owned();
    }
    app.updated_at = service::now();
    let secret = patch.client_secret.map(Secret::new);
    let vault = match &secret {
        Some(_) => Some(ws.vault()?),
        None => None,
    };
    ws.database().transaction(|tx| {
        rows::update(tx, &app)?;
        match (&vault, &secret) {
            (Some(_), Some(s)) if s.is_empty() => rows::delete_secret(tx, &app.id, SECRET),
            (Some(vault), Some(s)) => vault.put_app(tx, &app.id, SECRET, s),
            _ => Ok(()),
        }
    })?;
    view(ws, app)
}

/// Deletes an app no connection uses.
pub fn remove(ws: &Workspace, id: &str) -> Result<()> {
    let sql = ws.database().lock();
    rows::require(&sql, id)?;
    let users = rows::users(&sql, id)?;
    if !users.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{} connection(s) use this app ({}). Move them to another app first.",
            users.len(),
            users.join(", ")
        )));
    }
    rows::delete(&sql, id)
}

/// Makes a connection use `app_id` (or its own client fields again with None).
pub fn assign(ws: &Workspace, connection_id: &str, app_id: Option<&str>) -> Result<()> {
    let connection = service::load(ws, connection_id)?;
    let sql = ws.database().lock();
    if let Some(app_id) = app_id {
        let app = rows::require(&sql, app_id)?;
        if app.connector_id != connection.connector_id {
            return Err(Error::InvalidInput(format!(
                "{} is an app for {}, not for {}.",
                app.name, app.connector_id, connection.connector_id
            )));
        }
    }
    rows::link(&sql, connection_id, app_id)
}

/// The app a connection signs in with, without decrypting anything.
pub(crate) struct Client {
    pub id: String,
    pub client_id: String,
    pub has_secret: bool,
}

/// The developer app a connection uses, if any.
pub(crate) fn client_of(ws: &Workspace, connection_id: &str) -> Result<Option<Client>> {
    let sql = ws.database().lock();
    let Some(app_id) = rows::app_of(&sql, connection_id)? else {
        return Ok(None);
    };
    let app = rows::require(&sql, &app_id)?;
    let has_secret = rows::get_secret(&sql, &app_id, SECRET)?.is_some();
    Ok(Some(Client {
        id: app.id,
        client_id: app.client_id,
        has_secret,
    }))
}

/// An app's client secret, decrypted.
pub(crate) fn secret_of(ws: &Workspace, app_id: &str) -> Result<Option<Secret>> {
    let vault = ws.vault()?;
    let sql = ws.database().lock();
    vault.get_app(&sql, app_id, SECRET)
}

/// Gathers the OAuth connections that still carry their own client fields into apps (one per
/// platform and client id and secret), keeping their tokens: nobody signs in again.
pub fn adopt(ws: &Workspace) -> Result<Vec<AppView>> {
    let mut made = Vec::new();
    for sealed in crate::connections::list_sealed(ws)? {
        let c = &sealed.connection;
        let m = ws.registry().get(&c.connector_id)?.clone();
        let Auth::OAuth2(o) = &m.auth else { continue };
        if rows::app_of(&ws.database().lock(), &c.id)?.is_some() {
            continue;
        }
        let Some(client_id) = c
            .config
            .get(&o.client_id_field)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        let secret = match &o.client_secret_field {
            Some(field) => service::secret(ws, &c.id, field)?.filter(|s| !s.is_empty()),
            None => None,
        };
        let existing = list(ws, Some(&c.connector_id))?.into_iter().find(|a| {
            a.client_id == client_id && secret_matches(ws, &a.id, secret.as_ref()).unwrap_or(false)
        });
        let app = match existing {
            Some(app) => app,
            None => {
                let app = create(
                    ws,
                    NewApp {
                        connector_id: c.connector_id.clone(),
                        name: format!("{} app ({})", m.name, short(client_id)),
                        client_id: client_id.to_owned(),
                        client_secret: secret.as_ref().map(|s| s.expose().to_owned()),
                    },
                )?;
                made.push(app.clone());
                app
            }
        };
        rows::link(&ws.database().lock(), &c.id, Some(&app.id))?;
    }
    Ok(made)
}

/// The setting that says the connections made before apps existed were gathered.
const GATHERED: &str = "apps.gathered_at";

/// The apps, after gathering (once per workspace) the connections made before apps existed.
/// Once is enough: a connection the user later moves back to its own client fields
/// (`assign(…, None)`) stays so.
pub fn list_adopting(ws: &Workspace, connector: Option<&str>) -> Result<Vec<AppView>> {
    if crate::store::settings::get_in(ws.database(), GATHERED)?.is_none() {
        match adopt(ws) {
            Ok(_) => crate::store::settings::set_in(ws.database(), GATHERED, &service::now())?,
            // Without the vault the secrets cannot move; the connections keep working as they
            // are, and the next listing tries again.
            Err(e) => tracing::warn!(error = %e, "connections could not be gathered into apps yet"),
        }
    }
    list(ws, connector)
}

fn secret_matches(ws: &Workspace, app_id: &str, secret: Option<&Secret>) -> Result<bool> {
    let vault = ws.vault()?;
    let stored = vault.get_app(&ws.database().lock(), app_id, SECRET)?;
    Ok(match (stored, secret) {
        (None, None) => true,
        (Some(a), Some(b)) => a.expose() == b.expose(),
        _ => false,
    })
}

fn short(client_id: &str) -> String {
    let tail: String = client_id
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("…{tail}")
}
