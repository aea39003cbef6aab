//! Create, list, get, update and remove connections. Non-secret settings go to the
//! `connections` row; secret fields go through the vault, in the same transaction.

use super::model::{Connection, ConnectionStatus, ConnectionView, Mode};
use super::secrets_split::{is_secret, split};
use crate::error::{Error, Result};
use crate::registry::{self, Manifest};
use crate::store::{connections as rows, secrets as sealed};
use crate::vault::{Secret, Vault};
use crate::workspace::Workspace;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use ts_rs::TS;

/// What the add form or `connections add` submits. `settings` holds config fields, secret
/// fields and the `authorize_url` / `token_url` / `api_base_url` overrides.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewConnection {
    pub connector_id: String,
    pub name: String,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    #[ts(type = "Record<string, unknown>")]
    pub settings: Map<String, Value>,
    /// The developer app it signs in with; its client fields are then not asked for.
    #[serde(default)]
    #[ts(optional)]
    pub app_id: Option<String>,
}

/// A partial update: only what is given changes. A secret left out keeps its value; list it in
/// `clear` to remove it. A non-secret set to null is removed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct ConnectionPatch {
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub mode: Option<Mode>,
    #[ts(type = "Record<string, unknown>")]
    pub settings: Map<String, Value>,
    pub clear: Vec<String>,
    /// A schedule of its own ("every 2h", "0 7 * * *"); "default" (or "") follows the default.
    #[ts(optional)]
    pub sync_schedule: Option<String>,
    /// Replaces the connection's tags when given.
    #[ts(optional)]
    pub tags: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct ConnectionFilter {
    #[ts(optional)]
    pub connector_id: Option<String>,
    #[ts(optional)]
    pub status: Option<ConnectionStatus>,
    /// Only connections carrying this tag (without regard to case).
    #[ts(optional)]
    pub tag: Option<String>,
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn new_id(ws: &Workspace, name: &str) -> Result<String> {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug
        .chars()
        .take(24)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    let base = if slug.is_empty() {
        "connection".to_owned()
    } else {
        slug
    };
    loop {
        let id = format!("{base}-{:04x}", rand::random::<u16>());
        if !rows::id_exists(&ws.database().lock(), &id)? {
            return Ok(id);
        }
    }
}

/// Validates the full config (non-secrets plus secrets) against the connector's schema.
fn validate(
    m: &Manifest,
    config: &Map<String, Value>,
    secrets: &BTreeMap<String, Secret>,
) -> Result<()> {
    let mut full = config.clone();
    for (field, secret) in secrets {
        full.insert(field.clone(), Value::String(secret.expose().to_owned()));
    }
    let result = registry::validate_config(m, &Value::Object(full));
    result.map_err(|errors| Error::InvalidConfig { errors })
}

/// Sandbox mode exists only where Patchbay has an emulator of the platform.
fn refuse_sandbox_without_emulator(m: &crate::registry::Manifest, mode: Mode) -> Result<()> {
    if mode == Mode::Sandbox && !crate::platforms::emulated().contains(&m.id) {
        return Err(Error::NoSandbox {
            connector: m.name.clone(),
        });
    }
    Ok(())
}

/// Adds a connection. Settings are validated first; nothing is stored when they are wrong.
pub fn create(ws: &Workspace, new: NewConnection) -> Result<ConnectionView> {
    let manifest = ws.registry().get(&new.connector_id)?.clone();
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::InvalidInput(
            "Give the connection a name, such as \"Acme Slack\".".into(),
        ));
    }
    let parts = split(&manifest, new.settings)?;
    let mut config = parts.config;
    for field in &manifest.config {
        if let (Some(default), false) = (&field.default, config.contains_key(&field.name)) {
            config.insert(field.name.clone(), default.clone());
        }
    }
    match &new.app_id {
        Some(app) => validate(
            &without_client_fields(&manifest, ws, app)?,
            &config,
            &parts.secrets,
        )?,
        None => validate(&manifest, &config, &parts.secrets)?,
    }
    refuse_sandbox_without_emulator(&manifest, new.mode)?;
    let vault = if parts.secrets.is_empty() {
        None
    } else {
        Some(ws.vault()?)
    };
    let mut overrides = super::model::Overrides::default();
    for (key, value) in parts.overrides {
        if let Some(slot) = overrides.slot(&key) {
            *slot = value;
        }
    }
    let at = now();
    let connection = Connection {
        id: new_id(ws, &name)?,
        connector_id: manifest.id.clone(),
        name,
        mode: new.mode,
        config,
        overrides,
        status: ConnectionStatus::PendingSetup,
        status_message: Some(
            if matches!(manifest.auth, crate::registry::Auth::OAuth2(_)) {
                "Added; connect the account to finish.".into()
            } else {
                "Added; not verified yet.".into()
            },
        ),
        account_id: None,
        account_handle: None,
        scopes: Vec::new(),
        token_expires_at: None,
        created_at: at.clone(),
        updated_at: at,
        last_verified_at: None,
        last_synced_at: None,
    };
    ws.database().transaction(|tx| {
        rows::insert(tx, &connection)?;
        if let Some(vault) = &vault {
            for (field, secret) in &parts.secrets {
                vault.put(tx, &connection.id, field, secret)?;
            }
        }
        if let Some(app) = &new.app_id {
            crate::store::apps::link(tx, &connection.id, Some(app))?;
        }
        Ok(())
    })?;
    get(ws, &connection.id)
}

/// The manifest a connection using `app_id` is checked against: the client fields come from
/// the app, so the form need not ask for them.
fn without_client_fields(
    m: &crate::registry::Manifest,
    ws: &Workspace,
    app_id: &str,
) -> Result<crate::registry::Manifest> {
    let app = crate::store::apps::require(&ws.database().lock(), app_id)?;
    if app.connector_id != m.id {
        return Err(Error::InvalidInput(format!(
            "{} is an app for {}, not for {}.",
            app.name, app.connector_id, m.id
        )));
    }
    let mut m = m.clone();
    if let crate::registry::Auth::OAuth2(o) = &m.auth {
        let client = [
            Some(o.client_id_field.clone()),
            o.client_secret_field.clone(),
        ];
        for field in &mut m.config {
            if client.contains(&Some(field.name.clone())) {
                field.required = false;
            }
        }
    }
    Ok(m)
}

/// The stored connection row, or a clear error.
pub(crate) fn load(ws: &Workspace, id: &str) -> Result<Connection> {
    rows::get(&ws.database().lock(), id)?
        .ok_or_else(|| Error::UnknownConnection { id: id.to_owned() })
}

/// A connection as a periodic task needs it: the stored row, its connector's auth kind and the
/// names of the secrets it holds. Nothing is decrypted, so listing never touches the vault.
#[derive(Debug, Clone)]
pub struct Sealed {
    pub connection: Connection,
    pub auth: String,
    pub secret_fields: std::collections::BTreeSet<String>,
}

impl Sealed {
    pub fn holds(&self, field: &str) -> bool {
        self.secret_fields.contains(field)
    }
}

impl std::ops::Deref for Sealed {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.connection
    }
}

/// Every live connection, oldest first, without decrypting a secret (the scheduler's tick, token
/// keep-alive and expiry warnings run on this).
pub fn list_sealed(ws: &Workspace) -> Result<Vec<Sealed>> {
    let sql = ws.database().lock();
    rows::list(&sql, None, None)?
        .into_iter()
        .map(|connection| {
            let secret_fields = sealed::fields(&sql, &connection.id)?.into_iter().collect();
            let auth = ws
                .registry()
                .get(&connection.connector_id)
                .map(|m| m.auth.kind())
                .unwrap_or("none")
                .to_owned();
            Ok(Sealed {
                connection,
                auth,
                secret_fields,
            })
        })
        .collect()
}

pub fn get(ws: &Workspace, id: &str) -> Result<ConnectionView> {
    let connection = load(ws, id)?;
    super::view::view(ws, connection)
}

pub fn list(ws: &Workspace, filter: &ConnectionFilter) -> Result<Vec<ConnectionView>> {
    let found = rows::list(
        &ws.database().lock(),
        filter.connector_id.as_deref(),
        filter.status,
    )?;
    let views = found
        .into_iter()
        .map(|c| super::view::view(ws, c))
        .collect::<Result<Vec<_>>>()?;
    Ok(match filter.tag.as_deref() {
        Some(tag) => views
            .into_iter()
            .filter(|v| super::tags::carries(v, tag))
            .collect(),
        None => views,
    })
}

/// Applies a partial update; the whole result is validated before anything is written.
pub fn update(ws: &Workspace, id: &str, patch: ConnectionPatch) -> Result<ConnectionView> {
    let mut connection = load(ws, id)?;
    let manifest = ws.registry().get(&connection.connector_id)?.clone();
    let parts = split(&manifest, patch.settings)?;
    for (key, value) in parts.config {
        if value.is_null() {
            connection.config.remove(&key);
        } else {
            connection.config.insert(key, value);
        }
    }
    for (key, value) in parts.overrides {
        if let Some(slot) = connection.overrides.slot(&key) {
            *slot = value;
        }
    }
    for field in &patch.clear {
        if !is_secret(&manifest, field) {
            return Err(Error::InvalidInput(format!(
                "{field} is not a secret field of {}, so it cannot be cleared.",
                manifest.name
            )));
        }
    }
    if let Some(name) = patch.name {
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(Error::InvalidInput("A connection needs a name.".into()));
        }
        connection.name = name;
    }
    if let Some(mode) = patch.mode {
        refuse_sandbox_without_emulator(&manifest, mode)?;
        connection.mode = mode;
    }
    if let Some(text) = patch.sync_schedule.as_deref().map(str::trim)
        && !text.is_empty()
        && !text.eq_ignore_ascii_case("default")
    {
        crate::sync::schedule::Schedule::parse(text)?;
    }
    let vault = ws.vault()?;
    // The secrets after the update: kept ones, replaced ones, minus cleared ones.
    let mut secrets = BTreeMap::new();
    {
        let conn = ws.database().lock();
        // Only settings count here; OAuth tokens are stored beside them but are not settings.
        let settings = sealed::fields(&conn, id)?
            .into_iter()
            .filter(|f| is_secret(&manifest, f));
        for field in settings {
            if let Some(secret) = vault.get(&conn, id, &field)? {
                secrets.insert(field, secret);
            }
        }
    }
    for field in &patch.clear {
        secrets.remove(field);
    }
    for (field, secret) in &parts.secrets {
        secrets.insert(field.clone(), secret.clone());
    }
    validate(&manifest, &connection.config, &secrets)?;
    connection.updated_at = now();
    ws.database().transaction(|tx| {
        rows::save(tx, &connection)?;
        for field in &patch.clear {
            sealed::delete(tx, id, field)?;
        }
        for (field, secret) in &parts.secrets {
            vault.put(tx, id, field, secret)?;
        }
        Ok(())
    })?;
    if let Some(text) = patch.sync_schedule.as_deref() {
        crate::sync::schedule::set(ws, id, Some(text))?;
    }
    if let Some(tags) = &patch.tags {
        super::tags::set(ws, id, tags)?;
    }
    get(ws, id)
}

/// Removes a connection and every secret it had. With `purge`, its synced data goes too;
/// without, the history stays (the row is hidden, not deleted).
pub fn remove(ws: &Workspace, id: &str, purge: bool) -> Result<()> {
    load(ws, id)?;
    if purge {
        crate::media::delete(ws, id)?;
    }
    ws.database().transaction(|tx| {
        sealed::delete_all(tx, id)?;
        if purge {
            rows::delete(tx, id)
        } else {
            rows::mark_removed(tx, id, &now())
        }
    })
}

/// A stored secret of a connection, for the code that sends it to its platform.
pub(crate) fn secret(ws: &Workspace, id: &str, field: &str) -> Result<Option<Secret>> {
    let vault: std::sync::Arc<Vault> = ws.vault()?;
    let conn = ws.database().lock();
    vault.get(&conn, id, field)
}
