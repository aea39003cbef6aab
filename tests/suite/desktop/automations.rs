//! The Automations view in the real window: a workflow made from a template, refused with its
//! problem shown in place, fixed, saved, run now with its steps as a timeline, and switched off.

use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::workspace::{TestWorkspace, text};

#[test]
fn a_workflow_is_made_from_a_template_fixed_run_and_switched_off() {
    let ws = TestWorkspace::new();
    assert!(
        ws.run(&["demo", "--json"]).status.success(),
        "accounts for the report step"
    );
    let out = ws.run_with_stdin(
        &[
            "connections",
            "add",
            "smtp",
            "--name",
            "Sandbox Mail",
            "--mode",
            "sandbox",
            "--set",
            "host=smtp.example.com",
            "--set",
            "username=me",
            "--set",
            "from_address=me@example.com",
            "--secret",
            "password",
        ],
        "app-password\n",
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let app = Desktop::open(&ws).expect("the desktop app opens");
    let s = &app.session;

    s.click_on(r#"[data-view="automations"]"#).unwrap();
    s.wait_for(r#"[data-field="workflow-template"]"#).unwrap();
    s.execute(r#"const p = document.querySelector('[data-field="workflow-template"]'); p.value = 'weekly-email'; p.dispatchEvent(new Event('change'));"#).unwrap();
    s.click_on(r#"[data-action="new-workflow"]"#).unwrap();
    let area = s.wait_for(r#"[data-field="workflow-text"]"#).unwrap();
    let template = s
        .execute("return document.querySelector('[data-field=\"workflow-text\"]').value")
        .unwrap();
    assert!(template.as_str().unwrap().contains("My Mail"), "{template}");

    // As written, the template names a connection this workspace does not have.
    s.click_on(r#"[data-action="save-workflow"]"#).unwrap();
    s.wait_for_text(
        r#"[data-field="workflow-problems"]"#,
        "no connection is called `My Mail`",
    )
    .unwrap();
    s.screenshot(&screenshot_path("automations-problem"))
        .unwrap();

    let fixed = template
        .as_str()
        .unwrap()
        .replace("My Mail", "Sandbox Mail");
    s.execute(&format!(
        "const a = document.querySelector('[data-field=\"workflow-text\"]'); a.value = {}; a.dispatchEvent(new Event('input'));",
        serde_json::to_string(&fixed).unwrap()
    ))
    .unwrap();
    let _ = area;
    s.click_on(r#"[data-action="save-workflow"]"#).unwrap();
    let card = s
        .wait_for_text(
            r#"[data-workflow="weekly-email"]"#,
            "on schedule: 0 9 * * 1",
        )
        .unwrap();
    assert!(card.contains("Never ran"), "{card}");
    assert!(ws.data_dir().join("workflows/weekly-email.json").exists());

    s.click_on(r#"[data-action="run-workflow"]"#).unwrap();
    s.wait_for_text(r#"[data-field="run-status"]"#, "ok")
        .unwrap();
    let step = s.wait_for_text(r#"[data-step="send"]"#, "ok").unwrap();
    assert!(step.contains("connector"), "{step}");
    s.screenshot(&screenshot_path("automations-run")).unwrap();
    let outbox = text(&ws.run(&["sandbox", "outbox", "--platform", "smtp"])).0;
    assert!(outbox.contains("Your week on Patchbay"), "{outbox}");

    s.click_on(r#"[data-action="toggle-workflow"]"#).unwrap();
    s.wait_for_text(".toast", "is off").unwrap();
    let listed = text(&ws.run(&["workflows", "list"])).0;
    assert!(
        listed.contains("weekly-email") && listed.contains(" off "),
        "{listed}"
    );
}
