//! Sign-in routes from the command line: a platform's registered loopback port, and a clear
//! sentence when something else holds it; sandbox mode only where an emulator exists.

use patchbay_tests::peer::free_port;
use patchbay_tests::workspace::{TestWorkspace, text};

/// A user connector that registered `port`, as X (8765) and Reddit (8766) do.
fn manifest(port: u16) -> String {
    format!(
        r#"id = "fixed-port"
name = "Fixed Port"
summary = "A platform that matches the redirect exactly."
description = "For tests."
category = "developer"
status = "beta"
publisher = "Patchbay tests"
docs_url = "https://www.rfc-editor.org/rfc/rfc8252"

[auth]
type = "oauth2"
authorize_url = "https://auth.example.com/authorize"
token_url = "https://auth.example.com/token"
scopes = ["read"]
pkce = "s256"
token_auth = "none"
redirect_styles = ["loopback", "paste"]
loopback_port = {port}
client_id_field = "client_id"

[[config]]
name = "client_id"
label = "Client ID"
kind = "text"
required = true
"#
    )
}

#[test]
fn a_registered_port_held_by_another_program_is_named_with_what_to_do() {
    let ws = TestWorkspace::new();
    let port = free_port();
    let connectors = ws.data_dir().join("connectors");
    std::fs::create_dir_all(&connectors).unwrap();
    std::fs::write(connectors.join("fixed-port.toml"), manifest(port)).unwrap();
    let added = ws.run(&[
        "connections",
        "add",
        "fixed-port",
        "--name",
        "Fixed",
        "--set",
        "client_id=abc",
        "--json",
    ]);
    assert!(added.status.success(), "{:?}", text(&added));
    let id = serde_json::from_slice::<serde_json::Value>(&added.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Free: the sign-in listens on the registered port, whatever else is free.
    let started = ws.run(&["connect", &id, "--no-browser", "--timeout", "1"]);
    let (out, _) = text(&started);
    assert!(
        out.contains(&format!(
            "redirect_uri=http%3A%2F%2F127.0.0.1%3A{port}%2Foauth%2Fcallback"
        )),
        "{out}"
    );

    // Held by another program: a sentence, and nothing half-started.
    let _holder = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let busy = ws.run(&["connect", &id, "--no-browser", "--timeout", "1"]);
    assert_eq!(busy.status.code(), Some(1));
    let (_, err) = text(&busy);
    assert!(
        err.contains(&format!("Port {port} on 127.0.0.1 is taken")),
        "{err}"
    );
    assert!(err.contains("use the paste route"), "{err}");
    assert!(err.contains("error[oauth.port_busy]"), "{err}");
}

#[test]
fn sandbox_mode_is_refused_for_a_connector_without_an_emulator() {
    let ws = TestWorkspace::new();
    let out = ws.run_with_stdin(
        &[
            "connections",
            "add",
            "google-ads",
            "--name",
            "S",
            "--mode",
            "sandbox",
            "--set",
            "client_id=1-ads.apps.googleusercontent.com",
            "--secret",
            "client_secret",
            "--secret",
            "developer_token",
        ],
        "ads-secret\nads-developer-token\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let (_, err) = text(&out);
    assert!(err.contains("Google Ads has no sandbox yet"), "{err}");
    let (list, _) = text(&ws.run(&["connections", "list"]));
    assert!(
        !list.contains(" S\n") && !list.contains("google-ads"),
        "nothing stored: {list}"
    );
}
