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

/// A certificate authority and a `localhost` certificate it signed, made with openssl for one
/// test: `ca.pem` is what a client trusts (`SSL_CERT_FILE`), `key.pem` and `cert.pem` what the
/// server presents.
#[derive(Debug)]
pub struct Tls {
    pub ca: PathBuf,
    pub key: PathBuf,
    pub cert: PathBuf,
}

pub fn tls(dir: &std::path::Path) -> Tls {
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    std::fs::write(
        dir.join("leaf.ext"),
        "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .expect("the extension file is written");
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Patchbay test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "key.pem",
        "-out",
        "leaf.csr",
    ]);
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
        "-out",
        "cert.pem",
    ]);
    Tls {
        ca: dir.join("ca.pem"),
        key: dir.join("key.pem"),
        cert: dir.join("cert.pem"),
    }
}

/// A real SMTP server that offers STARTTLS with `tls`'s certificate and refuses AUTH before it.
pub fn smtp_starttls(user: &str, password: &str, messages: &std::path::Path, tls: &Tls) -> Peer {
    node(
        "smtp.mjs",
        &[
            user,
            password,
            &messages.display().to_string(),
            &tls.key.display().to_string(),
            &tls.cert.display().to_string(),
        ],
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
