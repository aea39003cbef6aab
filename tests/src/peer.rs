//! Real third-party servers the tests run on loopback from `tests/oauth-server` (npm): the
//! strict OAuth server and an SMTP server. Each is killed when dropped.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Peer {
    child: Child,
    pub port: u16,
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oauth-server")
}

/// `node tests/oauth-server/<script> PORT ARGS...`, once it listens.
pub fn node(script: &str, args: &[&str]) -> Peer {
    let modules = dir().join("node_modules");
    assert!(
        modules.exists(),
        "{} is missing: run `npm ci` in tests/oauth-server (make test does)",
        modules.display()
    );
    let port = free_port();
    let child = Command::new("node")
        .arg(dir().join(script))
        .arg(port.to_string())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node runs");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{script} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Peer { child, port }
}

/// A real SMTP server (npm smtp-server) with one account; accepted messages go to `messages`.
pub fn smtp(user: &str, password: &str, messages: &std::path::Path) -> Peer {
    node(
        "smtp.mjs",
        &[user, password, &messages.display().to_string()],
    )
}

/// Stoplight Prism mocking `spec` with request validation (npm `@stoplight/prism-cli`): a
/// request that breaks the contract is refused (422, 415 or 401) with the reason in the
/// `sl-violations` header. Loading a large spec takes a few seconds (Discord's about 15).
pub fn prism(spec: &std::path::Path) -> Peer {
    let bin = dir().join("node_modules/.bin/prism");
    assert!(
        bin.exists(),
        "{} is missing: run `npm ci` in tests/oauth-server (make test does)",
        bin.display()
    );
    let port = free_port();
    let child = Command::new(bin)
        .args([
            "mock",
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--seed",
            "7",
        ])
        .arg(spec)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("prism runs");
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "prism did not start for {}",
            spec.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Peer { child, port }
}

/// The contract files in `tests/contracts`.
pub fn contract(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("contracts")
        .join(name)
}
