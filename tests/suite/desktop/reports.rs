//! The Insights and Reports views in the real window, on a synced sandbox workspace.

use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::{TestWorkspace, text};

#[test]
fn insights_show_their_evidence_and_a_report_is_built_and_previewed() {
    let ws = TestWorkspace::new();
    let out = ws.run(&["demo", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    s.click_on(r#"[data-view="insights"]"#).unwrap();
    let card = s
        .wait_for_text(r#"[data-insight="growth"][data-enough="yes"]"#, "% sure")
        .unwrap();
    assert!(card.contains("Evidence:"), "{card}");
    assert!(
        s.find(r#"[data-enough="no"]"#).unwrap().is_some(),
        "short histories say so"
    );
    s.screenshot(&screenshot_path("insights")).unwrap();

    s.click_on(r#"[data-view="reports"]"#).unwrap();
    s.wait_for(r#"[data-report-account]"#).unwrap();
    s.click_on(r#"[data-action="build-report"]"#).unwrap();
    let frame = s.wait_for("iframe[data-report]").unwrap();
    let name = s.attribute(&frame, "data-report").unwrap().unwrap();
    let saved = ws.data_dir().join("exports").join(&name);
    let html = std::fs::read_to_string(&saved).unwrap();
    assert!(html.contains("Report — the last 30 days"), "{name}");
    // Give the frame time to paint, then keep a picture of a report page.
    std::thread::sleep(std::time::Duration::from_millis(800));
    s.settle_paint().unwrap();
    s.screenshot(&screenshot_path("report-page")).unwrap();

    s.click_on(r#"[data-action="save-pdf"]"#).unwrap();
    s.wait_for_text(".toast:last-child", "PDF saved as report-30d-6.pdf")
        .unwrap();
    let pdf = std::fs::read(ws.data_dir().join("exports/report-30d-6.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // "Save a copy…" asks where in the system's own dialog and puts the same file there.
    let chosen = ws.root().join("Client folder");
    std::fs::create_dir_all(&chosen).unwrap();
    let copy = chosen.join("Acme November.pdf");
    s.click_on(r#"[data-saved="report-30d-6.pdf"] [data-action="toast-action"]"#)
        .unwrap();
    patchbay_tests::x11::answer_dialog("Save a copy", &copy.display().to_string()).unwrap();
    s.wait_for_text(".toast:last-child", "Copied to").unwrap();
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        pdf,
        "the copy is the saved PDF"
    );
}

/// Settings → Export every account writes one folder per account into the exports folder;
/// "Save a copy…" then asks for a folder in the system's folder picker and copies it there.
#[test]
fn every_account_is_exported_and_copied_into_a_folder_the_user_picks() {
    let ws = TestWorkspace::new();
    let out = ws.run(&["demo", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;
    s.click_on(r#"[data-view="settings"]"#).unwrap();
    s.click_on(r#"[data-action="export-workspace"]"#).unwrap();
    s.wait_for_text(".toast:last-child", "Every account exported to")
        .unwrap();
    let exported = ws.data_dir().join("exports").join("workspace");
    let accounts: Vec<_> = std::fs::read_dir(&exported)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(accounts.len(), 6, "one folder per account: {accounts:?}");

    let chosen = ws.root().join("Handover");
    std::fs::create_dir_all(&chosen).unwrap();
    s.click_on(r#".toast:last-child [data-action="toast-action"]"#)
        .unwrap();
    patchbay_tests::x11::answer_folder_dialog("Copy the folder into…", &chosen).unwrap();
    let copied = s.wait_for_text(".toast:last-child", "Copied to").unwrap();
    assert!(
        copied.contains(&chosen.join("workspace").display().to_string()),
        "{copied}"
    );
    for account in &accounts {
        let posts =
            |root: &std::path::Path| std::fs::read(root.join(account).join("posts.csv")).unwrap();
        assert_eq!(
            posts(&chosen.join("workspace")),
            posts(&exported),
            "{account:?}"
        );
    }
}
