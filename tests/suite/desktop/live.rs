//! Live rehearsals: each of the six platforms connected in *live* mode from the window, with
//! its endpoints pointed at `patchbay sandbox serve`, through the route a real user of that
//! platform takes, and synced right after it connects.

use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::webdriver::Session;
use patchbay_tests::workspace::TestWorkspace;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RELAY: &str = "https://relay.example.test/patchbay-relay.html";

/// `patchbay sandbox serve` on a free port, stopped when dropped.
struct Served(Child, String);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(ws: &TestWorkspace) -> Served {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = ws
        .cli()
        .args(["sandbox", "serve", "--port", &port.to_string()])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "sandbox serve did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    Served(child, format!("http://127.0.0.1:{port}"))
}

#[allow(clippy::disallowed_methods)]
fn browser(follow: bool) -> reqwest::blocking::Client {
    let policy = if follow {
        reqwest::redirect::Policy::limited(5)
    } else {
        reqwest::redirect::Policy::none()
    };
    reqwest::blocking::Client::builder()
        .redirect(policy)
        .build()
        .unwrap()
}

/// Adds a live connection whose endpoints are the served sandbox's, through the form.
fn add_live(s: &Session, connector: &str, base: &str) -> String {
    let e = patchbay_sandbox::endpoints(base, connector).unwrap();
    s.click_on(r#"[data-view="connectors"]"#).unwrap();
    s.click_on(&format!(r#"[data-connector="{connector}"]"#))
        .unwrap();
    s.click_on(r#"[data-action="add-connection"]"#).unwrap();
    s.wait_for("#field-mode").unwrap();
    // The sandbox's apps accept any client: let the form fill the client fields, then go live.
    let script = format!(
        "const m = document.getElementById('field-mode'); m.value = 'sandbox'; m.dispatchEvent(new Event('change')); m.value = 'live'; m.dispatchEvent(new Event('change'));
         document.querySelector('details.advanced').open = true;
         document.getElementById('field-authorize_url').value = '{}';
         document.getElementById('field-token_url').value = '{}';
         document.getElementById('field-api_base_url').value = '{}';",
        e.authorize_url, e.token_url, e.api_base_url
    );
    s.execute(&script).unwrap();
    s.click_on(r#"[data-action="save"]"#).unwrap();
    s.wait_until("the new connection", || {
        Ok(s.find_all("[data-connection]")?.into_iter().find_map(|el| {
            let id = s.attribute(&el, "data-connection").ok()??;
            id.contains(connector.split('-').next().unwrap_or(connector))
                .then_some(id)
        }))
    })
    .unwrap()
}

fn forward_deep_link(ws: &TestWorkspace, link: &str) {
    let mut second = Command::new(patchbay_tests::bins::bin("patchbay-desktop"))
        .arg(link)
        .envs(ws.env())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while second.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "the second instance did not exit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn posts(ws: &TestWorkspace, id: &str) -> i64 {
    rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3"))
        .and_then(|db| {
            db.query_row(
                "SELECT count(*) FROM posts WHERE connection_id = ?1",
                [id],
                |r| r.get(0),
            )
        })
        .unwrap_or(0)
}

#[test]
fn each_platform_connects_live_from_the_window_through_its_own_route_and_syncs() {
    let ws = TestWorkspace::new();
    let sandbox = serve(&ws);
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    // Settings → OAuth relay: the HTTPS page Instagram and Facebook return to.
    s.click_on(r#"[data-view="settings"]"#).unwrap();
    s.fill("#relay-url", RELAY).unwrap();
    s.click_on(r#"[data-action="save-relay"]"#).unwrap();
    s.wait_for_text(".toasts", "Relay page address saved")
        .unwrap();
    s.click_on(r#"[data-action="save-relay-page"]"#).unwrap();
    s.wait_for_text(".toasts", "relay.html").unwrap();
    let page = std::fs::read_to_string(ws.data_dir().join("exports/relay.html")).unwrap();
    assert!(
        page.contains("patchbay://oauth/callback"),
        "the relay page forwards to the app"
    );

    let platforms = [
        (
            "x",
            "loopback",
            Some("http://127.0.0.1:8765/oauth/callback"),
        ),
        (
            "reddit",
            "loopback",
            Some("http://127.0.0.1:8766/oauth/callback"),
        ),
        ("youtube", "loopback", None),
        ("tiktok", "loopback", None),
        ("instagram", "relay", Some(RELAY)),
        ("facebook-pages", "relay", Some(RELAY)),
    ];
    for (connector, route, registered) in platforms {
        let id = add_live(s, connector, &sandbox.1);
        let row = format!(r#"[data-connection="{id}"]"#);
        s.click_on(&format!(r#"{row} [data-action="connect"]"#))
            .unwrap();
        let shown = s
            .wait_for_text(&format!(r#"{row} [data-redirect-uri="{route}"]"#), "")
            .unwrap();
        if let Some(registered) = registered {
            assert_eq!(shown, registered, "{connector}: the address to register");
        }
        let picked = s
            .execute(&format!(
                "return document.querySelector('{} [data-route=\"{route}\"] input').checked",
                row.replace('"', "\\\"")
            ))
            .unwrap();
        assert_eq!(
            picked,
            serde_json::json!(true),
            "{connector} defaults to {route}"
        );
        if connector == "x" || connector == "instagram" {
            s.screenshot(&screenshot_path(&format!("connect-dialog-{connector}")))
                .unwrap();
        }
        s.click_on(&format!(r#"{row} [data-action="sign-in"]"#))
            .unwrap();
        let url = s
            .text(&s.wait_for(&format!("{row} [data-authorize-url]")).unwrap())
            .unwrap();
        assert!(
            url.starts_with(&sandbox.1),
            "{connector} signs in at the override: {url}"
        );
        if route == "loopback" {
            let page = browser(true).get(&url).send().unwrap().text().unwrap();
            assert!(
                page.contains("You can close this window"),
                "{connector}: {page}"
            );
        } else {
            // The platform sends the browser to the relay page, whose script forwards the query
            // to patchbay://oauth/callback; the OS hands that link to the app.
            let answer = browser(false).get(&url).send().unwrap();
            let location = answer.headers()["location"].to_str().unwrap().to_owned();
            let (page, query) = location.split_once('?').unwrap();
            assert_eq!(page, RELAY, "{connector} returns to the relay page");
            forward_deep_link(&ws, &format!("patchbay://oauth/callback?{query}"));
        }
        s.wait_for_text(&format!(r#"{row} [data-field="status"]"#), "Active")
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while posts(&ws, &id) == 0 {
            assert!(
                Instant::now() < deadline,
                "{connector}: no sync followed the connection"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        let show: serde_json::Value =
            serde_json::from_slice(&ws.run(&["connections", "show", &id, "--json"]).stdout)
                .unwrap();
        assert_eq!(show["mode"], "live", "{connector} is a live connection");
    }
}
