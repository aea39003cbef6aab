//! Workflows end to end through the `patchbay` binary: the guide's chained example against a
//! real SMTP server, a threshold trigger on synced sandbox posts, a kill -9 in the middle of a
//! run, and the problems validation names.

mod chained;
mod crash;
mod examples;
mod triggers;

use patchbay_tests::workspace::{TestWorkspace, text};
use serde_json::Value;

/// Writes a workflow into the workspace's folder.
pub(super) fn install(ws: &TestWorkspace, id: &str, workflow: &Value) {
    let dir = ws.data_dir().join("workflows");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(format!("{id}.json")),
        serde_json::to_string_pretty(workflow).unwrap(),
    )
    .unwrap();
}

/// `patchbay workflows run ID --json`: the run with its steps.
pub(super) fn run(ws: &TestWorkspace, id: &str, input: &str) -> (bool, Value) {
    let out = ws.run(&["workflows", "run", id, "--input", input, "--json"]);
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{:?}", text(&out)));
    (out.status.success(), v)
}

pub(super) fn runs(ws: &TestWorkspace, id: &str) -> Vec<Value> {
    let out = ws.run(&["workflows", "runs", "--workflow", id, "--json"]);
    assert!(out.status.success(), "{:?}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}
