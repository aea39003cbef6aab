//! Verify: runs the manifest's verify request with the connection's credentials and turns the
//! answer into a status and a sentence. Response bodies never reach the message: only the
//! manifest's sentences and our own do.

use super::model::{ConnectionStatus, ConnectionView};
use super::request::fill;
use super::service::{self, load, now};
use crate::error::{Error, Result};
use crate::registry::manifest::{Auth, Manifest, Verify};
use crate::store::connections as rows;
use crate::vault::Secret;
use crate::workspace::Workspace;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

pub use super::model::VerifyOutcome;

#[derive(Debug, Clone, Serialize, TS)]
pub struct VerifyReport {
    pub outcome: VerifyOutcome,
    pub message: String,
    pub http_status: Option<u16>,
    pub connection: ConnectionView,
}

/// What one verify attempt found, before it is recorded.
struct Finding {
    outcome: VerifyOutcome,
    message: String,
    http_status: Option<u16>,
    identity: Option<(String, Option<String>)>,
}

impl Finding {
    fn new(outcome: VerifyOutcome, message: impl Into<String>, http_status: Option<u16>) -> Self {
        Self {
            outcome,
            message: message.into(),
            http_status,
            identity: None,
        }
    }
}

/// Verifies a connection and records the result on it.
pub async fn verify(ws: &Workspace, id: &str) -> Result<VerifyReport> {
    ws.ensure_sandbox_for(id).await?;
    let connection = load(ws, id)?;
    let manifest = ws.registry().get(&connection.connector_id)?.clone();
    // A Discord connection may hold only a webhook: it proves itself by reading it.
    let webhook = if manifest.id == "discord" {
        let ctx = super::request::Ctx {
            ws,
            c: &connection,
            m: &manifest,
            key: None,
        };
        super::webhook::verify_webhook(&ctx).await?
    } else {
        None
    };
    let finding = match (&manifest.verify, &manifest.auth) {
        _ if webhook.is_some() => {
            let (outcome, message) = webhook.unwrap_or((VerifyOutcome::Unexpected, String::new()));
            Finding::new(outcome, message, None)
        }
        (None, Auth::Smtp(smtp)) => {
            let (outcome, message) = super::smtp::check(ws, &connection, smtp).await?;
            Finding::new(outcome, message, None)
        }
        (None, _) => Finding::new(
            VerifyOutcome::NotSupported,
            format!(
                "Patchbay cannot verify {} connections yet; the settings were saved as they are.",
                manifest.name
            ),
            None,
        ),
        (Some(rule), _) => match request(ws, &connection, &manifest, rule, None)? {
            Err(finding) => finding,
            Ok(request) => send(ws.http(), request, &manifest, rule).await,
        },
    };
    record(ws, id, &manifest, finding)
}

fn record(ws: &Workspace, id: &str, manifest: &Manifest, f: Finding) -> Result<VerifyReport> {
    let mut connection = load(ws, id)?;
    let oauth = matches!(manifest.auth, Auth::OAuth2(_));
    connection.status = match f.outcome {
        VerifyOutcome::Verified => ConnectionStatus::Active,
        VerifyOutcome::NotSupported => connection.status,
        VerifyOutcome::NotConnected => ConnectionStatus::PendingSetup,
        VerifyOutcome::CredentialsRejected if oauth => ConnectionStatus::NeedsReauth,
        _ => ConnectionStatus::Error,
    };
    if let Some((account_id, handle)) = f.identity {
        connection.account_id = Some(account_id);
        connection.account_handle = handle;
    }
    connection.status_message = Some(f.message.clone());
    connection.last_verified_at = Some(now());
    connection.updated_at = now();
    rows::save(&ws.database().lock(), &connection)?;
    Ok(VerifyReport {
        outcome: f.outcome,
        message: f.message,
        http_status: f.http_status,
        connection: service::get(ws, id)?,
    })
}

/// Builds the verify request, or a finding when credentials are missing.
fn request(
    ws: &Workspace,
    c: &super::Connection,
    m: &Manifest,
    rule: &Verify,
    token: Option<&Secret>,
) -> Result<std::result::Result<reqwest::RequestBuilder, Finding>> {
    let base = super::request::base_url(ws, c, m)?;
    let url = format!("{base}{}", fill(ws, c, &rule.path)?);
    let method =
        reqwest::Method::from_bytes(rule.method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let req = ws.http().client().request(method, &url);
    let mut query: Vec<(String, String)> = Vec::new();
    for (k, v) in &rule.query {
        query.push((k.clone(), fill(ws, c, v)?));
    }
    let mut req = match super::request::authorize(ws, c, m, req, &mut query, token)? {
        Ok(req) => req,
        Err(super::request::Missing(label)) => {
            let msg = if matches!(m.auth, Auth::OAuth2(_)) {
                format!(
                    "This {} connection is not connected yet. Connect the account, then verify.",
                    m.name
                )
            } else {
                format!("No {label} is stored yet. Add it, then verify again.")
            };
            return Ok(Err(Finding::new(VerifyOutcome::NotConnected, msg, None)));
        }
    };
    if !query.is_empty() {
        req = req.query(&query);
    }
    Ok(Ok(req))
}

fn host_of(request: &reqwest::Request) -> String {
    request.url().host_str().unwrap_or("the server").to_owned()
}

async fn send(
    http: &crate::http::Http,
    builder: reqwest::RequestBuilder,
    m: &Manifest,
    rule: &Verify,
) -> Finding {
    let request = builder.build();
    let request = match request {
        Ok(request) => request,
        Err(_) => {
            return Finding::new(
                VerifyOutcome::Unexpected,
                "The verify request could not be built; check the API base URL.",
                None,
            );
        }
    };
    let host = host_of(&request);
    let response = match http.send_strict(request).await {
        Ok(response) => response,
        Err(e) => {
            let why = if e.is_timeout() {
                "it did not answer in time"
            } else if e.is_connect() {
                "the connection failed"
            } else {
                "the request failed"
            };
            let msg = format!(
                "Could not reach {host}: {why}. Check your internet connection, or the API base URL if you changed it."
            );
            return Finding::new(VerifyOutcome::Unreachable, msg, None);
        }
    };
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = match crate::http::read_json(response).await {
        Ok(body) => body,
        Err(e @ crate::http::BodyError::TooLarge { .. }) => {
            return Finding::new(
                VerifyOutcome::Unexpected,
                format!("{} at {host}: {e}. Check the API base URL.", m.name),
                None,
            );
        }
        Err(_) => Value::Null,
    };
    classify(m, rule, status, retry_after.as_deref(), &body)
}

fn pointer_text(body: &Value, pointer: &str) -> Option<String> {
    match body.pointer(pointer)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Decides what a verify response means.
fn classify(
    m: &Manifest,
    rule: &Verify,
    status: u16,
    retry_after: Option<&str>,
    body: &Value,
) -> Finding {
    let success = &rule.success;
    let error_code = success
        .error_pointer
        .as_deref()
        .and_then(|p| pointer_text(body, p));
    let body_ok = match (&success.json_pointer, &success.equals) {
        (Some(pointer), Some(expected)) => body.pointer(pointer) == Some(expected),
        _ => true,
    };
    if success.status.contains(&status) && body_ok {
        let identity = rule.identity.as_ref().and_then(|i| {
            pointer_text(body, &i.id)
                .map(|id| (id, i.handle.as_deref().and_then(|h| pointer_text(body, h))))
        });
        let message = match &identity {
            Some((_, Some(handle))) => format!(
                "Verified: {} accepted the credentials for {handle}.",
                m.name
            ),
            _ => format!("Verified: {} accepted the credentials.", m.name),
        };
        return Finding {
            outcome: VerifyOutcome::Verified,
            message,
            http_status: Some(status),
            identity,
        };
    }
    let outcome = match status {
        200..=299 => match error_code.as_deref().unwrap_or("") {
            code if code.contains("rate") => VerifyOutcome::RateLimited,
            code if code.contains("scope") || code.contains("permission") => {
                VerifyOutcome::ScopeMissing
            }
            _ => VerifyOutcome::CredentialsRejected,
        },
        401 => VerifyOutcome::CredentialsRejected,
        403 => VerifyOutcome::ScopeMissing,
        404 => VerifyOutcome::NotFound,
        429 => VerifyOutcome::RateLimited,
        500..=599 => VerifyOutcome::ServerError,
        _ => VerifyOutcome::Unexpected,
    };
    let from_manifest = error_code
        .as_deref()
        .and_then(|code| rule.messages.get(code))
        .or_else(|| rule.messages.get(&status.to_string()))
        .cloned();
    let name = &m.name;
    let mut message = from_manifest.unwrap_or_else(|| match outcome {
        VerifyOutcome::CredentialsRejected => format!("{name} rejected the credentials. Check them, save, and verify again."),
        VerifyOutcome::ScopeMissing => format!("{name} accepted the credentials but refused access: a permission (scope) is missing."),
        VerifyOutcome::NotFound => format!("{name} answered 404 Not Found: check the account or API base URL."),
        VerifyOutcome::RateLimited => format!("{name} is rate limiting these credentials. Try again later."),
        VerifyOutcome::ServerError => format!("{name} answered with a server error ({status}); the problem is on their side. Try again later."),
        _ => format!("{name} answered with an unexpected status ({status})."),
    });
    if outcome == VerifyOutcome::RateLimited
        && let Some(seconds) = retry_after.and_then(|s| s.trim().parse::<u64>().ok())
    {
        message = format!("{message} ({name} asks to wait {seconds} s.)");
    }
    Finding::new(outcome, message, Some(status))
}

/// Asks the platform who a freshly issued access token belongs to, with the manifest's verify
/// request. `Ok(None)` when the manifest has no identity pointers.
pub(crate) async fn who_am_i(
    ws: &Workspace,
    c: &super::Connection,
    m: &Manifest,
    token: &Secret,
) -> Result<Option<(String, Option<String>)>> {
    let Some(rule) = &m.verify else {
        return Ok(None);
    };
    let built = match request(ws, c, m, rule, Some(token))? {
        Ok(built) => built,
        Err(finding) => return Err(Error::InvalidInput(finding.message)),
    };
    let finding = send(ws.http(), built, m, rule).await;
    if finding.outcome != VerifyOutcome::Verified {
        return Err(Error::InvalidInput(format!(
            "{} did not say which account this is: {}",
            m.name, finding.message
        )));
    }
    Ok(finding.identity)
}
