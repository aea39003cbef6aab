//! The authorization-code flow: build the authorize URL (with PKCE and a fresh state), then
//! finish from the callback: check the state, exchange the code, ask who the account is, and
//! store the tokens.

use super::callback;
use super::context::Context;
use super::failure::Failure;
use super::pending::StateProblem;
use super::persist;
use super::tokens::Identity;
use super::{pkce, quirks};
use crate::connections::{ConnectionView, service, verify};
use crate::error::{Error, Result};
use crate::lease;
use crate::registry::manifest::{Pkce, RedirectStyle};
use crate::vault::Secret;
use crate::workspace::Workspace;

/// Where to send the user's browser.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct AuthorizeRequest {
    pub url: String,
    pub state: String,
    pub redirect_uri: String,
}

/// The redirect style a connection uses unless told otherwise: the manifest's first.
pub fn default_style(ws: &Workspace, id: &str) -> Result<RedirectStyle> {
    Ok(Context::load(ws, id)?
        .oauth
        .redirect_styles
        .first()
        .copied()
        .unwrap_or(RedirectStyle::Loopback))
}

/// Starts a flow for `connection_id` that will come back to `redirect_uri`.
pub async fn begin(
    ws: &Workspace,
    connection_id: &str,
    redirect_uri: &str,
) -> Result<AuthorizeRequest> {
    ws.ensure_sandbox_for(connection_id).await?;
    let ctx = Context::load(ws, connection_id)?;
    let verifier = pkce::verifier();
    let state = super::pending::new_state();
    let url = super::standard::authorize_url(&ctx, redirect_uri, &state, &verifier)
        .map_err(|f| exchange_error(&ctx, f))?;
    ws.oauth().pending.insert(
        state.clone(),
        connection_id,
        Secret::new(verifier),
        redirect_uri,
    );
    Ok(AuthorizeRequest {
        url,
        state,
        redirect_uri: redirect_uri.to_owned(),
    })
}

fn state_error(problem: StateProblem, replayed: bool) -> Error {
    Error::OAuthState(match (problem, replayed) {
        (StateProblem::Missing, _) => "The callback has no state, so Patchbay cannot tell which connection it is for. It was ignored; nothing changed.".into(),
        (StateProblem::Unknown, true) => "This callback was already used. A sign-in link works once; start the connection again.".into(),
        (StateProblem::Unknown, false) => "This callback does not belong to a connection Patchbay started (unknown state). It was ignored; nothing changed.".into(),
        (StateProblem::Expired, _) => "This sign-in took longer than 10 minutes and expired. Start the connection again.".into(),
    })
}

fn exchange_error(ctx: &Context, f: Failure) -> Error {
    match f {
        Failure::Transport(e) => e,
        Failure::Refused(t) => Error::OAuthExchange {
            platform: ctx.platform().to_owned(),
            error: t.error,
            description: t.description,
        },
    }
}

/// Finishes a flow from the URL the platform redirected to. With `allow_replace`, a different
/// account than the one already connected replaces it; otherwise that is refused.
pub async fn complete(
    ws: &Workspace,
    callback_url: &str,
    allow_replace: bool,
) -> Result<ConnectionView> {
    let cb = callback::parse(callback_url).ok_or_else(|| {
        Error::OAuthState(
            "That is not a callback URL: paste the whole address the browser ended on.".into(),
        )
    })?;
    let pending = ws
        .oauth()
        .pending
        .take(cb.state.as_deref())
        .map_err(|(p, replayed)| state_error(p, replayed))?;
    ws.ensure_sandbox_for(&pending.connection_id).await?;
    let ctx = Context::load(ws, &pending.connection_id)?;
    if let Some(error) = cb.error {
        return Err(Error::OAuthDenied {
            platform: ctx.platform().to_owned(),
            error,
            description: cb.error_description,
        });
    }
    let code = cb.code.ok_or_else(|| {
        Error::OAuthState("The callback carries neither a code nor an error.".into())
    })?;
    let verifier = (ctx.oauth.pkce != Pkce::None).then_some(&pending.verifier);
    let tokens = super::standard::exchange_code(&ctx, &code, &pending.redirect_uri, verifier)
        .await
        .map_err(|f| exchange_error(&ctx, f))?;
    let tokens = quirks::after_exchange(&ctx, tokens)
        .await
        .map_err(|f| exchange_error(&ctx, f))?;
    let identity =
        verify::who_am_i(ws, &ctx.connection, &ctx.manifest, &tokens.access_token).await?;
    if let (Some(current), Some((new_id, handle))) = (&ctx.connection.account_id, &identity)
        && current != new_id
        && !allow_replace
    {
        let shown = |id: &str, h: Option<&String>| h.cloned().unwrap_or_else(|| id.to_owned());
        let new = shown(new_id, handle.as_ref());
        // Nothing is stored: the tokens wait for the user's answer (`confirm_replace`).
        ws.oauth().held.hold(
            &pending.connection_id,
            tokens,
            Identity {
                id: new_id.clone(),
                handle: handle.clone(),
            },
            format!("Connected as {new}, replacing the account connected before."),
        );
        return Err(Error::OAuthDifferentAccount {
            current: shown(current, ctx.connection.account_handle.as_ref()),
            new,
            connection_id: pending.connection_id.clone(),
        });
    }
    let shown = identity
        .as_ref()
        .map(|(id, h)| h.clone().unwrap_or_else(|| id.clone()));
    let message = match &shown {
        Some(who) => format!("Connected as {who}."),
        None => "Connected.".to_owned(),
    };
    let identity = identity.map(|(id, handle)| Identity { id, handle });
    let _lease = lease::take_tokens(ws, &pending.connection_id).await?;
    persist::save(
        ws,
        &pending.connection_id,
        &tokens,
        identity,
        &message,
        None,
    )?;
    service::get(ws, &pending.connection_id)
}

/// The user said yes: the account that signed in replaces the connected one.
pub fn confirm_replace(ws: &Workspace, id: &str) -> Result<ConnectionView> {
    // Taken before the held sign-in, so a busy connection keeps the answer for a retry.
    let _lease = lease::try_take_tokens(ws, id)?;
    let held = ws.oauth().held.take(id).ok_or_else(|| {
        Error::OAuthState(
            "No sign-in is waiting to replace this connection's account (it expires after 10 minutes). Connect again."
                .into(),
        )
    })?;
    persist::save(
        ws,
        id,
        &held.tokens,
        Some(held.identity),
        &held.message,
        None,
    )?;
    service::get(ws, id)
}

/// The user said no: the held tokens are dropped and the connection stays as it was.
pub fn discard_replace(ws: &Workspace, id: &str) -> Result<()> {
    ws.oauth().held.take(id);
    Ok(())
}
