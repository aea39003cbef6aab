//! SMTP connections: the transport built from a connection's settings (the one `send_email`
//! will use), and Verify, which connects, upgrades to TLS and logs in without sending anything.

use super::Connection;
use super::model::VerifyOutcome;
use super::service;
use crate::error::Result;
use crate::registry::manifest::Smtp;
use crate::workspace::Workspace;
use lettre::Tokio1Executor;
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use serde_json::Value;
use std::time::Duration;

/// How long Patchbay waits on an SMTP server's answer.
const TIMEOUT: Duration = Duration::from_secs(20);

/// What a check found: an outcome and the sentence the user sees.
pub(crate) type Found = (VerifyOutcome, String);

fn text(c: &Connection, field: &str) -> Option<String> {
    match c.config.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        // Form numbers arrive as floats (587.0); a port is a whole number.
        Some(Value::Number(n)) => Some(match n.as_f64() {
            Some(f) if f.fract() == 0.0 => format!("{f:.0}"),
            _ => n.to_string(),
        }),
        _ => None,
    }
}

fn on_this_machine(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1")
}

/// The transport for a connection, or what is missing or unsafe in its settings.
pub(crate) fn transport(
    ws: &Workspace,
    c: &Connection,
    smtp: &Smtp,
) -> Result<std::result::Result<AsyncSmtpTransport<Tokio1Executor>, Found>> {
    let missing = |what: &str| {
        (
            VerifyOutcome::NotConnected,
            format!("No {what} is set. Edit the connection, then verify again."),
        )
    };
    let Some(host) = text(c, &smtp.host_field) else {
        return Ok(Err(missing("server")));
    };
    let port = text(c, &smtp.port_field)
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(587);
    let security = text(c, &smtp.security_field).unwrap_or_else(|| "starttls".into());
    let Some(user) = text(c, &smtp.username_field) else {
        return Ok(Err(missing("username")));
    };
    let Some(password) =
        service::secret(ws, &c.id, &smtp.password_field)?.filter(|s| !s.is_empty())
    else {
        return Ok(Err(missing("password")));
    };
    // A sandbox connection talks to the sandbox's mail sink on this machine.
    let (host, port, security) = if c.mode == super::Mode::Sandbox {
        let sink = ws
            .sandbox_smtp()
            .ok_or(crate::error::Error::SandboxNotRunning)?;
        (sink.ip().to_string(), sink.port(), "none".to_owned())
    } else {
        (host, port, security)
    };
    let tls = match security.as_str() {
        "none" if !on_this_machine(&host) => {
            return Ok(Err((
                VerifyOutcome::Unexpected,
                format!(
                    "Security 'none' would send your password unencrypted to {host}; it is allowed only for a server on this machine. Choose STARTTLS or TLS."
                ),
            )));
        }
        "none" => Tls::None,
        mode => match TlsParameters::new(host.clone()) {
            Ok(params) if mode == "tls" => Tls::Wrapper(params),
            Ok(params) => Tls::Required(params),
            Err(e) => {
                return Ok(Err((
                    VerifyOutcome::Unexpected,
                    format!("TLS for {host} could not be set up ({e})."),
                )));
            }
        },
    };
    Ok(Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
        host,
    )
    .port(port)
    .tls(tls)
    .timeout(Some(TIMEOUT))
    .credentials(Credentials::new(user, password.expose().to_owned()))
    .build()))
}

/// Connects and logs in; sends nothing.
pub(crate) async fn check(ws: &Workspace, c: &Connection, smtp: &Smtp) -> Result<Found> {
    let transport = match transport(ws, c, smtp)? {
        Ok(t) => t,
        Err(found) => return Ok(found),
    };
    let server = server(c, smtp);
    Ok(match transport.test_connection().await {
        Ok(true) => (
            VerifyOutcome::Verified,
            format!("Logged in to {server}; nothing was sent."),
        ),
        Ok(false) => (
            VerifyOutcome::Unexpected,
            format!("{server} did not answer like an SMTP server."),
        ),
        Err(e) => describe(&server, &e),
    })
}

/// How the user knows the server: `host:port`, or the sandbox's sink.
pub(crate) fn server(c: &Connection, smtp: &Smtp) -> String {
    if c.mode == super::Mode::Sandbox {
        return "the sandbox mail sink".into();
    }
    format!(
        "{}:{}",
        text(c, &smtp.host_field).unwrap_or_default(),
        text(c, &smtp.port_field).unwrap_or_else(|| "587".into())
    )
}

pub(crate) fn describe(server: &str, e: &lettre::transport::smtp::Error) -> Found {
    let code = e.status().map(|c| c.to_string());
    match code.as_deref() {
        Some("535" | "534" | "530") => (
            VerifyOutcome::CredentialsRejected,
            format!(
                "{server} refused the username or password ({}). Check them; many providers need an app password.",
                code.unwrap_or_default()
            ),
        ),
        Some(c) if e.is_transient() => (
            VerifyOutcome::ServerError,
            format!("{server} is busy or unavailable right now ({c}). Try again later."),
        ),
        Some(c) => (
            VerifyOutcome::Unexpected,
            format!("{server} refused the login ({c})."),
        ),
        None if e.is_tls() => (
            VerifyOutcome::Unreachable,
            format!(
                "A secure connection to {server} failed: check the Security setting (STARTTLS on 587, TLS on 465)."
            ),
        ),
        None => (
            VerifyOutcome::Unreachable,
            format!(
                "Patchbay could not reach {server}: check the server name, port and your network."
            ),
        ),
    }
}
