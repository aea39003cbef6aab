use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::TestWorkspace;

#[test]
fn about_view_shows_the_cores_real_workspace_facts() {
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    assert_eq!(s.title().unwrap(), "Patchbay");
    let about = s.wait_for(r#"[data-view="about"]"#).unwrap();
    s.click(&about).unwrap();

    let version = s.wait_for(r#"[data-fact="version"]"#).unwrap();
    assert_eq!(s.text(&version).unwrap(), patchbay_core::VERSION);
    let data_dir = s.wait_for(r#"[data-fact="data_dir"]"#).unwrap();
    assert_eq!(
        s.text(&data_dir).unwrap(),
        ws.data_dir().display().to_string()
    );
    let schema = s.wait_for(r#"[data-fact="schema_version"]"#).unwrap();
    assert_eq!(
        s.text(&schema).unwrap(),
        patchbay_core::store::SCHEMA_VERSION.to_string()
    );
    // The app created the database it reports.
    assert!(ws.data_dir().join("patchbay.sqlite3").exists());

    s.screenshot(&screenshot_path("about")).unwrap();

    // Starting the app registered the patchbay:// handler, and doctor now sees it.
    let report: serde_json::Value =
        serde_json::from_slice(&ws.run(&["doctor", "--json"]).stdout).unwrap();
    let link = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "deep_link")
        .unwrap();
    assert_eq!(link["ok"], true, "{link}");
}

#[test]
fn window_explains_a_database_from_a_newer_version_instead_of_crashing() {
    let ws = TestWorkspace::new();
    std::fs::create_dir_all(ws.data_dir()).unwrap();
    rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3"))
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    let alert = s
        .wait_for(r#"[data-error-code="database.schema_too_new"]"#)
        .unwrap();
    assert!(s.text(&alert).unwrap().contains("newer Patchbay"));
    s.screenshot(&screenshot_path("newer-database")).unwrap();
}

#[test]
fn the_window_works_from_the_keyboard() {
    const TAB: &str = "\u{E004}";
    const ENTER: &str = "\u{E007}";
    const RIGHT: &str = "\u{E014}";
    let ws = TestWorkspace::new();
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    s.wait_for("[data-connector]").unwrap();
    let focused = || {
        s.execute("const a = document.activeElement; return (a.dataset.view || a.className || a.tagName);")
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    // The first Tab reaches the skip link, the next the navigation.
    s.execute("document.activeElement && document.activeElement.blur(); window.focus();")
        .unwrap();
    s.press(&[TAB]).unwrap();
    assert_eq!(focused(), "skip-link");
    s.press(&[TAB]).unwrap();
    assert_eq!(focused(), "overview");
    // Arrows move along the navigation (Overview, Insights, Reports, Connectors, Connections…);
    // Enter opens the view and focus follows it.
    s.press(&[RIGHT, RIGHT, RIGHT, RIGHT]).unwrap();
    assert_eq!(focused(), "connections");
    s.press(&[ENTER]).unwrap();
    s.wait_for(".connections-view").unwrap();
    assert_eq!(focused(), "MAIN");
    let current = s
        .execute("return document.querySelector('[aria-current=page]').dataset.view")
        .unwrap();
    assert_eq!(current, "connections");
    // Every control in the view has a name a screen reader can say.
    let unnamed = s
        .execute(
            "return [...document.querySelectorAll('button, input, select, a')].filter(e => \
             !(e.textContent.trim() || e.getAttribute('aria-label') || (e.id && document.querySelector(`label[for='${e.id}']`)))).length",
        )
        .unwrap();
    assert_eq!(unnamed, 0);
}
