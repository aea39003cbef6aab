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

    /// Runs `patchbay ARGS...` with `stdin` piped in (secrets are read from there, one per line).
    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = self
            .cli()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("patchbay runs");
        if let Some(mut input) = child.stdin.take() {
            input
                .write_all(stdin.as_bytes())
                .expect("stdin takes the input");
        }
        child.wait_with_output().expect("patchbay finishes")
    }

    /// Runs `patchbay ARGS...` and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cli().args(args).output().expect("patchbay runs")
    }
}

/// The workspace database in `data_dir`, opened directly, to look at what was stored.
pub fn sqlite(data_dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data_dir.join("patchbay.sqlite3")).expect("the database opens")
}

/// Posts stored more than once for the same connection and platform id (a sync must never).
pub fn duplicate_posts(data_dir: &Path) -> i64 {
    sqlite(data_dir)
        .query_row(
            "SELECT count(*) - count(DISTINCT connection_id || '/' || platform_id) FROM posts",
            [],
            |r| r.get(0),
        )
        .expect("posts can be counted")
}

/// stdout and stderr of a finished command, as text.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
