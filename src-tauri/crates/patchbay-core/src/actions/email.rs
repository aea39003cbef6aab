//! SMTP `send_email`: a message built with lettre (text, HTML or both as alternatives, cc, bcc,
//! attachments from the allowed folders only: see `crate::attachments`), sent once through the
//! connection's transport. A send is never repeated: once the server may have the message, a
//! second try could deliver it twice.

use crate::connections::Connection;
use crate::error::{Error, Result};
use crate::registry::manifest::Smtp;
use crate::workspace::Workspace;
use lettre::AsyncTransport;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, Message, MultiPart, SinglePart};
use serde::Deserialize;
use serde_json::{Value, json};
use std::path::Path;

/// The most one attachment may weigh.
const MAX_ATTACHMENT: u64 = 20 * 1024 * 1024;

#[derive(Debug, Deserialize)]
struct Email {
    to: Vec<String>,
    subject: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    cc: Vec<String>,
    #[serde(default)]
    bcc: Vec<String>,
    #[serde(default)]
    attachments: Vec<File>,
}

#[derive(Debug, Deserialize)]
struct File {
    filename: String,
    path: String,
}

fn mailbox(address: &str) -> Result<Mailbox> {
    address
        .parse()
        .map_err(|_| Error::InvalidInput(format!("`{address}` is not an email address.")))
}

/// The attachment's bytes, when its path lies inside an allowed folder.
fn attachment(ws: &Workspace, file: &File) -> Result<SinglePart> {
    let real = crate::attachments::resolve(ws, &file.path)?;
    let size = std::fs::metadata(&real)
        .map(|m| m.len())
        .unwrap_or(u64::MAX);
    if size > MAX_ATTACHMENT {
        return Err(Error::InvalidInput(format!(
            "{} weighs more than 20 MB; most mail servers would refuse it.",
            file.filename
        )));
    }
    let bytes = std::fs::read(&real).map_err(|e| Error::Io {
        path: real.clone(),
        action: "read",
        reason: e.to_string(),
    })?;
    Ok(Attachment::new(file.filename.clone()).body(bytes, content_type(&real)))
}

fn content_type(path: &Path) -> ContentType {
    let kind = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("csv") => "text/csv",
        Some("txt") => "text/plain",
        Some("html") => "text/html",
        _ => "application/octet-stream",
    };
    ContentType::parse(kind).unwrap_or(ContentType::TEXT_PLAIN)
}

/// A Message-ID on the sender's domain, made here so the action can answer it.
fn message_id(from: &str) -> String {
    let domain = from.rsplit_once('@').map_or("patchbay.invalid", |(_, d)| d);
    format!("{}@{domain}", crate::oauth::pending::new_state())
}

fn build(ws: &Workspace, from: &str, id: &str, email: &Email, keep_bcc: bool) -> Result<Message> {
    let mut message = Message::builder()
        .from(mailbox(from)?)
        .subject(email.subject.clone())
        .message_id(Some(format!("<{id}>")));
    for to in &email.to {
        message = message.to(mailbox(to)?);
    }
    for cc in &email.cc {
        message = message.cc(mailbox(cc)?);
    }
    for bcc in &email.bcc {
        message = message.bcc(mailbox(bcc)?);
    }
    if keep_bcc {
        message = message.keep_bcc();
    }
    let body = match (&email.text, &email.html) {
        (Some(text), Some(html)) => MultiPart::alternative_plain_html(text.clone(), html.clone()),
        (None, Some(html)) => MultiPart::mixed().singlepart(SinglePart::html(html.clone())),
        (Some(text), None) => MultiPart::mixed().singlepart(SinglePart::plain(text.clone())),
        (None, None) => {
            return Err(Error::InvalidInput(
                "An email needs a text or an HTML body.".into(),
            ));
        }
    };
    let mut mixed = MultiPart::mixed().multipart(body);
    for file in &email.attachments {
        mixed = mixed.singlepart(attachment(ws, file)?);
    }
    message
        .multipart(mixed)
        .map_err(|e| Error::InvalidInput(format!("The message could not be built: {e}.")))
}

/// A message composed from `send_email`'s input.
pub(super) struct Composed {
    pub message: Message,
    pub message_id: String,
    /// Every recipient: to, cc and bcc.
    pub accepted: Vec<String>,
}

/// Builds the RFC 5322 message from `send_email`'s input. `keep_bcc` keeps the Bcc header in
/// the message itself, for APIs (Gmail) that read recipients from it.
pub(super) fn compose(
    ws: &Workspace,
    from: &str,
    input: &Value,
    keep_bcc: bool,
) -> Result<Composed> {
    let email: Email = serde_json::from_value(input.clone())
        .map_err(|e| Error::InvalidInput(format!("The email could not be read: {e}.")))?;
    let message_id = message_id(from);
    let message = build(ws, from, &message_id, &email, keep_bcc)?;
    let accepted = email
        .to
        .iter()
        .chain(&email.cc)
        .chain(&email.bcc)
        .cloned()
        .collect();
    Ok(Composed {
        message,
        message_id,
        accepted,
    })
}

/// Sends it; answers the declared output `{accepted, message_id}`.
pub async fn send(ws: &Workspace, c: &Connection, smtp: &Smtp, input: &Value) -> Result<Value> {
    let from = c
        .config
        .get("from_address")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::InvalidInput("Set the connection's From address first.".into()))?;
    let Composed {
        message,
        message_id,
        accepted,
    } = compose(ws, from, input, false)?;
    let transport = match crate::connections::smtp::transport(ws, c, smtp)? {
        Ok(t) => t,
        Err((_, sentence)) => return Err(Error::InvalidInput(sentence)),
    };
    match transport.send(message).await {
        Ok(_) => Ok(json!({
            "accepted": accepted,
            "message_id": message_id,
        })),
        Err(e) => Err(refusal(&e)),
    }
}

fn refusal(e: &lettre::transport::smtp::Error) -> Error {
    let platform = "The SMTP server".to_owned();
    match e.status() {
        Some(code) if e.is_permanent() => Error::ActionRefused {
            platform,
            message: format!(
                "it answered {code} ({e}). Check the addresses and the connection's settings."
            ),
        },
        Some(code) => Error::ActionFailed {
            platform,
            message: format!("it answered {code}, a temporary refusal ({e})."),
        },
        None if e.is_tls() => Error::ActionFailed {
            platform,
            message: format!(
                "the secure connection could not be set up: the server's certificate is not trusted, or it offers no TLS ({e}). Nothing was sent."
            ),
        },
        None => Error::ActionFailed {
            platform,
            message: format!("the connection failed ({e})."),
        },
    }
}
