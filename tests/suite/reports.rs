//! Insights and reports from the command line on a synced sandbox workspace: the report's
//! numbers are `report overview`'s, the HTML loads nothing from anywhere, the same data gives
//! the same file, and insights carry their evidence and a confidence from the data.

use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;

fn demo() -> TestWorkspace {
    let ws = TestWorkspace::new();
    let out = ws.run(&["demo", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    ws
}

fn id_of(ws: &TestWorkspace, connector: &str) -> String {
    let out = ws.run(&["connections", "list", "--json"]);
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    list.iter()
        .find(|c| c["connector_id"] == connector)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The `data-v` numbers of an account's row: followers, posts, views.
fn row(html: &str, id: &str) -> Vec<i64> {
    let start = html
        .find(&format!("data-account=\"{id}\""))
        .expect("the account has a row");
    let end = start + html[start..].find("</tr>").unwrap();
    html[start..end]
        .split("data-v=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn a_report_agrees_with_the_overview_and_loads_nothing() {
    let ws = demo();
    let yt = id_of(&ws, "youtube");
    let file = ws.root().join("report.html");
    let f = file.display().to_string();
    let built = ws.run(&["report", "build", "--period", "30d", "-o", &f]);
    assert!(built.status.success(), "{:?}", text(&built));
    let html = std::fs::read_to_string(&file).unwrap();

    let o: Value = serde_json::from_slice(
        &ws.run(&[
            "report",
            "overview",
            "--connection",
            &yt,
            "--days",
            "30",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    let figures = row(&html, &yt);
    assert_eq!(
        figures,
        vec![
            o["followers"].as_i64().unwrap(),
            o["posts_in_period"].as_i64().unwrap(),
            o["total_views"].as_i64().unwrap()
        ]
    );
    for kind in ["instagram", "tiktok", "x", "reddit", "facebook-pages"] {
        assert!(
            html.contains(&format!("data-account=\"{}\"", id_of(&ws, kind))),
            "{kind} is in the report"
        );
    }
    assert!(html.contains("<svg"), "the follower chart is inline");

    // Nothing in it can reach the network: no script, no stylesheet link, no remote image.
    let without_ns = html.replace("http://www.w3.org/2000/svg", "");
    assert!(
        !without_ns.contains("http://") && !without_ns.contains("https://"),
        "a URL in the report"
    );
    assert!(!html.contains("<script") && !html.contains("<link"));
    assert!(html.contains("default-src 'none'"));

    let again = ws.root().join("again.html");
    assert!(
        ws.run(&[
            "report",
            "build",
            "--period",
            "30d",
            "-o",
            &again.display().to_string()
        ])
        .status
        .success()
    );
    assert_eq!(
        html,
        std::fs::read_to_string(&again).unwrap(),
        "the same data makes the same report"
    );

    let one = ws.root().join("one.html");
    assert!(
        ws.run(&[
            "report",
            "build",
            "--period",
            "2026-11",
            "--connection",
            "Sandbox YouTube",
            "-o",
            &one.display().to_string()
        ])
        .status
        .success()
    );
    let one = std::fs::read_to_string(one).unwrap();
    assert!(one.contains("November 2026") && one.contains(&format!("data-account=\"{yt}\"")));
    assert!(
        !one.contains(&format!("data-account=\"{}\"", id_of(&ws, "tiktok"))),
        "only the account asked for"
    );

    let bad = ws.run(&["report", "build", "--period", "November", "-o", &f]);
    assert!(text(&bad).1.contains("is not a period"), "{:?}", text(&bad));
}

#[test]
fn insights_carry_their_evidence_and_confidence() {
    let ws = demo();
    let out = ws.run(&["insights", "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = found["items"].as_array().unwrap();
    let growth: Vec<&Value> = items
        .iter()
        .filter(|i| i["kind"] == "growth" && i["enough"] == true)
        .collect();
    assert!(
        !growth.is_empty(),
        "the sandbox's rebuilt follower histories are long enough"
    );
    for i in items {
        assert!(i["evidence"]["n"].as_i64().is_some() && i["evidence"]["period"].is_string());
        match i["confidence"].as_f64() {
            Some(c) => assert!((0.5..=1.0).contains(&c), "{i}"),
            None => assert_eq!(
                i["enough"], false,
                "only 'not enough data' has no confidence: {i}"
            ),
        }
        if i["enough"] == false {
            assert!(
                i["statement"]
                    .as_str()
                    .unwrap()
                    .starts_with("Not enough data yet")
                    || i["statement"].as_str().unwrap().starts_with("No hour"),
                "{i}"
            );
        }
    }
}

#[test]
fn a_pdf_report_reads_back_with_the_overviews_numbers() {
    let ws = demo();
    let yt = id_of(&ws, "youtube");
    let file = ws.root().join("report.pdf");
    let built = ws.run(&[
        "report",
        "build",
        "--period",
        "30d",
        "--format",
        "pdf",
        "-o",
        &file.display().to_string(),
    ]);
    assert!(built.status.success(), "{:?}", text(&built));
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &file.display().to_string(), "-"])
        .output()
        .expect("pdftotext is installed (make test installs poppler-utils)");
    let read = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(read.contains("Report — the last 30 days"), "{read}");

    let o: Value = serde_json::from_slice(
        &ws.run(&[
            "report",
            "overview",
            "--connection",
            &yt,
            "--days",
            "30",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    let row = read
        .lines()
        .find(|l| l.trim_start().starts_with("Sandbox YouTube") && l.contains("YouTube  "))
        .expect("the YouTube row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    let n = |s: &str| s.replace(',', "").parse::<i64>().unwrap();
    let (followers, posts, views) = (
        n(cells[cells.len() - 4]),
        n(cells[cells.len() - 2]),
        n(cells[cells.len() - 1]),
    );
    assert_eq!(
        (followers, posts, views),
        (
            o["followers"].as_i64().unwrap(),
            o["posts_in_period"].as_i64().unwrap(),
            o["total_views"].as_i64().unwrap()
        ),
        "{row}"
    );

    let again = ws.root().join("again.pdf");
    assert!(
        ws.run(&[
            "report",
            "build",
            "--period",
            "30d",
            "--format",
            "pdf",
            "-o",
            &again.display().to_string()
        ])
        .status
        .success()
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap(),
        "the same data makes the same PDF"
    );
}

#[test]
fn the_whole_workspace_exports_one_folder_per_account() {
    let ws = demo();
    let out_dir = ws.root().join("everything");
    let out = ws.run(&["export", "-o", &out_dir.display().to_string()]);
    assert!(out.status.success(), "{:?}", text(&out));
    for kind in [
        "instagram",
        "tiktok",
        "youtube",
        "facebook-pages",
        "x",
        "reddit",
    ] {
        let folder = out_dir.join(id_of(&ws, kind));
        assert!(
            folder.join("posts.csv").exists(),
            "{kind}: {}",
            folder.display()
        );
    }
}
