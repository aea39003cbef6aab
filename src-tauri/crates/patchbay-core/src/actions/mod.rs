//! Actions: what a connection can do on its platform (send an email, post a message). The
//! manifest declares each action's input and output as JSON Schema; the input is checked before
//! any request, the action runs once, and every call lands in the action log (connection,
//! action, when, how long, how it ended, the platform's id for what it made; never a secret,
//! never the message). A declared action Patchbay cannot run yet says "coming soon".

pub(crate) mod declarative;
pub(crate) mod discord;
mod email;
mod gmail;
mod http;
pub mod input;
mod slack;
mod stripe;
mod twilio;

pub use crate::attachments::ATTACHMENTS;
pub use crate::catalog::{repeatable, runs};
pub(crate) use crate::connections::call;
pub(crate) use crate::connections::request::Ctx;

use crate::connections::service;
use crate::error::{Error, Result};
use crate::registry::manifest::Auth;
use crate::store::action_log::{self, ActionCall};
use crate::workspace::Workspace;
use serde::Serialize;
use serde_json::Value;
use std::time::Instant;
use ts_rs::TS;

/// One action of a connection, with whether it runs today.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ActionView {
    pub name: String,
    pub description: String,
    #[ts(type = "Record<string, unknown>")]
    pub input: Value,
    /// False: declared by the manifest, coming soon.
    pub runs: bool,
}

/// A text field of an action's input, when present and not empty.
pub(crate) fn text<'v>(input: &'v Value, name: &str) -> Option<&'v str> {
    input
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// A connection's actions.
pub fn list(ws: &Workspace, connection_id: &str) -> Result<Vec<ActionView>> {
    let c = service::load(ws, connection_id)?;
    let m = ws.registry().get(&c.connector_id)?;
    Ok(m.actions
        .iter()
        .map(|a| ActionView {
            name: a.name.clone(),
            description: a.description.clone(),
            input: a.input.clone(),
            runs: runs(m, &a.name),
        })
        .collect())
}

/// Runs one action with `input`; answers the action's output.
pub async fn run(
    ws: &Workspace,
    connection_id: &str,
    action: &str,
    input: &Value,
) -> Result<Value> {
    run_keyed(ws, connection_id, action, input, None).await
}

/// `run`, with an idempotency key the caller keeps: a workflow step run again after a crash
/// sends the same key, so Stripe answers its first answer instead of acting twice.
pub async fn run_keyed(
    ws: &Workspace,
    connection_id: &str,
    action: &str,
    input: &Value,
    key: Option<&str>,
) -> Result<Value> {
    let started = Instant::now();
    let started_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let result = attempt(ws, connection_id, action, input, key).await;
    let (outcome, code, message, created) = match &result {
        Ok(output) => (
            "ok",
            None,
            None,
            ["message_id", "id", "sid", "ts"]
                .iter()
                .find_map(|k| output.get(*k).and_then(Value::as_str))
                .map(str::to_owned),
        ),
        Err(
            e @ (Error::ActionInput { .. }
            | Error::AttachmentNotAllowed { .. }
            | Error::InvalidInput(_)),
        ) => ("invalid", Some(e.code()), Some(e.to_string()), None),
        Err(e @ Error::ActionRefused { .. }) => {
            ("refused", Some(e.code()), Some(e.to_string()), None)
        }
        Err(e @ Error::ActionUncertain { .. }) => {
            ("unknown", Some(e.code()), Some(e.to_string()), None)
        }
        Err(e) => ("failed", Some(e.code()), Some(e.to_string()), None),
    };
    // An unknown connection has no row to log against.
    if service::load(ws, connection_id).is_ok() {
        action_log::record(
            &ws.database().lock(),
            &ActionCall {
                connection_id: connection_id.to_owned(),
                action: action.to_owned(),
                started_at,
                duration_ms: started.elapsed().as_millis() as i64,
                outcome: outcome.to_owned(),
                error_code: code.map(|c| c.as_str().to_owned()),
                message,
                created_id: created,
            },
        )?;
    }
    tracing::info!(connection = connection_id, action, outcome, "action");
    result
}

async fn attempt(
    ws: &Workspace,
    connection_id: &str,
    action: &str,
    input: &Value,
    key: Option<&str>,
) -> Result<Value> {
    let c = service::load(ws, connection_id)?;
    let m = ws.registry().get(&c.connector_id)?.clone();
    let Some(declared) = m.actions.iter().find(|a| a.name == action) else {
        return Err(Error::UnknownAction {
            connector: m.name.clone(),
            action: action.to_owned(),
            known: m
                .actions
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    input::check(action, &declared.input, input)?;
    let ctx = Ctx {
        ws,
        c: &c,
        m: &m,
        key,
    };
    if !runs(&m, action) {
        return Err(ctx.unavailable(action));
    }
    ws.ensure_sandbox_for(&c.id).await?;
    let own = crate::catalog::RUNNABLE.iter().any(|(id, _)| *id == m.id);
    if let (false, Some(request)) = (own, &declared.request) {
        return declarative::run(&ctx, declared, request, input).await;
    }
    match (&m.auth, m.id.as_str()) {
        (Auth::Smtp(smtp), _) => email::send(ws, &c, smtp, input).await,
        (_, "slack") => slack::run(&ctx, action, input).await,
        (_, "stripe") => stripe::run(&ctx, action, input).await,
        (_, "discord") => discord::run(&ctx, action, input).await,
        (_, "twilio-sms" | "twilio-whatsapp") => twilio::run(&ctx, action, input).await,
        (_, "http") => http::run(&ctx, action, input).await,
        (_, "gmail") => gmail::run(&ctx, action, input).await,
        _ => Err(ctx.unavailable(action)),
    }
}

/// The latest action calls, newest first.
pub fn log(ws: &Workspace, connection_id: Option<&str>, limit: i64) -> Result<Vec<ActionCall>> {
    action_log::recent(&ws.database().lock(), connection_id, limit)
}
