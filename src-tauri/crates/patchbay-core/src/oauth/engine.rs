//! The token engine. Every API call gets its access token here: refreshed ahead of expiry,
//! one refresh at a time per connection (concurrent callers wait, then re-read the stored
//! token), a rotated refresh token stored before the new access token is used, and a dead grant
//! turned into `needs_reauth` with a sentence.

use super::client;
use super::context::Context;
use super::failure::Failure;
use super::persist;
use super::quirks::{self, Renewal};
use crate::connections::{ConnectionView, service};
use crate::error::{Error, Result};
use crate::lease;
use crate::store::connections as rows;
use crate::vault::Secret;
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};

fn parse_time(s: Option<String>) -> Option<DateTime<Utc>> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// A valid access token for `id`, refreshed first when due.
pub async fn access_token(ws: &Workspace, id: &str) -> Result<Secret> {
    ensure_fresh(ws, id, false).await?;
    service::secret(ws, id, "access_token")?.ok_or_else(|| Error::NeedsReauth {
        message: "This connection is not connected yet. Connect the account first.".into(),
    })
}

/// Refreshes now, whatever the schedule says (`patchbay connections refresh`).
pub async fn refresh_now(ws: &Workspace, id: &str) -> Result<ConnectionView> {
    ensure_fresh(ws, id, true).await?;
    service::get(ws, id)
}

async fn ensure_fresh(ws: &Workspace, id: &str, force: bool) -> Result<()> {
    ws.ensure_sandbox_for(id).await?;
    let lock = ws.oauth().lock_for(id);
    let _one_at_a_time = lock.lock().await;
    // And one process at a time: the app and the command line share the stored tokens.
    let _lease = lease::take_tokens(ws, id).await?;
    // Re-read under the lock: a caller that waited finds the token another one refreshed.
    // Decide from the stored row first; decrypt only when a refresh will actually be sent.
    let mut ctx = Context::load_sealed(ws, id)?;
    let generation = rows::token_generation(&ws.database().lock(), id)?;
    let held = crate::store::secrets::fields(&ws.database().lock(), id)?;
    let holds = |field: &str| held.iter().any(|f| f == field);
    if !holds("access_token") {
        return Err(Error::NeedsReauth {
            message: format!(
                "This {} connection is not connected yet. Connect the account first.",
                ctx.platform()
            ),
        });
    }
    let renewal = quirks::renewal(&ctx, holds("refresh_token"));
    let refreshed_at = parse_time(rows::token_refreshed_at(&ws.database().lock(), id)?);
    let expires_at = parse_time(ctx.connection.token_expires_at.clone());
    let now = Utc::now();
    if renewal == Renewal::None {
        if force {
            return Err(Error::InvalidInput(format!(
                "{} tokens cannot be refreshed; connect again before they expire.",
                ctx.platform()
            )));
        }
        if expires_at.is_some_and(|e| e <= now) {
            let message = format!(
                "The {} token expired. Reconnect the account.",
                ctx.platform()
            );
            persist::needs_reauth(ws, id, &message)?;
            return Err(Error::NeedsReauth { message });
        }
        return Ok(());
    }
    if !force && !quirks::refresh_due(&ctx, renewal, refreshed_at, expires_at, now) {
        return Ok(());
    }
    ctx.unseal(ws)?;
    let Some(access) = service::secret(ws, id, "access_token")? else {
        return Err(Error::NeedsReauth {
            message: format!(
                "This {} connection was disconnected meanwhile. Connect the account again.",
                ctx.platform()
            ),
        });
    };
    let refresh = service::secret(ws, id, "refresh_token")?;
    ws.oauth().count_refresh();
    match quirks::refresh(&ctx, renewal, &access, refresh.as_ref()).await {
        Ok(mut tokens) => {
            // Some platforms do not repeat the refresh token: keep the one we have.
            if tokens.refresh_token.is_none() {
                tokens.refresh_token = refresh;
            }
            let message = ctx
                .connection
                .status_message
                .clone()
                .unwrap_or_else(|| "Token refreshed.".into());
            persist::save(ws, id, &tokens, None, &message, Some(generation))?;
            tracing::info!(connection = id, "token refreshed");
            Ok(())
        }
        Err(Failure::Refused(e)) if e.is_invalid_grant() => {
            // A refresh token that was rotated meanwhile (by a process that does not honour
            // the lease, such as an older Patchbay) means the refresh already happened.
            let now_stored = service::secret(ws, id, "refresh_token")?;
            let rotated = match (&refresh, &now_stored) {
                (Some(sent), Some(stored)) => sent.expose() != stored.expose(),
                _ => false,
            };
            if rotated {
                return Ok(());
            }
            let message = format!(
                "{} no longer accepts this connection's sign-in (it was revoked or expired). Reconnect the account.",
                ctx.platform()
            );
            persist::needs_reauth(ws, id, &message)?;
            tracing::warn!(
                connection = id,
                "refresh refused: the account must be reconnected"
            );
            Err(Error::NeedsReauth { message })
        }
        Err(Failure::Refused(e)) => Err(Error::OAuthExchange {
            platform: ctx.platform().to_owned(),
            error: e.error,
            description: e.description,
        }),
        Err(Failure::Transport(e)) => Err(e),
    }
}

/// Disconnects: revokes the token where the platform supports it, forgets the tokens, keeps
/// the connection's settings and its synced history. Returns whether a revoke was sent.
pub async fn disconnect(ws: &Workspace, id: &str) -> Result<bool> {
    ws.ensure_sandbox_for(id).await?;
    let ctx = Context::load(ws, id)?;
    let lock = ws.oauth().lock_for(id);
    let _guard = lock.lock().await;
    let _lease = lease::take_tokens(ws, id).await?;
    let outcome = match service::secret(ws, id, "refresh_token")? {
        Some(token) => client::revoke(&ctx, &token, true).await,
        None => match service::secret(ws, id, "access_token")? {
            Some(token) => client::revoke(&ctx, &token, false).await,
            None => client::Revocation::NotOffered,
        },
    };
    let platform = ctx.platform();
    let message = match &outcome {
        client::Revocation::Confirmed => format!(
            "Disconnected; the token was revoked at {platform}. Settings and history are kept."
        ),
        client::Revocation::NotOffered => format!(
            "Disconnected; the tokens were deleted from this machine ({platform} offers no way to revoke them from here: remove Patchbay in your {platform} account's connected apps if you want). Settings and history are kept."
        ),
        client::Revocation::NotConfirmed(answer) => format!(
            "Removed here, but not revoked at {platform}: it answered {answer}. Remove Patchbay in your {platform} account's connected apps. Settings and history are kept."
        ),
    };
    let revoked = outcome == client::Revocation::Confirmed;
    persist::clear(ws, id, &message)?;
    Ok(revoked)
}

/// Marks a connection `needs_reauth` with a sentence (the sync engine, when a token is refused).
pub fn mark_needs_reauth(ws: &Workspace, id: &str, message: &str) -> Result<()> {
    persist::needs_reauth(ws, id, message)
}

/// A connection whose token will expire soon and cannot be refreshed (LinkedIn, Facebook user
/// tokens), so the user must reconnect before it does.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct Expiring {
    pub connection_id: String,
    pub name: String,
    pub expires_at: String,
    #[ts(type = "number")]
    pub days_left: i64,
}

/// Connections whose non-refreshable token expires within `days`.
pub fn expiring_soon(ws: &Workspace, days: i64) -> Result<Vec<Expiring>> {
    let now = Utc::now();
    let mut out = Vec::new();
    for v in crate::connections::list_sealed(ws)? {
        if v.auth != "oauth2" || !v.holds("access_token") {
            continue;
        }
        let Ok(ctx) = Context::load_sealed(ws, &v.id) else {
            continue;
        };
        if quirks::renewal(&ctx, v.holds("refresh_token")) != Renewal::None {
            continue;
        }
        if let Some(at) = parse_time(v.token_expires_at.clone())
            && at - now <= chrono::Duration::days(days)
        {
            out.push(Expiring {
                connection_id: v.id.clone(),
                name: v.name.clone(),
                expires_at: at.to_rfc3339(),
                days_left: (at - now).num_days(),
            });
        }
    }
    Ok(out)
}

/// Refreshes every connection whose token is due (ahead of expiry, or a day since the last
/// refresh), so tokens of idle connections never die. Returns the connections that now need
/// the user to reconnect.
pub async fn keep_alive(ws: &Workspace) -> Result<Vec<String>> {
    let mut lost = Vec::new();
    for v in crate::connections::list_sealed(ws)? {
        if v.auth != "oauth2"
            || !v.holds("access_token")
            || v.status == crate::connections::ConnectionStatus::NeedsReauth
        {
            continue;
        }
        if let Err(Error::NeedsReauth { .. }) = ensure_fresh(ws, &v.id, false).await {
            lost.push(v.id.clone());
        }
    }
    Ok(lost)
}
