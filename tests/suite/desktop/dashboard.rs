use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::webdriver::Session;
use patchbay_tests::workspace::TestWorkspace;

#[allow(clippy::disallowed_methods)]
fn sign_in(url: &str) {
    let browser = reqwest::blocking::Client::builder().build().unwrap();
    assert!(
        browser
            .get(url)
            .send()
            .unwrap()
            .text()
            .unwrap()
            .contains("You can close this window")
    );
}

/// Gallery → add a sandbox account → Connect through OAuth → back in the Connections view.
/// Adds a sandbox connection and signs in; the sync that follows a sign-in starts at once.
fn add_and_sign_in(s: &Session, connector: &str) -> String {
    s.click_on(r#"[data-view="connectors"]"#).unwrap();
    s.click_on(&format!(r#"[data-connector="{connector}"]"#))
        .unwrap();
    s.click_on(r#"[data-action="add-connection"]"#).unwrap();
    s.wait_for("#field-mode").unwrap();
    s.execute("const m = document.getElementById('field-mode'); m.value = 'sandbox'; m.dispatchEvent(new Event('change'));").unwrap();
    s.click_on(r#"[data-action="save"]"#).unwrap();
    let row = s.wait_for("[data-connection]").unwrap();
    let id = s.attribute(&row, "data-connection").unwrap().unwrap();
    s.click_on(&format!(
        r#"[data-connection="{id}"] [data-action="connect"]"#
    ))
    .unwrap();
    s.click_on(&format!(
        r#"[data-connection="{id}"] [data-action="sign-in"]"#
    ))
    .unwrap();
    let url = s
        .text(&s.wait_for("[data-authorize-url]").unwrap())
        .unwrap();
    sign_in(&url);
    id
}

fn add_and_connect(s: &Session, connector: &str) -> String {
    let id = add_and_sign_in(s, connector);
    s.wait_for_text(
        &format!(r#"[data-connection="{id}"] [data-field="status"]"#),
        "Active",
    )
    .unwrap();
    id
}

#[test]
fn main_path_connect_a_sandbox_instagram_sync_and_see_its_numbers() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    // The Overview of a fresh workspace says what to do.
    s.click_on(r#"[data-view="overview"]"#).unwrap();
    s.wait_for_text(".overview", "Connect an account to see analytics")
        .unwrap();
    s.screenshot(&screenshot_path("overview-empty")).unwrap();

    let id = add_and_connect(s, "instagram");
    // The first sync starts by itself once the account connects; let it finish.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while serde_json::from_slice::<serde_json::Value>(
        &ws.run(&["connections", "show", &id, "--json"]).stdout,
    )
    .map(|v| v["last_synced_at"].is_null())
    .unwrap_or(true)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the first sync never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }

    s.click_on(r#"[data-view="overview"]"#).unwrap();
    s.click_on(r#"[data-action="sync-all"]"#).unwrap();
    s.wait_for_text("[data-toast]", "Synced 1 account").unwrap();
    let card = s.wait_for(&format!(r#"[data-account="{id}"]"#)).unwrap();
    s.screenshot(&screenshot_path("overview")).unwrap();
    s.click(&card).unwrap();

    // The Account view: a follower chart with a line, and the top posts with the sandbox's numbers.
    s.wait_for(r#"[data-chart="followers"] svg polyline"#)
        .unwrap();
    s.wait_for(r#"[data-chart="heatmap"] svg rect"#).unwrap();
    // Every chart can be kept as a picture.
    s.click_on(r#"[data-chart="followers"] [data-action="save-png"]"#)
        .unwrap();
    let saved = s
        .wait_for_text("[data-toast] .toast-message", "Chart saved to")
        .unwrap();
    let path = saved
        .trim()
        .trim_start_matches("Chart saved to")
        .trim()
        .to_owned();
    assert!(
        std::fs::read(&path).unwrap().starts_with(b"\x89PNG"),
        "{path}"
    );
    s.click_on(r#"[data-chart="heatmap"] [data-action="save-svg"]"#)
        .unwrap();
    s.wait_until("the SVG is saved", || {
        Ok(std::fs::read_dir(ws.data_dir().join("exports/charts"))?
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "svg"))
            .then_some(()))
    })
    .unwrap();
    let rows = s.find_all(r#"[data-table="top-posts"] tbody tr"#).unwrap();
    assert_eq!(rows.len(), 10);
    // Thumbnails come from this machine (media://), not from the platform's CDN.
    s.wait_until("a stored thumbnail shows", || {
        Ok(s.execute("const img = document.querySelector('img[data-thumbnail]'); return img && img.complete && img.naturalWidth > 0 ? img.src : null;")?
            .as_str()
            .map(str::to_owned))
    })
    .map(|src| assert!(src.starts_with("media:") || src.starts_with("http://media.localhost"), "{src}"))
    .unwrap();
    let report: Vec<serde_json::Value> = serde_json::from_slice(
        &ws.run(&[
            "report",
            "posts",
            "--connection",
            &id,
            "--days",
            "30",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    let best = &report[0];
    let first_row = s
        .find(r#"[data-table="top-posts"] tbody tr"#)
        .unwrap()
        .unwrap();
    assert_eq!(
        s.attribute(&first_row, "data-post").unwrap().as_deref(),
        best["platform_id"].as_str()
    );
    let views = s
        .find(r#"[data-table="top-posts"] tbody tr [data-metric="views"]"#)
        .unwrap()
        .unwrap();
    assert_eq!(
        s.attribute(&views, "title").unwrap().unwrap(),
        best["views"].to_string()
    );
    let followers = s
        .text(&s.wait_for(r#"[data-kpi="followers"]"#).unwrap())
        .unwrap();
    assert!(!followers.is_empty() && followers != "—", "{followers}");
    s.screenshot(&screenshot_path("account")).unwrap();

    s.click_on(r#"[data-view="sync-log"]"#).unwrap();
    s.wait_for_text(r#"[data-table="sync-log"]"#, "posts")
        .unwrap();
    s.screenshot(&screenshot_path("sync-log")).unwrap();
    s.click_on(r#"[data-view="connections"]"#).unwrap();
    s.wait_for(r#"[data-field="token-health"]"#).unwrap();
    s.screenshot(&screenshot_path("connections-health"))
        .unwrap();
}

#[test]
fn reauth_path_a_refused_refresh_shows_a_badge_and_reconnect_fixes_it() {
    let ws = TestWorkspace::new();
    std::fs::create_dir_all(ws.data_dir()).unwrap();
    // The second user-info call (the first sync) is refused, and so is the refresh after it.
    std::fs::write(
        ws.data_dir().join("sandbox-faults.toml"),
        "[[faults]]\nplatform = \"tiktok\"\npath_contains = \"/user/info/\"\nkind = \"expired_token\"\nafter = 1\ntimes = 1\n\n[[faults]]\nplatform = \"tiktok\"\npath_contains = \"/oauth/token/refresh\"\nkind = \"invalid_grant\"\ntimes = 1\n",
    )
    .unwrap();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    // The sync that follows the sign-in meets the refused token and the refused refresh.
    let id = add_and_sign_in(s, "tiktok");
    s.wait_for_text(
        &format!(r#"[data-connection="{id}"] [data-field="status"]"#),
        "Needs reconnect",
    )
    .unwrap();
    s.screenshot(&screenshot_path("reauth-badge")).unwrap();

    s.click_on(&format!(
        r#"[data-connection="{id}"] [data-action="connect"]"#
    ))
    .unwrap();
    s.click_on(&format!(
        r#"[data-connection="{id}"] [data-action="sign-in"]"#
    ))
    .unwrap();
    let url = s
        .text(&s.wait_for("[data-authorize-url]").unwrap())
        .unwrap();
    sign_in(&url);
    s.wait_for_text(
        &format!(r#"[data-connection="{id}"] [data-field="status"]"#),
        "Active",
    )
    .unwrap();
}

#[test]
fn settings_save_preferences_show_the_vault_and_export_a_connection() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    s.click_on(r#"[data-view="settings"]"#).unwrap();
    s.wait_for_text(r#"[data-vault="keyring"]"#, "OS keyring")
        .unwrap();
    let interval = s.wait_for("#pref-interval").unwrap();
    s.clear(&interval).unwrap();
    s.type_text(&interval, "12").unwrap();
    s.click_on("#pref-sandbox").unwrap();
    s.click_on(r#"[data-action="save-preferences"]"#).unwrap();
    s.wait_for_text("[data-toast]", "Settings saved").unwrap();
    s.screenshot(&screenshot_path("settings")).unwrap();

    // New connections now start in sandbox mode, with the client fields filled in.
    s.click_on(r#"[data-view="connectors"]"#).unwrap();
    s.click_on(r#"[data-connector="youtube"]"#).unwrap();
    s.click_on(r#"[data-action="add-connection"]"#).unwrap();
    s.wait_until("the form in sandbox mode", || {
        Ok(
            s.execute("return document.getElementById('field-mode')?.value")?
                .as_str()
                .filter(|m| *m == "sandbox")
                .map(|_| ()),
        )
    })
    .unwrap();
    s.click_on(r#"[data-action="save"]"#).unwrap();
    let row = s.wait_for("[data-connection]").unwrap();
    let id = s.attribute(&row, "data-connection").unwrap().unwrap();

    s.click_on(r#"[data-view="settings"]"#).unwrap();
    s.click_on(&format!(
        r#"[data-settings-connection="{id}"] [data-action="export"]"#
    ))
    .unwrap();
    s.wait_for_text("[data-toast]", "Exported to").unwrap();
    assert!(
        ws.data_dir()
            .join("exports")
            .join(&id)
            .join("posts.csv")
            .exists()
    );
    let prefs = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    let hours: String = prefs
        .query_row(
            "SELECT value FROM settings WHERE key = 'sync.interval_hours'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hours, "12");
}
