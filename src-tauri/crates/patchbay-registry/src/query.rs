//! Filtering and searching the registry for the gallery and `connectors list`.

use super::manifest::{Category, Manifest, Status};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every filter is optional; all given ones must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ConnectorFilter {
    #[ts(optional)]
    pub category: Option<Category>,
    #[ts(optional)]
    pub status: Option<Status>,
    #[ts(optional)]
    pub capability: Option<String>,
    /// An auth type: oauth2, api_key, basic, bot_token, smtp or none.
    #[ts(optional)]
    pub auth: Option<String>,
    /// Free text over name, summary and tags; every word must match somewhere.
    #[ts(optional)]
    pub search: Option<String>,
}

impl ConnectorFilter {
    pub fn matches(&self, m: &Manifest) -> bool {
        self.category.is_none_or(|c| c == m.category)
            && self.status.is_none_or(|s| s == m.status)
            && self
                .capability
                .as_deref()
                .is_none_or(|cap| m.capabilities.iter().any(|c| c == cap))
            && self.auth.as_deref().is_none_or(|a| a == m.auth.kind())
            && self
                .search
                .as_deref()
                .is_none_or(|text| search_matches(m, text))
    }
}

fn search_matches(m: &Manifest, text: &str) -> bool {
    let haystack = format!("{} {} {} {}", m.id, m.name, m.summary, m.tags.join(" ")).to_lowercase();
    text.split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}
