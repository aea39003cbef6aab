//! The loopback route: a one-shot HTTP listener on 127.0.0.1 that receives the browser's
//! redirect, answers with a page saying the window can be closed, and stops after one callback
//! carrying the expected state, or after a timeout.

use super::callback;
use crate::error::{Error, Result};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Notify;

pub const CALLBACK_PATH: &str = "/oauth/callback";

#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    port: u16,
    /// Fires when a newer sign-in takes over this (fixed) port.
    stop: Option<Arc<Notify>>,
}

/// How long a newer sign-in waits for the older one to let go of a fixed port.
const TAKE_OVER: Duration = Duration::from_secs(2);

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
        Ok(Self {
            listener,
            port,
            stop: None,
        })
    }

    /// Listens on a port registered with the platform. A sign-in of this process still
    /// waiting there is told to stop first (a user pressing Connect again must not find the
    /// port taken by their own earlier attempt).
    pub async fn bind_fixed(port: u16, runtime: &super::Runtime) -> Result<Self> {
        let stop = runtime.take_over_port(port);
        let deadline = tokio::time::Instant::now() + TAKE_OVER;
        loop {
            match Self::bind(Some(port)).await {
                Ok(mut bound) => {
                    bound.stop = Some(stop);
                    return Ok(bound);
                }
                Err(e) if tokio::time::Instant::now() >= deadline => return Err(e),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits for the callback whose state is `expected_state` and returns its full URL.
    /// Requests for other paths or with another state are answered and ignored. Each
    /// connection is served on its own, with its own deadline, so an idle or slow connection
    /// (a port scanner, a browser's speculative preconnect) cannot hold up the real callback.
    pub async fn wait(self, expected_state: &str, timeout: Duration) -> Result<String> {
        let port = self.port;
        let stop = self.stop.clone();
        let expected = expected_state.to_owned();
        let (found, mut arrived) = tokio::sync::mpsc::channel::<String>(1);
        let serve = async move {
            let mut connections = tokio::task::JoinSet::new();
            loop {
                tokio::select! {
                    accepted = self.listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        let (found, expected) = (found.clone(), expected.clone());
                        connections.spawn(async move {
                            let answered =
                                tokio::time::timeout(PER_CONNECTION, answer(stream, port, &expected));
                            if let Ok(Some(url)) = answered.await {
                                let _ = found.send(url).await;
                            }
                        });
                    }
                    Some(url) = arrived.recv() => return url,
                }
            }
        };
        let stopped = async move {
            match stop {
                Some(stop) => stop.notified().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            waited = tokio::time::timeout(timeout, serve) => waited.map_err(|_| Error::OAuthTimeout {
                seconds: timeout.as_secs(),
            }),
            () = stopped => Err(Error::OAuthSuperseded),
        }
    }
}

/// How long one connection may take to send its request.
const PER_CONNECTION: Duration = Duration::from_secs(10);
/// The most of a request Patchbay reads (the request line and headers).
const MAX_REQUEST: u64 = 16 * 1024;

/// Reads one request, answers it, and returns the callback URL when it is the one awaited.
async fn answer(stream: tokio::net::TcpStream, port: u16, expected_state: &str) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read.take(MAX_REQUEST));
    let mut request_line = String::new();
    lines.read_line(&mut request_line).await.ok()?;
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
        && callback::parse(&url).and_then(|cb| cb.state).as_deref() == Some(expected_state);
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
    ours.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_idle_connection_does_not_hold_up_the_real_callback() {
        let loopback = Loopback::bind(None).await.unwrap();
        let port = loopback.port();
        let waiting = tokio::spawn(loopback.wait("the-state", Duration::from_secs(5)));
        // Connects and says nothing, as a port scanner or a preconnect would.
        let _idle = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let mut other = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        other
            .write_all(b"GET /oauth/callback?code=c1&state=the-state HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let url = waiting.await.unwrap().unwrap();
        assert!(
            url.ends_with("/oauth/callback?code=c1&state=the-state"),
            "{url}"
        );
    }

    #[tokio::test]
    async fn a_new_sign_in_takes_over_a_fixed_port_from_an_unfinished_one() {
        let runtime = crate::oauth::Runtime::default();
        let port = Loopback::bind(None).await.unwrap().port();
        let first = Loopback::bind_fixed(port, &runtime).await.unwrap();
        let waiting = tokio::spawn(first.wait("first", Duration::from_secs(30)));
        let second = Loopback::bind_fixed(port, &runtime).await.unwrap();
        assert_eq!(second.port(), port);
        let stopped = waiting.await.unwrap().unwrap_err();
        assert_eq!(stopped.code().as_str(), "oauth.superseded");
    }

    #[tokio::test]
    async fn a_callback_with_another_state_is_answered_and_the_wait_goes_on() {
        let loopback = Loopback::bind(None).await.unwrap();
        let port = loopback.port();
        let waiting = tokio::spawn(loopback.wait("mine", Duration::from_secs(5)));
        let mut forged = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        forged
            .write_all(b"GET /oauth/callback?code=x&state=forged HTTP/1.1\r\n\r\n")
            .await
            .unwrap();
        let mut reply = String::new();
        tokio::io::AsyncReadExt::read_to_string(&mut forged, &mut reply)
            .await
            .unwrap();
        assert!(reply.starts_with("HTTP/1.1 400"), "{reply}");
        let mut real = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        real.write_all(b"GET /oauth/callback?code=y&state=mine HTTP/1.1\r\n\r\n")
            .await
            .unwrap();
        assert!(waiting.await.unwrap().unwrap().contains("code=y"));
    }
}
