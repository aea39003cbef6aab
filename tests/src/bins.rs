//! The workspace's built binaries. `make test` builds them before the suite runs.

use std::path::PathBuf;

/// The cargo profile directory the running test binary lives in (`target/debug`).
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary knows its own path");
    exe.parent()
        .and_then(|deps| deps.parent())
        .expect("test binaries live in <target>/<profile>/deps")
        .to_path_buf()
}

/// A binary built by this workspace, or a panic that says how to build it.
pub fn bin(name: &str) -> PathBuf {
    let path = profile_dir().join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build --workspace --bins` after `npm --prefix ui run build` (make test does both)",
        path.display()
    );
    path
}
