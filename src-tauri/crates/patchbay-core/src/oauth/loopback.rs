//! The loopback route: a one-shot HTTP listener on 127.0.0.1 that receives the browser's
//! redirect, answers with a page saying the window can be closed, and stops after one callback
//! carrying the expected state, or after a timeout.

use super::callback;
use crate::error::{Error, Result};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

pub const CALLBACK_PATH: &str = "/oauth/callback";

#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    port: u16,
}

const DONE_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Patchbay</title>\
<body style=\"font-family:system-ui;margin:4em\"><h1>You can close this window</h1>\
<p>Patchbay received the answer and is finishing the connection.</p>";

const FORGED_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Patchbay</title>\
<body style=\"font-family:system-ui;margin:4em\"><h1>This link is not the one Patchbay is waiting for</h1>\
<p>Start the connection again from Patchbay.</p>";

impl Loopback {
    /// Listens on `port` (one registered with the platform) or on a random free port.
    pub async fn bind(port: Option<u16>) -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port.unwrap_or(0)))
            .await
            .map_err(|e| Error::PortBusy {
                port: port.unwrap_or(0),
                reason: e.to_string(),
            })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::PortBusy {
                port: port.unwrap_or(0),
                reason: e.to_string(),
            })?
            .port();
        Ok(Self { listener, port })
    }

    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits for the callback whose state is `expected_state` and returns its full URL.
    /// Requests for other paths or with another state are answered and ignored.
    pub async fn wait(self, expected_state: &str, timeout: Duration) -> Result<String> {
        let port = self.port;
        let serve = async move {
            loop {
                let Ok((stream, _)) = self.listener.accept().await else {
                    continue;
                };
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read);
                let mut request_line = String::new();
                if lines.read_line(&mut request_line).await.is_err() {
                    continue;
                }
                // Drain the headers.
                let mut header = String::new();
                while lines
                    .read_line(&mut header)
                    .await
                    .map(|n| n > 2)
                    .unwrap_or(false)
                {
                    header.clear();
                }
                let target = request_line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .to_owned();
                let url = format!("http://127.0.0.1:{port}{target}");
                let ours = target.starts_with(CALLBACK_PATH)
                    && callback::parse(&url).and_then(|cb| cb.state).as_deref()
                        == Some(expected_state);
                let (status, body) = if ours {
                    ("200 OK", DONE_PAGE)
                } else if target.starts_with(CALLBACK_PATH) {
                    ("400 Bad Request", FORGED_PAGE)
                } else {
                    ("404 Not Found", "")
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = write.write_all(response.as_bytes()).await;
                let _ = write.shutdown().await;
                if ours {
                    return url;
                }
            }
        };
        tokio::time::timeout(timeout, serve)
            .await
            .map_err(|_| Error::OAuthTimeout {
                seconds: timeout.as_secs(),
            })
    }
}
