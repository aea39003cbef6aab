use patchbay_tests::http_stub::{Reply, StubServer};
use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Output, Stdio};

const TOKEN: &str = concat!("xo", "xb-1111-2222-VerySecretBotToken");

fn run_with_stdin(ws: &TestWorkspace, args: &[&str], stdin: &str) -> Output {
    ws.run_with_stdin(args, stdin)
}

/// Adds a Slack connection whose API is `base`; returns its id.
fn add_slack(ws: &TestWorkspace, base: &str) -> String {
    let set = format!("api_base_url={base}");
    let output = run_with_stdin(
        ws,
        &[
            "connections",
            "add",
            "slack",
            "--name",
            "Acme Slack",
            "--set",
            &set,
            "--secret",
            "bot_token",
            "--json",
        ],
        &format!("{TOKEN}\n"),
    );
    assert!(output.status.success(), "{:?}", text(&output));
    let view: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(view["secrets"]["bot_token"], "xoxb…oken");
    view["id"].as_str().unwrap().to_owned()
}

fn verify(ws: &TestWorkspace, id: &str) -> (i32, Value) {
    let output = ws.run(&["connections", "verify", id, "--json"]);
    let report: Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{:?}", text(&output)));
    (output.status.code().unwrap(), report)
}

#[test]
fn add_reads_the_secret_from_stdin_and_never_prints_it() {
    let ws = TestWorkspace::new();
    let id = add_slack(&ws, "http://127.0.0.1:9");
    let output = ws.run(&["connections", "show", &id]);
    let (out, err) = text(&output);
    assert!(out.contains("xoxb…oken"), "{out}");
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN));
    let list = ws.run(&["connections", "list", "--json"]);
    assert!(!String::from_utf8_lossy(&list.stdout).contains("VerySecret"));
}

#[test]
fn a_secret_on_the_command_line_is_refused_before_anything_is_stored() {
    let ws = TestWorkspace::new();
    let output = ws.run(&[
        "connections",
        "add",
        "slack",
        "--name",
        "Oops",
        "--set",
        &format!("bot_token={TOKEN}"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let (_, err) = text(&output);
    assert!(err.contains("never taken from the command line"), "{err}");
    assert!(err.contains("--secret bot_token"), "{err}");
    assert!(!err.contains(TOKEN));
    let (out, _) = text(&ws.run(&["connections", "list"]));
    assert!(out.contains("No connections yet"), "{out}");
}

#[test]
fn invalid_settings_list_each_field() {
    let ws = TestWorkspace::new();
    let output = run_with_stdin(
        &ws,
        &[
            "connections",
            "add",
            "slack",
            "--name",
            "Bad",
            "--secret",
            "bot_token",
        ],
        concat!("xo", "xp-not-a-bot-token\n"),
    );
    assert_eq!(output.status.code(), Some(1));
    let (_, err) = text(&output);
    assert!(err.contains("bot_token: Bot token must match"), "{err}");
    assert!(err.contains("error[connection.invalid_config]"), "{err}");
    assert!(!err.contains(concat!("xo", "xp-not-a-bot-token")));
}

#[test]
fn verify_succeeds_against_a_server_that_accepts_the_token_and_records_the_account() {
    let server = StubServer::start(|req| {
        if req.headers.get("authorization").map(String::as_str) == Some(&format!("Bearer {TOKEN}"))
        {
            Reply::json(
                200,
                json!({"ok": true, "user_id": "U123", "user": "patchbay-bot", "team": "Acme"}),
            )
        } else {
            Reply::json(200, json!({"ok": false, "error": "invalid_auth"}))
        }
    });
    let ws = TestWorkspace::new();
    let id = add_slack(&ws, &server.url());
    let (code, report) = verify(&ws, &id);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["outcome"], "verified");
    assert_eq!(report["connection"]["status"], "active");
    assert_eq!(report["connection"]["account_id"], "U123");
    assert_eq!(report["connection"]["account_handle"], "patchbay-bot");
    assert!(report["connection"]["last_verified_at"].is_string());
    let sent = server.received();
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].target, "/auth.test");
}

#[test]
fn verify_turns_each_failure_into_its_status_and_sentence() {
    let cases: [(u16, Value, &str, &str, &str); 5] = [
        (
            200,
            json!({"ok": false, "error": "invalid_auth"}),
            "credentials_rejected",
            "error",
            "Slack rejected the bot token",
        ),
        (
            401,
            json!({"ok": false, "error": "not_authed"}),
            "credentials_rejected",
            "error",
            "No token reached Slack",
        ),
        (
            403,
            json!({"ok": false, "error": "missing_scope"}),
            "scope_missing",
            "error",
            "refused access: a permission (scope) is missing",
        ),
        (
            429,
            json!({"ok": false, "error": "ratelimited"}),
            "rate_limited",
            "error",
            "asks to wait 30 s",
        ),
        (
            500,
            json!({}),
            "server_error",
            "error",
            "server error (500); the problem is on their side",
        ),
    ];
    for (status, body, outcome, conn_status, sentence) in cases {
        let server = StubServer::start(move |_| {
            Reply::json(status, body.clone()).header("Retry-After", "30")
        });
        let ws = TestWorkspace::new();
        let id = add_slack(&ws, &server.url());
        let (code, report) = verify(&ws, &id);
        assert_eq!(code, 1, "{status}: {report}");
        assert_eq!(report["outcome"], outcome, "{status}: {report}");
        assert_eq!(report["http_status"], status);
        assert_eq!(report["connection"]["status"], conn_status);
        let message = report["message"].as_str().unwrap();
        assert!(message.contains(sentence), "{status}: {message}");
        assert!(!message.contains(TOKEN));
        assert_eq!(report["connection"]["status_message"], message);
    }
}

#[test]
fn verify_against_a_closed_port_says_the_host_is_unreachable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ws = TestWorkspace::new();
    let id = add_slack(&ws, &format!("http://127.0.0.1:{port}"));
    let (code, report) = verify(&ws, &id);
    assert_eq!(code, 1);
    assert_eq!(report["outcome"], "unreachable");
    assert!(
        report["message"]
            .as_str()
            .unwrap()
            .contains("Could not reach 127.0.0.1"),
        "{report}"
    );
    assert_eq!(report["connection"]["status"], "error");
}

#[test]
fn update_replaces_a_secret_from_stdin_and_remove_deletes_it() {
    let ws = TestWorkspace::new();
    let id = add_slack(&ws, "http://127.0.0.1:9");
    let output = run_with_stdin(
        &ws,
        &[
            "connections",
            "update",
            &id,
            "--secret",
            "bot_token",
            "--json",
        ],
        concat!("xo", "xb-9999-0000-RotatedBotToken\n"),
    );
    assert!(output.status.success(), "{:?}", text(&output));
    let view: Value = serde_json::from_slice(&output.stdout).unwrap();
    // The rotated token is shorter: only its last four characters show.
    assert_eq!(view["secrets"]["bot_token"], "…oken");
    assert_eq!(view["overrides"]["api_base_url"], "http://127.0.0.1:9");

    let output = ws.run(&["connections", "remove", &id]);
    assert!(output.status.success());
    let (out, _) = text(&output);
    assert!(
        out.contains("secrets were deleted and its synced history was kept"),
        "{out}"
    );
    let db = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    let left: i64 = db
        .query_row("SELECT count(*) FROM secrets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn the_passphrase_fallback_works_without_any_keyring() {
    let ws = TestWorkspace::new();
    let add = |passphrase: Option<&str>| {
        let mut cmd = ws.cli();
        cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        match passphrase {
            Some(p) => cmd.env("PATCHBAY_VAULT_PASSPHRASE", p),
            None => cmd.env_remove("PATCHBAY_VAULT_PASSPHRASE"),
        };
        cmd.args([
            "connections",
            "add",
            "slack",
            "--name",
            "Server Slack",
            "--secret",
            "bot_token",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{TOKEN}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let none = add(None);
    assert_eq!(none.status.code(), Some(1));
    let (_, err) = text(&none);
    assert!(err.contains("error[vault.unavailable]"), "{err}");
    assert!(
        err.contains("OS keyring") && err.contains("PATCHBAY_VAULT_PASSPHRASE"),
        "{err}"
    );

    let ok = add(Some("a long server passphrase"));
    assert!(ok.status.success(), "{:?}", text(&ok));
    assert!(text(&ok).0.contains("xoxb…oken"));

    let wrong = add(Some("not the passphrase"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong).1.contains("error[vault.key_mismatch]"));
}

/// A server that answers every request with an endless chunked body (1 GiB if anyone read it).
fn endless_server() -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut request = [0u8; 8192];
                let _ = stream.read(&mut request);
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
                if stream.write_all(head.as_bytes()).is_err() {
                    return;
                }
                let chunk = [b' '; 64 * 1024];
                let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
                for _ in 0..(1 << 30) / chunk.len() {
                    if stream.write_all(&frame).is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

/// The most memory the process `pid` has held so far, in KiB (Linux).
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[cfg(target_os = "linux")]
#[test]
fn verify_against_a_server_sending_a_gigabyte_stops_at_the_cap_and_stays_small() {
    let port = endless_server();
    let ws = TestWorkspace::new();
    let id = add_slack(&ws, &format!("http://127.0.0.1:{port}"));
    let child = ws
        .cli()
        .args(["connections", "verify", &id, "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0;
    let watcher = std::thread::spawn(move || {
        while let Some(kib) = peak_kib(pid) {
            peak = peak.max(kib);
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        peak
    });
    let output = child.wait_with_output().unwrap();
    let peak = watcher.join().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        report["message"]
            .as_str()
            .unwrap()
            .contains("larger than 8 MB"),
        "{report}"
    );
    assert!(
        peak > 0 && peak < 200 * 1024,
        "peak memory {} MiB",
        peak / 1024
    );
}

#[test]
fn processes_opening_a_new_data_dir_at_once_agree_on_its_id_and_key() {
    let ws = TestWorkspace::new();
    // Six terminals add a connection to a data directory nobody has used yet, each unlocking
    // the vault (with a passphrase) for the first time.
    let children: Vec<_> = (0..6)
        .map(|i| {
            let mut child = ws
                .cli()
                .env("PATCHBAY_VAULT_PASSPHRASE", "first-use-passphrase")
                .args([
                    "connections",
                    "add",
                    "slack",
                    "--name",
                    &format!("Slack {i}"),
                    "--secret",
                    "bot_token",
                    "--json",
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let token = format!("xoxb-{i}{i}{i}{i}-first-use-token-number-{i}\n");
            child
                .stdin
                .take()
                .unwrap()
                .write_all(token.as_bytes())
                .unwrap();
            (i, child)
        })
        .collect();
    let mut ids = Vec::new();
    for (i, child) in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "process {i}: {:?}", text(&output));
        let view: Value = serde_json::from_slice(&output.stdout).unwrap();
        ids.push((i, view["id"].as_str().unwrap().to_owned()));
    }
    // One workspace, one key: every secret opens.
    let workspace = patchbay_core::Workspace::open(&ws.data_dir()).unwrap();
    let vault = patchbay_core::vault::Vault::unlock(
        workspace.database(),
        workspace.id(),
        Some(patchbay_core::vault::Secret::new("first-use-passphrase")),
    )
    .unwrap();
    for (i, id) in ids {
        let token = vault
            .get(&workspace.database().lock(), &id, "bot_token")
            .unwrap_or_else(|e| panic!("process {i}'s secret does not open: {e}"))
            .unwrap();
        assert_eq!(
            token.expose(),
            format!("xoxb-{i}{i}{i}{i}-first-use-token-number-{i}")
        );
    }
}
