//! The window a creator opens and an agency works in: the first run offers sample accounts and
//! lands on an Overview with totals; a returning user opens on the Overview; one period picker,
//! remembered; the Connections table filters, selects, tags and syncs in bulk; tags narrow the
//! Overview; the theme follows the user's choice. Screenshots at 1280×800 and 1920×1080.

use patchbay_tests::desktop::{Desktop, screenshot_path};
use patchbay_tests::webdriver::Session;
use patchbay_tests::workspace::TestWorkspace;

const SIZES: [(u32, u32); 2] = [(1280, 800), (1920, 1080)];

fn shots(s: &Session, name: &str) {
    for (w, h) in SIZES {
        s.set_window_size(w, h).unwrap();
        s.screenshot(&screenshot_path(&format!("{name}-{w}x{h}")))
            .unwrap();
    }
    s.set_window_size(1280, 800).unwrap();
}

fn shown_rows(s: &Session) -> usize {
    s.find_all("[data-row]").unwrap().len()
}

fn current_view(s: &Session) -> String {
    s.execute(
        "const c = document.querySelector('[aria-current=page]'); return c ? c.dataset.view : ''",
    )
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[test]
fn first_run_sample_accounts_overview_totals_period_table_tags_and_theme() {
    let ws = TestWorkspace::new();
    {
        let app = Desktop::open(&ws).expect("the desktop app opens");
        let s = &app.session;

        // First run: the gallery, with the sample accounts on offer.
        s.wait_for(r#"[data-action="try-samples"]"#).unwrap();
        assert_eq!(current_view(s), "connectors");
        shots(s, "first-run");
        s.click_on(r#"[data-action="try-samples"]"#).unwrap();

        // They connect through the sandbox, sync, and the Overview shows six accounts.
        s.wait_until("six account cards", || {
            Ok((s.find_all("[data-account]")?.len() == 6).then_some(()))
        })
        .unwrap();
        assert_eq!(current_view(s), "overview");
        let followers = s
            .text(&s.wait_for(r#"[data-total="followers"]"#).unwrap())
            .unwrap();
        assert!(
            followers != "—" && followers != "0",
            "total followers: {followers}"
        );
        assert_eq!(
            s.find_all(r#"[data-table="platforms"] tbody tr"#)
                .unwrap()
                .len(),
            6,
            "one subtotal per platform"
        );
        // Every card wears its platform's mark.
        assert_eq!(s.find_all("[data-account] .has-mark").unwrap().len(), 6);
        shots(s, "overview-samples");

        // A chart you can read: hovering a day of the follower curve shows its date and value,
        // and the keyboard steps through the values, each announced.
        let youtube = s
            .find_all("[data-account]")
            .unwrap()
            .into_iter()
            .find(|c| s.text(c).unwrap().contains("YouTube"))
            .unwrap();
        s.click(&youtube).unwrap();
        let point = s
            .wait_for(r#"[data-chart="followers"] [data-point]"#)
            .unwrap();
        s.hover(&point).unwrap();
        let tip = s
            .wait_for_text(
                r#"[data-chart="followers"] [data-field="chart-tip"]"#,
                "followers",
            )
            .unwrap();
        assert!(tip.contains(", 20"), "a date and a value: {tip}");
        s.execute("document.querySelector('[data-chart=\"followers\"] .chart-frame').focus()")
            .unwrap();
        // The live region is visually hidden: read what a screen reader is given.
        let announced = || -> String {
            s.execute("return document.querySelector('[data-chart=\"followers\"] [data-field=\"chart-value\"]').textContent")
                .unwrap()
                .as_str()
                .unwrap_or_default()
                .to_owned()
        };
        let latest = s
            .wait_until("the latest value, announced", || {
                let now = announced();
                Ok(now.contains("followers").then_some(now))
            })
            .unwrap();
        s.press(&["\u{E014}"]).unwrap();
        s.wait_until("the next day, announced", || {
            let now = announced();
            Ok((now != latest && now.contains("followers")).then_some(()))
        })
        .unwrap();
        shots(s, "account-chart-value");
        s.click_on(r#"[data-view="overview"]"#).unwrap();
        s.wait_for("[data-account]").unwrap();

        // The period picker: 7 days, pressed, and the Overview follows it.
        s.click_on(r#"[data-period="7d"]"#).unwrap();
        s.wait_for(r#".overview[data-period="7d"] [data-period="7d"][aria-pressed="true"]"#)
            .unwrap();
        s.wait_for_text(r#"[data-field="period-label"]"#, "7 days")
            .unwrap();

        // Connections: six rows; search narrows them.
        s.click_on(r#"[data-view="connections"]"#).unwrap();
        s.wait_for(r#"[data-table="connections"]"#).unwrap();
        assert_eq!(shown_rows(s), 6);
        // The sign-in tokens are folded away, not shown.
        assert!(
            s.execute("const t = [...document.querySelectorAll('[data-secret=\"access_token\"]')]; return t.length > 0 && t.every(e => e.closest('details') && !e.closest('details').open)")
                .unwrap()
                == serde_json::json!(true),
            "masked OAuth tokens are hidden by default"
        );
        s.fill("#conn-search", "tiktok").unwrap();
        s.wait_until("one row", || Ok((shown_rows(s) == 1).then_some(())))
            .unwrap();
        s.execute("const q = document.getElementById('conn-search'); q.value = ''; q.dispatchEvent(new Event('input'))")
            .unwrap();
        s.wait_until("six rows", || Ok((shown_rows(s) == 6).then_some(())))
            .unwrap();

        // Select Instagram and YouTube, tag them as a client, and sync just those two.
        let ids: Vec<String> = ["instagram", "youtube"]
            .iter()
            .map(|p| {
                let row = s
                    .find_all("[data-row]")
                    .unwrap()
                    .into_iter()
                    .find(|r| {
                        s.attribute(r, "data-row")
                            .unwrap()
                            .is_some_and(|id| id.contains(p))
                    })
                    .unwrap();
                s.attribute(&row, "data-row").unwrap().unwrap()
            })
            .collect();
        for id in &ids {
            s.click_on(&format!(r#"[data-select="{id}"]"#)).unwrap();
        }
        s.wait_for_text(r#"[data-field="selected"]"#, "2 selected")
            .unwrap();
        s.fill("#bulk-tag", "client: Acme").unwrap();
        s.click_on(r#"[data-action="bulk-tag"]"#).unwrap();
        s.wait_for_text("[data-toast]", "Tagged 2 connection(s)")
            .unwrap();
        s.wait_for(r#"#filter-tag"#).unwrap();
        s.execute("const f = document.getElementById('filter-tag'); f.value = 'client: Acme'; f.dispatchEvent(new Event('change'))")
            .unwrap();
        s.wait_until("two tagged rows", || Ok((shown_rows(s) == 2).then_some(())))
            .unwrap();
        shots(s, "connections-table");
        s.click_on(r#"[data-action="bulk-sync"]"#).unwrap();
        s.wait_for_text("[data-toast]", "Synced 2 account(s)")
            .unwrap();

        // The same tag on the command line.
        let listed = ws.run(&["connections", "list", "--tag", "client: acme", "--json"]);
        let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
        let mut tagged: Vec<String> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        tagged.sort();
        let mut expected = ids.clone();
        expected.sort();
        assert_eq!(tagged, expected);

        // The Overview narrowed to the tag: two cards.
        s.click_on(r#"[data-view="overview"]"#).unwrap();
        s.wait_for("#overview-tag").unwrap();
        s.execute("const f = document.getElementById('overview-tag'); f.value = 'client: Acme'; f.dispatchEvent(new Event('change'))")
            .unwrap();
        s.wait_until("two cards", || {
            Ok((s.find_all("[data-account]")?.len() == 2).then_some(()))
        })
        .unwrap();

        // Every view at both sizes, with the sample accounts in it.
        for (view, ready) in [
            ("insights", "main h1"),
            ("reports", r#"[data-form="report"]"#),
            ("automations", "main h1"),
            ("sync-log", r#"[data-table="sync-log"]"#),
            ("settings", r#"[data-form="preferences"]"#),
            ("about", r#"[data-fact="version"]"#),
            ("connectors", "[data-connector]"),
        ] {
            s.click_on(&format!(r#"[data-view="{view}"]"#)).unwrap();
            s.wait_for(ready).unwrap();
            shots(s, &format!("view-{view}"));
        }

        // Dark, chosen in Settings, applies at once.
        s.click_on(r#"[data-view="settings"]"#).unwrap();
        s.click_on(r#"[data-appearance="dark"]"#).unwrap();
        s.wait_until("the dark palette", || {
            Ok(
                (s.execute("return document.documentElement.dataset.theme")? == "dark")
                    .then_some(()),
            )
        })
        .unwrap();
        s.click_on(r#"[data-view="overview"]"#).unwrap();
        s.wait_for("[data-account]").unwrap();
        shots(s, "overview-dark");
    }

    // A returning user opens on the Overview, with the period and the theme they chose.
    let app = Desktop::open(&ws).expect("the desktop app opens again");
    let s = &app.session;
    s.wait_for(r#".overview[data-period="7d"]"#).unwrap();
    assert_eq!(current_view(s), "overview");
    assert_eq!(
        s.execute("return document.documentElement.dataset.theme")
            .unwrap(),
        "dark"
    );
}
