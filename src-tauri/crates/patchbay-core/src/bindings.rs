//! TypeScript declarations for every type the UI receives, generated from the Rust types with
//! ts-rs. The generated files are committed under `ui/src/bindings/`; a test fails when they
//! drift, and `make bindings` rewrites them.

use ts_rs::{Config, TS};

/// One generated file: its name under `ui/src/bindings/` and its content.
#[derive(Debug)]
pub struct Binding {
    pub file: String,
    pub content: String,
}

fn binding<T: TS + 'static + ?Sized>(cfg: &Config) -> Binding {
    Binding {
        file: format!("{}.ts", T::ident(cfg)),
        content: T::export_to_string(cfg).expect("every exported type renders to TypeScript"),
    }
}

/// Every binding the UI imports.
pub fn all() -> Vec<Binding> {
    let cfg = Config::default();
    vec![
        binding::<crate::ErrorPayload>(&cfg),
        binding::<crate::AppInfo>(&cfg),
        binding::<crate::doctor::Check>(&cfg),
        binding::<crate::doctor::DoctorReport>(&cfg),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn bindings_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/bindings")
    }

    /// Set PATCHBAY_UPDATE_BINDINGS=1 (as `make bindings` does) to rewrite the files instead.
    #[test]
    fn committed_ui_bindings_match_the_rust_types() {
        let dir = bindings_dir();
        let update = std::env::var_os("PATCHBAY_UPDATE_BINDINGS").is_some();
        if update {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let mut drifted = Vec::new();
        for b in all() {
            let path = dir.join(&b.file);
            if update {
                std::fs::write(&path, &b.content).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(b.content.as_str()) {
                drifted.push(b.file);
            }
        }
        assert!(
            drifted.is_empty(),
            "ui/src/bindings is out of date for {drifted:?}: run `make bindings` and commit the result"
        );
    }
}
