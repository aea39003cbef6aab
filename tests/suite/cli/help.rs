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

/// `patchbay … | head`: the reader leaves, the command ends as `ls` would (status 141, the
/// shell's SIGPIPE), with no panic message.
#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    let ws = TestWorkspace::new();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = ws
        .cli()
        .args(["connectors", "list"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141), "{err}");
}
