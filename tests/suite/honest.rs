//! No setup step promises what Patchbay does not do: every port, Patchbay setting and button a
//! bundled manifest's setup text names exists.

use patchbay_core::Workspace;
use patchbay_core::registry::manifest::{Auth, RedirectStyle};
use patchbay_core::registry::{ConnectorFilter, Source};
use patchbay_tests::workspace::TestWorkspace;

/// The window's Settings sources, where Patchbay's own sections and buttons are written.
fn settings_ui() -> String {
    let views = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/views");
    std::fs::read_dir(&views)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("settings") && !name.ends_with(".test.ts")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn every_port_setting_and_button_a_setup_step_names_exists() {
    let ws = TestWorkspace::new();
    let ws = Workspace::open(&ws.data_dir()).unwrap();
    let ui = settings_ui();
    let mut checked = 0;
    let port = regex::Regex::new(r"127\.0\.0\.1:(\d+|\*)").unwrap();
    let place = regex::Regex::new(r"Patchbay → Settings → ([^→)]+?)(?: → ([^)]+))?\)").unwrap();
    for summary in ws.registry().list(&ConnectorFilter::default()) {
        if summary.source != Source::Bundled {
            continue;
        }
        let m = ws.registry().get(&summary.id).unwrap();
        for step in &m.setup {
            let text = &step.body;
            for found in port.captures_iter(text) {
                checked += 1;
                let Auth::OAuth2(o) = &m.auth else {
                    panic!("{}: names a loopback port without OAuth", m.id)
                };
                assert!(
                    o.redirect_styles.contains(&RedirectStyle::Loopback),
                    "{}",
                    m.id
                );
                match &found[1] {
                    "*" => assert_eq!(
                        o.loopback_port, None,
                        "{}: a wildcard port, yet a fixed one is declared",
                        m.id
                    ),
                    n => assert_eq!(
                        o.loopback_port,
                        n.parse().ok(),
                        "{}: the setup names port {n}",
                        m.id
                    ),
                }
            }
            for found in place.captures_iter(text) {
                checked += 1;
                let section = found[1].trim();
                assert!(
                    ui.contains(&format!("\"{section}\"")),
                    "{}: Settings has no “{section}” section",
                    m.id
                );
                if let Some(button) = found.get(2) {
                    assert!(
                        ui.contains(&format!("\"{}\"", button.as_str().trim())),
                        "{}: Settings has no “{}” button",
                        m.id,
                        button.as_str()
                    );
                }
            }
            if text.contains("press Verify") {
                checked += 1;
                assert!(
                    m.verify.is_some() || matches!(m.auth, Auth::Smtp(_)),
                    "{}: promises Verify, which it cannot run",
                    m.id
                );
            }
            if text.contains("press Connect") {
                checked += 1;
                assert!(
                    matches!(m.auth, Auth::OAuth2(_)),
                    "{}: promises Connect without OAuth",
                    m.id
                );
            }
        }
    }
    assert!(
        checked >= 25,
        "the walk found the promises it checks ({checked})"
    );
}

#[test]
fn cards_show_only_what_runs_today() {
    let tmp = TestWorkspace::new();
    let ws = Workspace::open(&tmp.data_dir()).unwrap();
    let all = patchbay_core::catalog::list(&ws, &ConnectorFilter::default());
    let caps = |id: &str| {
        all.iter()
            .find(|c| c.id == id)
            .unwrap()
            .capabilities
            .clone()
    };
    assert_eq!(
        caps("instagram"),
        ["read_profile", "read_posts", "read_insights"]
    );
    assert_eq!(
        caps("slack"),
        [
            "send_message",
            "update_message",
            "add_reaction",
            "read_profile"
        ],
        "Slack's actions run"
    );
    assert_eq!(caps("twilio-sms"), ["send_sms"]);
    assert_eq!(
        caps("notion"),
        ["create_page", "read_profile"],
        "a declared action runs"
    );
    assert_eq!(
        caps("shopify"),
        ["list_orders", "read_orders"],
        "products are not read yet; the orders list is"
    );
    let smtp = patchbay_core::catalog::get(&ws, "smtp").unwrap();
    assert_eq!(smtp.capabilities, ["send_email"], "an email can be sent");
    // A promise nothing runs yet is not shown as a chip; the manifest still declares it.
    assert!(
        !caps("webhook").contains(&"receive_events".to_owned()),
        "{:?}",
        caps("webhook")
    );
    assert!(
        ws.registry()
            .get("webhook")
            .unwrap()
            .capabilities
            .contains(&"receive_events".to_owned())
    );
}
