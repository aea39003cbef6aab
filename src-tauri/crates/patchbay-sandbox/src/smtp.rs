//! The SMTP sink: a mail server on loopback that accepts every message (after AUTH PLAIN or
//! LOGIN, when the client offers it) and keeps it in the outbox instead of delivering it. It
//! speaks enough of RFC 5321 for any client: EHLO/HELO, AUTH, MAIL, RCPT, DATA with
//! dot-unstuffing, RSET, NOOP, QUIT. It offers no TLS: it only listens on this machine.
//!
//! Sandbox rules: a password containing `invalid` fails AUTH (535); a recipient containing
//! `reject` is refused (550).

use crate::outbox::{Delivery, now};
use crate::state::State;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The most one message may weigh.
const MAX_MESSAGE: usize = 30 * 1024 * 1024;

pub async fn serve(listener: TcpListener, state: Arc<State>) {
    while let Ok((stream, _)) = listener.accept().await {
        let state = state.clone();
        tokio::spawn(async move {
            let _ = session(stream, &state).await;
        });
    }
}

#[derive(Default)]
struct Envelope {
    from: Option<String>,
    to: Vec<String>,
}

fn address(arg: &str) -> String {
    let arg = arg.split_once(':').map_or(arg, |(_, a)| a).trim();
    let arg = arg.split(' ').next().unwrap_or_default();
    arg.trim_start_matches('<').trim_end_matches('>').to_owned()
}

fn decode(b64: &str) -> String {
    STANDARD
        .decode(b64.trim())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

async fn session(stream: TcpStream, state: &State) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write
        .write_all(b"220 sandbox.patchbay.local ESMTP Patchbay sandbox sink\r\n")
        .await?;
    let mut envelope = Envelope::default();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let (verb, arg) = command.split_once(' ').unwrap_or((&command, ""));
        let reply: String = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => "250-sandbox.patchbay.local\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 31457280".into(),
            "HELO" => "250 sandbox.patchbay.local".into(),
            "AUTH" => {
                let (mechanism, initial) = arg.split_once(' ').unwrap_or((arg, ""));
                let password = match mechanism.to_ascii_uppercase().as_str() {
                    "PLAIN" => {
                        let response = if initial.is_empty() {
                            write.write_all(b"334 \r\n").await?;
                            line.clear();
                            lines.read_line(&mut line).await?;
                            line.clone()
                        } else {
                            initial.to_owned()
                        };
                        decode(&response).split('\0').nth(2).unwrap_or_default().to_owned()
                    }
                    "LOGIN" => {
                        write.write_all(b"334 VXNlcm5hbWU6\r\n").await?;
                        line.clear();
                        lines.read_line(&mut line).await?;
                        write.write_all(b"334 UGFzc3dvcmQ6\r\n").await?;
                        line.clear();
                        lines.read_line(&mut line).await?;
                        decode(&line)
                    }
                    _ => {
                        write.write_all(b"504 5.5.4 Unrecognized authentication type\r\n").await?;
                        continue;
                    }
                };
                if password.is_empty() || password.contains("invalid") {
                    "535 5.7.8 Authentication credentials invalid".into()
                } else {
                    "235 2.7.0 Authentication successful".into()
                }
            }
            "MAIL" => {
                envelope = Envelope { from: Some(address(arg)), to: Vec::new() };
                "250 2.1.0 Ok".into()
            }
            "RCPT" => {
                let to = address(arg);
                if envelope.from.is_none() {
                    "503 5.5.1 Error: need MAIL command".into()
                } else if to.contains("reject") {
                    format!("550 5.1.1 <{to}>: Recipient address rejected: User unknown")
                } else {
                    envelope.to.push(to);
                    "250 2.1.5 Ok".into()
                }
            }
            "DATA" if envelope.to.is_empty() => "554 5.5.1 Error: no valid recipients".into(),
            "DATA" => {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut message = Vec::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    if message.len() + unstuffed.len() <= MAX_MESSAGE {
                        message.extend_from_slice(unstuffed.as_bytes());
                    }
                }
                let id = keep(state, &envelope, &message);
                envelope = Envelope::default();
                format!("250 2.0.0 Ok: queued as {id}")
            }
            "RSET" => {
                envelope = Envelope::default();
                "250 2.0.0 Ok".into()
            }
            "NOOP" => "250 2.0.0 Ok".into(),
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => "502 5.5.2 Error: command not recognized".into(),
        };
        write.write_all(format!("{reply}\r\n").as_bytes()).await?;
    }
}

/// A header's value from a raw message (first occurrence, unfolded).
fn header(message: &str, name: &str) -> Option<String> {
    let head = message.split("\r\n\r\n").next()?;
    let mut found: Option<String> = None;
    for line in head.split("\r\n") {
        if let Some(value) = found.as_mut() {
            if line.starts_with([' ', '\t']) {
                value.push_str(line.trim_start());
                continue;
            }
            break;
        }
        if let Some((key, value)) = line.split_once(':')
            && key.eq_ignore_ascii_case(name)
        {
            found = Some(value.trim().to_owned());
        }
    }
    found
}

fn keep(state: &State, envelope: &Envelope, message: &[u8]) -> String {
    let text = String::from_utf8_lossy(message);
    let id = header(&text, "Message-ID")
        .map(|m| m.trim_matches(['<', '>']).to_owned())
        .unwrap_or_else(|| format!("sandbox-{}", chrono::Utc::now().timestamp_millis()));
    let subject = header(&text, "Subject").unwrap_or_default();
    let to = envelope.to.join(", ");
    state.deliver(
        Delivery {
            at: now(),
            platform: "smtp".into(),
            kind: "mail".into(),
            id: id.clone(),
            summary: format!("to {to}: {subject}"),
            detail: json!({"from": envelope.from, "to": envelope.to, "subject": subject, "bytes": message.len()}),
            file: None,
        },
        Some(message),
    );
    id
}
