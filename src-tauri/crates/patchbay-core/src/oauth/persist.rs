//! Storing tokens: the refresh token, the access token, expiry, scopes and identity, in one
//! transaction, so a crash leaves either the old set or the new set, never half of each.

use super::tokens::{Identity, TokenSet};
use crate::connections::{ConnectionStatus, service};
use crate::error::Result;
use crate::store::connections as rows;
use crate::workspace::Workspace;
use chrono::Utc;

/// Stores new tokens. `generation` is the token generation a refresh started from: the tokens
/// are kept only if it has not moved (`None` for a sign-in, which always wins).
pub fn save(
    ws: &Workspace,
    id: &str,
    tokens: &TokenSet,
    identity: Option<Identity>,
    message: &str,
    generation: Option<i64>,
) -> Result<()> {
    let vault = ws.vault()?;
    let mut connection = service::load(ws, id)?;
    let now = Utc::now();
    let expires_at = tokens.expires_in.map(|s| {
        patchbay_types::time::after_secs(now, s, patchbay_types::time::TOKEN_LIFETIME_CAP)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    });
    if let Some(scopes) = &tokens.scopes {
        connection.scopes = scopes.clone();
    }
    if let Some(identity) = identity {
        connection.account_id = Some(identity.id);
        connection.account_handle = identity.handle;
    }
    connection.status = ConnectionStatus::Active;
    connection.status_message = Some(message.to_owned());
    connection.token_expires_at = expires_at.clone();
    connection.updated_at = service::now();
    let refreshed_at = service::now();
    // On disk before anything uses the new tokens: the platform already forgot the old ones.
    ws.database().durable_transaction(|tx| {
        if !rows::next_token_generation(tx, id, generation)? {
            return Err(crate::Error::TokensChanged);
        }
        // A rotated refresh token goes in first: the old one no longer works.
        if let Some(refresh) = &tokens.refresh_token {
            vault.put(tx, id, "refresh_token", refresh)?;
        }
        vault.put(tx, id, "access_token", &tokens.access_token)?;
        rows::save(tx, &connection)?;
        rows::set_token_times(tx, id, expires_at.as_deref(), &refreshed_at)
    })
}

/// Marks a connection as needing the user to connect again, with the reason.
pub fn needs_reauth(ws: &Workspace, id: &str, message: &str) -> Result<()> {
    let mut connection = service::load(ws, id)?;
    connection.status = ConnectionStatus::NeedsReauth;
    connection.status_message = Some(message.to_owned());
    connection.updated_at = service::now();
    rows::save(&ws.database().lock(), &connection)
}

/// Forgets the tokens (keeps the client credentials and all history).
pub fn clear(ws: &Workspace, id: &str, message: &str) -> Result<()> {
    let mut connection = service::load(ws, id)?;
    connection.status = ConnectionStatus::Inactive;
    connection.status_message = Some(message.to_owned());
    connection.token_expires_at = None;
    connection.scopes.clear();
    connection.updated_at = service::now();
    ws.database().transaction(|tx| {
        rows::next_token_generation(tx, id, None)?;
        crate::store::secrets::delete(tx, id, "access_token")?;
        crate::store::secrets::delete(tx, id, "refresh_token")?;
        rows::save(tx, &connection)
    })
}
