//! The connector registry: every connector described by one declarative manifest, the bundled
//! ones embedded in the binary and the user's own loaded from `<data-dir>/connectors/*.toml`.

mod bundled;
pub mod manifest;
mod parse;
mod problem;
pub mod query;
pub mod schema;
mod summary;
pub mod template;
mod validate;

pub use manifest::{Auth, Category, Manifest, Status};
pub use problem::ManifestProblem;
pub use query::ConnectorFilter;
pub use schema::{FieldError, config_schema, validate_config};
pub use summary::{ConnectorSummary, Source};
pub use validate::placeholders;

/// Whether `s` is a snake_case name (a step, an action, a stream).
pub fn is_snake_name(s: &str) -> bool {
    validate::is_snake(s)
}

use patchbay_types::{Error, Result};
use problem::Problems;
use std::collections::HashMap;
use std::path::Path;

/// Every loaded connector, plus the manifests that were skipped and why.
#[derive(Debug, Clone)]
pub struct Registry {
    entries: Vec<(Manifest, Source)>,
    index: HashMap<String, usize>,
    problems: Vec<ManifestProblem>,
}

/// Parses and validates one manifest. `file` names it in problems.
pub fn check_manifest(file: &str, text: &str) -> Result<Manifest, Vec<ManifestProblem>> {
    let manifest = parse::parse(file, text).map_err(|p| vec![p])?;
    let mut problems = Problems::new(file);
    validate::validate(&manifest, &mut problems);
    if problems.list.is_empty() {
        Ok(manifest)
    } else {
        Err(problems.list)
    }
}

impl Registry {
    /// Only the connectors bundled in the binary.
    pub fn bundled() -> Self {
        let mut registry = Self {
            entries: Vec::new(),
            index: HashMap::new(),
            problems: Vec::new(),
        };
        for (id, text) in bundled::MANIFESTS {
            registry.add(&format!("bundled:{id}.toml"), text, Source::Bundled);
        }
        registry
    }

    /// The bundled connectors plus every `*.toml` in `<data_dir>/connectors/`. A bad file is
    /// skipped and listed in `problems`; it never stops the rest from loading.
    pub fn load(data_dir: &Path) -> Self {
        let mut registry = Self::bundled();
        let dir = data_dir.join(patchbay_types::paths::CONNECTORS_DIR);
        let Ok(listing) = std::fs::read_dir(&dir) else {
            return registry;
        };
        let mut files: Vec<_> = listing
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        for path in files {
            let file = path.display().to_string();
            match read_manifest_file(&path) {
                Ok(text) => registry.add(&file, &text, Source::User),
                Err(reason) => registry.problems.push(ManifestProblem {
                    file,
                    path: ".".into(),
                    reason,
                }),
            }
        }
        registry
    }

    fn add(&mut self, file: &str, text: &str, source: Source) {
        let manifest = match check_manifest(file, text) {
            Ok(manifest) => manifest,
            Err(problems) => {
                self.problems.extend(problems);
                return;
            }
        };
        if let Some(&existing) = self.index.get(&manifest.id) {
            let owner = match self.entries[existing].1 {
                Source::Bundled => "a bundled connector",
                Source::User => "another user manifest",
            };
            self.problems.push(ManifestProblem {
                file: file.to_owned(),
                path: "id".into(),
                reason: format!(
                    "`{}` is already used by {owner}; a manifest never replaces another, so choose a different id",
                    manifest.id
                ),
            });
            return;
        }
        self.index.insert(manifest.id.clone(), self.entries.len());
        self.entries.push((manifest, source));
    }

    /// Connectors matching `filter`, sorted by name.
    pub fn list(&self, filter: &ConnectorFilter) -> Vec<ConnectorSummary> {
        let mut list: Vec<_> = self
            .entries
            .iter()
            .filter(|(m, _)| filter.matches(m))
            .map(|(m, source)| ConnectorSummary::of(m, *source))
            .collect();
        list.sort_by_key(|c| c.name.to_lowercase());
        list
    }

    /// One connector by id.
    pub fn get(&self, id: &str) -> Result<&Manifest> {
        self.index
            .get(id)
            .map(|&i| &self.entries[i].0)
            .ok_or_else(|| Error::UnknownConnector { id: id.to_owned() })
    }

    /// Where a connector came from.
    pub fn source(&self, id: &str) -> Option<Source> {
        self.index.get(id).map(|&i| self.entries[i].1)
    }

    /// Manifests that were skipped, with every reason.
    pub fn problems(&self) -> &[ManifestProblem] {
        &self.problems
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Seconds in a rate-limit window such as `1s`, `15m`, `24h` or `1d`.
pub fn window_seconds(window: &str) -> Option<u64> {
    let unit = window.chars().last()?;
    let number: u64 = window[..window.len() - unit.len_utf8()].parse().ok()?;
    if number == 0 || window.starts_with('0') {
        return None;
    }
    let scale = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return None,
    };
    number.checked_mul(scale)
}

/// The most a manifest file may weigh; the largest bundled one is a few kilobytes.
pub const MAX_MANIFEST_BYTES: u64 = 256 * 1024;

/// A user manifest's text, if it is a regular file of a sane size. A FIFO, a device or a link to
/// one (which would block or never end) is refused without being opened for reading.
pub fn read_manifest_file(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| format!("could not be read: {e}"))?;
    if !meta.is_file() {
        return Err(
            "is not a regular file (a pipe, a device or a link to one), so it was not read".into(),
        );
    }
    if meta.len() > MAX_MANIFEST_BYTES {
        return Err(format!(
            "is {} KB; a manifest may be at most {} KB",
            meta.len() / 1024,
            MAX_MANIFEST_BYTES / 1024
        ));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_MANIFEST_BYTES + 1).read_to_string(&mut text))
        .map_err(|e| format!("could not be read: {e}"))?;
    if text.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(format!(
            "grew past {} KB while being read",
            MAX_MANIFEST_BYTES / 1024
        ));
    }
    Ok(text)
}
