use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::webdriver::Session;
use patchbay_tests::workspace::TestWorkspace;

fn card_ids(s: &Session) -> Vec<String> {
    s.find_all("[data-connector]")
        .unwrap()
        .iter()
        .map(|el| {
            s.attribute(el, "data-connector")
                .unwrap()
                .unwrap_or_default()
        })
        .collect()
}

fn wait_for_count(s: &Session, expected: usize) -> Vec<String> {
    s.wait_until(&format!("{expected} connector cards"), || {
        let ids = card_ids(s);
        Ok((ids.len() == expected).then_some(ids))
    })
    .unwrap()
}

#[test]
fn gallery_is_the_first_screen_and_filters_by_category_and_name() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    // All 23 bundled connectors, straight from the registry.
    let all = wait_for_count(s, 23);
    assert!(all.contains(&"youtube".to_owned()) && all.contains(&"smtp".to_owned()));
    let soon = s
        .wait_for(r#"[data-connector="google-ads"] [data-field="status"]"#)
        .unwrap();
    assert_eq!(s.text(&soon).unwrap(), "Coming soon");
    s.screenshot(&screenshot_path("gallery")).unwrap();

    // Filter by category.
    let social = s.wait_for(r#"[data-category="social"]"#).unwrap();
    s.click(&social).unwrap();
    let mut ids = wait_for_count(s, 7);
    ids.sort();
    assert_eq!(
        ids,
        [
            "facebook-pages",
            "instagram",
            "linkedin",
            "reddit",
            "tiktok",
            "x",
            "youtube"
        ]
    );

    // Find one by name within the category.
    let search = s.wait_for("#connector-search").unwrap();
    s.type_text(&search, "tiktok").unwrap();
    assert_eq!(wait_for_count(s, 1), ["tiktok"]);

    // Its detail panel shows capabilities, setup steps and the docs link.
    let card = s.wait_for(r#"[data-connector="tiktok"]"#).unwrap();
    s.click(&card).unwrap();
    let detail = s.wait_for(r#"[data-detail="tiktok"]"#).unwrap();
    let text = s.text(&detail).unwrap();
    assert!(text.contains("Read profile"), "{text}");
    assert!(text.contains("http://127.0.0.1:*/oauth/callback"), "{text}");
    assert!(s.find(r#"[data-action="docs"]"#).unwrap().is_some());
    s.screenshot(&screenshot_path("gallery-detail")).unwrap();

    // Back to every category: the search still applies.
    let all_chip = s.wait_for(r#"[data-category="all"]"#).unwrap();
    s.click(&all_chip).unwrap();
    s.clear(&search).unwrap();
    s.type_text(&search, "sheets").unwrap();
    assert_eq!(wait_for_count(s, 1), ["google-sheets"]);
}

#[test]
fn gallery_lists_a_users_manifest_and_reports_a_broken_one() {
    let ws = TestWorkspace::new();
    let corpus = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../src-tauri/crates/patchbay-registry/tests/manifests");
    let dir = ws.data_dir().join("connectors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(corpus.join("valid-acme.toml"), dir.join("acme.toml")).unwrap();
    std::fs::copy(
        corpus.join("broken/unknown-category.toml"),
        dir.join("broken.toml"),
    )
    .unwrap();

    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    let ids = wait_for_count(s, 24);
    assert!(ids.contains(&"acme-crm".to_owned()));
    let banner = s.wait_for("[data-problems]").unwrap();
    assert!(s.text(&banner).unwrap().contains("1 problem(s)"));
}
