//! The full code + PKCE + refresh flow through the loopback route, from the `patchbay` command
//! line, against a real third-party OAuth server (oauth2-mock-server, run with Node).

use patchbay_tests::workspace::{TestWorkspace, text};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct MockServer {
    child: Child,
    port: u16,
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_mock_server() -> MockServer {
    start_server(false, false)
}

/// The same server made as strict as a real provider: each refresh rotates the refresh token
/// and revokes the old one (tests/oauth-server/rotating.mjs).
fn start_rotating_server() -> MockServer {
    start_server(true, false)
}

fn start_server(rotating: bool, refuse_revoke: bool) -> MockServer {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("oauth-server");
    let bin = dir.join("node_modules/.bin/oauth2-mock-server");
    assert!(
        bin.exists(),
        "{} is missing: run `npm ci` in tests/oauth-server (make test does)",
        bin.display()
    );
    let mut command = if rotating {
        let mut node = Command::new("node");
        node.arg(dir.join("rotating.mjs")).arg(port.to_string());
        if refuse_revoke {
            node.arg("refuse-revoke");
        }
        node
    } else {
        let mut mock = Command::new(bin);
        mock.args(["-a", "127.0.0.1", "-p", &port.to_string()]);
        mock
    };
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "oauth2-mock-server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    MockServer { child, port }
}

/// A connector for the mock identity provider, installed as a user manifest.
fn manifest(port: u16) -> String {
    format!(
        r#"id = "mock-idp"
name = "Mock IdP"
summary = "A standards OAuth 2.0 server for tests."
description = "oauth2-mock-server on loopback."
category = "developer"
status = "beta"
publisher = "Patchbay tests"
docs_url = "https://www.rfc-editor.org/rfc/rfc6749"

[auth]
type = "oauth2"
authorize_url = "http://127.0.0.1:{port}/authorize"
token_url = "http://127.0.0.1:{port}/token"
revoke_url = "http://127.0.0.1:{port}/revoke"
scopes = ["openid", "profile", "offline_access"]
pkce = "s256"
token_auth = "client_secret_post"
redirect_styles = ["loopback"]
client_id_field = "client_id"
client_secret_field = "client_secret"

[[config]]
name = "client_id"
label = "Client ID"
kind = "text"
required = true

[[config]]
name = "client_secret"
label = "Client secret"
kind = "secret"
required = true

[api]
base_url = "http://127.0.0.1:{port}"

[verify]
path = "/userinfo"
identity = {{ id = "/sub" }}
"#
    )
}

/// Adds a connection to `server` and connects it through `patchbay connect`, playing the
/// browser; returns its id.
fn connect_from_the_cli(ws: &TestWorkspace, server: &MockServer) -> String {
    let connectors = ws.data_dir().join("connectors");
    std::fs::create_dir_all(&connectors).unwrap();
    std::fs::write(connectors.join("mock-idp.toml"), manifest(server.port)).unwrap();

    let mut add = ws
        .cli()
        .args([
            "connections",
            "add",
            "mock-idp",
            "--name",
            "Mock",
            "--set",
            "client_id=patchbay-test",
            "--secret",
            "client_secret",
            "--json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"mock-client-secret-value\n")
        .unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(added.status.success(), "{:?}", text(&added));
    let id = serde_json::from_slice::<serde_json::Value>(&added.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // `patchbay connect` prints the authorize URL and waits on its loopback listener.
    let mut connect = ws
        .cli()
        .args(["connect", &id, "--no-browser", "--timeout", "60"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(connect.stdout.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map(Result::unwrap)
        .find(|l| l.starts_with("http://127.0.0.1"))
        .expect("the authorize URL is printed");
    assert!(
        url.contains("code_challenge=") && url.contains("code_challenge_method=S256"),
        "{url}"
    );
    // Act as the browser: the mock server redirects to the loopback listener with a code.
    #[allow(clippy::disallowed_methods)]
    let browser = reqwest::blocking::Client::builder().build().unwrap();
    let page = browser.get(&url).send().unwrap();
    assert!(page.status().is_success(), "{}", page.status());
    assert!(page.text().unwrap().contains("You can close this window"));
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    let status = connect.wait().unwrap();
    assert!(status.success(), "connect failed: {rest:?}");
    assert!(
        rest.iter().any(|l| l.contains("Connected Mock")),
        "{rest:?}"
    );
    id
}

#[test]
fn connect_refresh_and_disconnect_against_a_real_oauth_server_from_the_cli() {
    let server = start_mock_server();
    let ws = TestWorkspace::new();
    let id = connect_from_the_cli(&ws, &server);

    let show: serde_json::Value =
        serde_json::from_slice(&ws.run(&["connections", "show", &id, "--json"]).stdout).unwrap();
    assert_eq!(show["status"], "active");
    assert!(
        show["secrets"]["access_token"].is_string() && show["secrets"]["refresh_token"].is_string()
    );
    assert!(show["token_expires_at"].is_string());

    let refreshed = ws.run(&["connections", "refresh", &id]);
    assert!(refreshed.status.success(), "{:?}", text(&refreshed));
    assert!(text(&refreshed).0.contains("Refreshed the token"));

    let disconnected = ws.run(&["disconnect", &id]);
    assert!(disconnected.status.success(), "{:?}", text(&disconnected));
    assert!(
        text(&disconnected).0.contains("revoked"),
        "{:?}",
        text(&disconnected)
    );
    let show: serde_json::Value =
        serde_json::from_slice(&ws.run(&["connections", "show", &id, "--json"]).stdout).unwrap();
    assert_eq!(show["status"], "inactive");
    assert!(show["secrets"].get("access_token").is_none());
}

#[test]
fn two_processes_refreshing_a_rotating_token_at_once_keep_the_connection_alive() {
    let server = start_rotating_server();
    let ws = TestWorkspace::new();
    let id = connect_from_the_cli(&ws, &server);
    for round in 0..20 {
        // The desktop app and a terminal (or two terminals) refresh at the same moment. Each
        // refresh spends the stored refresh token; the server refuses a spent one.
        let a = ws
            .cli()
            .args(["connections", "refresh", &id])
            .output_async();
        let b = ws
            .cli()
            .args(["connections", "refresh", &id])
            .output_async();
        for (who, output) in [("first", a.wait()), ("second", b.wait())] {
            assert!(
                output.status.success(),
                "round {round}, {who} process: {:?}",
                text(&output)
            );
        }
        let show: serde_json::Value =
            serde_json::from_slice(&ws.run(&["connections", "show", &id, "--json"]).stdout)
                .unwrap();
        assert_eq!(show["status"], "active", "round {round}: {show}");
    }
}

/// A child process whose output is collected when it ends.
trait OutputAsync {
    fn output_async(&mut self) -> Running;
}

struct Running(Child);

impl Running {
    fn wait(self) -> std::process::Output {
        self.0.wait_with_output().unwrap()
    }
}

impl OutputAsync for Command {
    fn output_async(&mut self) -> Running {
        Running(
            self.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        )
    }
}

#[test]
fn a_refused_revoke_is_said_as_such_and_the_tokens_still_leave() {
    let server = start_server(true, true);
    let ws = TestWorkspace::new();
    let id = connect_from_the_cli(&ws, &server);
    let disconnected = ws.run(&["disconnect", &id]);
    assert!(disconnected.status.success(), "{:?}", text(&disconnected));
    let (out, _) = text(&disconnected);
    assert!(out.contains("not revoked at Mock IdP"), "{out}");
    let show: serde_json::Value =
        serde_json::from_slice(&ws.run(&["connections", "show", &id, "--json"]).stdout).unwrap();
    assert_eq!(show["status"], "inactive");
    assert!(show["secrets"].get("access_token").is_none());
    assert!(show["secrets"].get("refresh_token").is_none());
    assert!(
        show["status_message"]
            .as_str()
            .unwrap()
            .contains("connected apps"),
        "{show}"
    );
}
