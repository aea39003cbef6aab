//! A throwaway Patchbay environment: a data directory and XDG directories under one temp dir,
//! so no test touches the real user's data or $HOME.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

#[derive(Debug)]
pub struct TestWorkspace {
    root: TempDir,
}

impl Default for TestWorkspace {
    fn default() -> Self {
        Self::new()
    }
}

impl TestWorkspace {
    pub fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("patchbay-test-")
            .tempdir()
            .expect("a temp dir can be made");
        for sub in ["data", "xdg-data", "xdg-config", "xdg-cache", "home"] {
            std::fs::create_dir_all(root.path().join(sub)).expect("temp subdir");
        }
        Self { root }
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// A name unique to this workspace, for its app instance.
    pub fn instance(&self) -> String {
        self.root
            .path()
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The Patchbay data directory.
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Environment that keeps a child process inside this workspace.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("PATCHBAY_DATA_DIR", self.data_dir()),
            ("XDG_DATA_HOME", self.root.path().join("xdg-data")),
            ("XDG_CONFIG_HOME", self.root.path().join("xdg-config")),
            ("XDG_CACHE_HOME", self.root.path().join("xdg-cache")),
            // Some OS integrations (the login item) write under $HOME whatever XDG says.
            ("HOME", self.root.path().join("home")),
            // The tests play the browser; nothing should open a real one.
            ("PATCHBAY_NO_BROWSER", PathBuf::from("1")),
            // Each workspace is its own app instance: no leftover window can catch its launch.
            ("PATCHBAY_INSTANCE", PathBuf::from(self.instance())),
        ]
    }

    /// A `patchbay` command bound to this workspace.
    pub fn cli(&self) -> Command {
        let mut cmd = Command::new(crate::bins::bin("patchbay"));
        cmd.envs(self.env());
        cmd
    }

    /// Runs `patchbay ARGS...` and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cli().args(args).output().expect("patchbay runs")
    }
}

/// stdout and stderr of a finished command, as text.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
