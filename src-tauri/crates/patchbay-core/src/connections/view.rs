//! A connection as the front doors see it: its row, its secrets masked, what it can do (its
//! actions and list streams) and where its sync stands.

use super::model::{Connection, ConnectionView};
use crate::error::Result;
use crate::store::secrets as sealed;
use crate::vault::mask;
use crate::workspace::Workspace;
use std::collections::BTreeMap;

/// Masks every stored secret. If the vault cannot be opened, secrets show as fully masked.
pub(crate) fn view(ws: &Workspace, connection: Connection) -> Result<ConnectionView> {
    let fields = sealed::fields(&ws.database().lock(), &connection.id)?;
    // Unlock before taking the database lock: unlocking reads the database itself.
    let vault = if fields.is_empty() {
        None
    } else {
        ws.vault().ok()
    };
    let conn = ws.database().lock();
    let mut secrets = BTreeMap::new();
    for field in fields {
        let shown = match &vault {
            Some(vault) => match vault.get(&conn, &connection.id, &field) {
                Ok(Some(secret)) => secret.masked(),
                _ => mask::FULL_MASK.to_owned(),
            },
            None => mask::FULL_MASK.to_owned(),
        };
        secrets.insert(field, shown);
    }
    let auth = ws
        .registry()
        .get(&connection.connector_id)
        .map(|m| m.auth.kind())
        .unwrap_or("none")
        .to_owned();
    // Release the database before reading the budget setting: the lock is not re-entrant.
    drop(conn);
    let api_budget_percent = crate::sync::budget::used(ws, &connection.id);
    let syncable = ws
        .registry()
        .get(&connection.connector_id)
        .is_ok_and(|m| crate::catalog::can_sync(m, |f| secrets.contains_key(f)));
    let schedule = crate::sync::schedule::view(ws, &connection.id, syncable)?;
    let backfill = crate::sync::backfill::status(ws, &connection.id)?;
    let app_id = crate::store::apps::app_of(&ws.database().lock(), &connection.id)?;
    let tags = crate::store::tags::of(&ws.database().lock(), &connection.id)?;
    let (actions, record_streams) = match ws.registry().get(&connection.connector_id) {
        Ok(m) => (
            m.actions
                .iter()
                .filter(|a| crate::catalog::runs(m, &a.name))
                .map(|a| a.name.clone())
                .collect(),
            m.record_streams().iter().map(|s| s.name.clone()).collect(),
        ),
        Err(_) => (Vec::new(), Vec::new()),
    };
    Ok(ConnectionView {
        app_id,
        tags,
        actions,
        record_streams,
        connection,
        secrets,
        auth,
        api_budget_percent,
        schedule,
        backfill,
    })
}
