//! The README's action examples, run exactly as written: a Slack message with blocks, an email
//! with an attachment and a Stripe customer, all against the sandbox.

use super::outbox;
use patchbay_tests::workspace::{TestWorkspace, text};

/// The README's example block: from "# Slack: a message with Block Kit blocks" to the blank
/// line after it, without the four-space indent.
fn example() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let start = readme
        .find("    # Slack: a message with Block Kit blocks")
        .expect("the README shows the Slack example");
    let block: Vec<&str> = readme[start..]
        .lines()
        .take_while(|l| l.starts_with("    ") || l.is_empty())
        .collect();
    let end = block.iter().rposition(|l| !l.is_empty()).unwrap();
    block[..=end]
        .iter()
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readme_examples_work_against_the_sandbox() {
    let ws = TestWorkspace::new();
    let script = example();
    assert!(
        script.contains("send_message")
            && script.contains("send_email")
            && script.contains("create_customer")
    );
    let bin_dir = patchbay_tests::bins::bin("patchbay")
        .parent()
        .unwrap()
        .to_owned();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .envs(ws.env())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", text(&out));

    let slack = outbox(&ws, "slack");
    assert_eq!(
        slack[0]["detail"]["message"]["blocks"][0]["type"],
        "section"
    );
    let mail = outbox(&ws, "smtp");
    let raw = std::fs::read_to_string(
        ws.data_dir()
            .join("sandbox-outbox")
            .join(mail[0]["file"].as_str().unwrap()),
    )
    .unwrap();
    assert!(raw.contains("filename=\"report.csv\""), "{raw}");
    let stripe = outbox(&ws, "stripe");
    assert_eq!(stripe[0]["detail"]["metadata"]["plan"], "pro");
    let printed = text(&out).0;
    assert!(
        printed.contains("cus_") && printed.contains("\"ts\""),
        "{printed}"
    );
}
