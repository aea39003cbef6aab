use patchbay_tests::workspace::{TestWorkspace, text};

#[test]
fn version_prints_the_workspace_version() {
    let ws = TestWorkspace::new();
    let (out, _) = text(&ws.run(&["--version"]));
    assert_eq!(out.trim(), format!("patchbay {}", patchbay_core::VERSION));
}

#[test]
fn help_lists_the_commands() {
    let ws = TestWorkspace::new();
    let output = ws.run(&["--help"]);
    assert!(output.status.success());
    let (out, _) = text(&output);
    assert!(out.contains("doctor"), "{out}");
    assert!(out.contains("--data-dir"), "{out}");
}

#[test]
fn unknown_command_fails_with_usage() {
    let ws = TestWorkspace::new();
    let output = ws.run(&["frobnicate"]);
    assert!(!output.status.success());
    let (_, err) = text(&output);
    assert!(err.contains("unrecognized subcommand"), "{err}");
}
