use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::webdriver::Session;
use patchbay_tests::workspace::TestWorkspace;
use std::time::{Duration, Instant};

/// Adds a sandbox TikTok connection through the form (sandbox mode fills the client fields).
pub(crate) fn add_sandbox_tiktok(s: &Session) {
    s.click_on(r#"[data-connector="tiktok"]"#).unwrap();
    s.click_on(r#"[data-action="add-connection"]"#).unwrap();
    let mode = s.wait_for("#field-mode").unwrap();
    s.click(&mode).unwrap();
    s.click_on(r#"#field-mode option[value="sandbox"]"#)
        .unwrap();
    s.execute("document.getElementById('field-mode').dispatchEvent(new Event('change'))")
        .unwrap();
    s.wait_for_text("form", "TikTok").unwrap();
    s.wait_until("the client key filled in", || {
        let el = s.find("#field-client_key")?;
        Ok(match el {
            Some(el) => s
                .execute("return document.getElementById('field-client_key').value")?
                .as_str()
                .filter(|v| !v.is_empty())
                .map(|_| el),
            None => None,
        })
    })
    .unwrap();
    s.click_on(r#"[data-action="save"]"#).unwrap();
    s.wait_for_text(r#"[data-field="status"]"#, "Not verified")
        .unwrap();
}

#[allow(clippy::disallowed_methods)]
pub(crate) fn browser(follow: bool) -> reqwest::blocking::Client {
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

#[test]
fn connect_a_sandbox_account_through_the_loopback_route_and_see_token_health() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    add_sandbox_tiktok(s);

    s.click_on(r#"[data-action="connect"]"#).unwrap();
    s.click_on(r#"[data-action="sign-in"]"#).unwrap();
    s.wait_for_text(".waiting", "Waiting for you to sign in")
        .unwrap();
    let url = s
        .text(&s.wait_for("[data-authorize-url]").unwrap())
        .unwrap();
    assert!(
        url.contains("client_key=") && url.contains("code_challenge="),
        "{url}"
    );
    s.screenshot(&screenshot_path("oauth-waiting")).unwrap();

    // The browser signs in; the sandbox redirects to the app's loopback listener.
    let page = browser(true).get(&url).send().unwrap();
    assert!(page.text().unwrap().contains("You can close this window"));

    s.wait_for_text("[data-toast]", "Connected as maya_tiktok1")
        .unwrap();
    s.wait_for_text(r#"[data-field="status"]"#, "Active")
        .unwrap();
    s.wait_for_text(r#"[data-field="token-health"]"#, "Token expires in")
        .unwrap();
    s.wait_for_text(r#"[data-field="token-health"]"#, "video.list")
        .unwrap();
    s.screenshot(&screenshot_path("oauth-connected")).unwrap();
    s.wait_for_text(r#"[data-field="next-sync"]"#, "Next sync")
        .unwrap();
    s.wait_for_text(r#"[data-field="schedule"]"#, "every 6 h (default)")
        .unwrap();

    // Reconnect, but sign in as another account: the window asks before anything changes.
    s.click_on(r#"[data-action="connect"]"#).unwrap();
    s.click_on(r#"[data-action="sign-in"]"#).unwrap();
    let url = s
        .text(&s.wait_for("[data-authorize-url]").unwrap())
        .unwrap();
    browser(true)
        .get(format!("{url}&login_hint=1"))
        .send()
        .unwrap();
    s.wait_for_text("[data-replace]", "leo_tiktok2").unwrap();
    s.wait_for_text(r#"[data-field="account"]"#, "maya_tiktok1")
        .unwrap();
    s.screenshot(&screenshot_path("oauth-replace-question"))
        .unwrap();
    s.click_on(r#"[data-action="confirm-replace"]"#).unwrap();
    s.wait_for_text(r#"[data-field="account"]"#, "leo_tiktok2")
        .unwrap();
}

#[test]
fn a_deep_link_forwarded_by_a_second_instance_finishes_the_flow() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    add_sandbox_tiktok(s);
    let id = s
        .attribute(&s.wait_for("[data-connection]").unwrap(), "data-connection")
        .unwrap()
        .unwrap();

    // Start the flow with the deep-link route, the way the window does.
    let script = format!(
        "const done = arguments[arguments.length - 1]; window.__TAURI_INTERNALS__.invoke('start_connect', {{ id: '{id}', style: 'deep-link' }}).then(r => done(r.url), e => done('ERR ' + JSON.stringify(e)));"
    );
    let url = s
        .execute_async(&script)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        url.contains("redirect_uri=patchbay%3A%2F%2Foauth%2Fcallback"),
        "{url}"
    );

    // The browser ends on patchbay://oauth/callback?code=…&state=…
    let resp = browser(false).get(&url).send().unwrap();
    let deep_link = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        deep_link.starts_with("patchbay://oauth/callback?"),
        "{deep_link}"
    );

    // The OS starts a second instance with the link; it forwards it to the running app and exits.
    let mut second = std::process::Command::new(patchbay_tests::bins::bin("patchbay-desktop"))
        .arg(&deep_link)
        .envs(ws.env())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = second.try_wait().unwrap() {
            assert!(
                status.success(),
                "the second instance exits cleanly after forwarding"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the second instance did not exit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    s.wait_for_text("[data-toast]", "Connected as maya_tiktok1")
        .unwrap();
    let show: serde_json::Value =
        serde_json::from_slice(&ws.run(&["connections", "show", &id, "--json"]).stdout).unwrap();
    assert_eq!(show["status"], "active");
    assert_eq!(show["account_handle"], "maya_tiktok1");
}
