//! What a gallery card shows about a connector.

use super::manifest::{Category, Manifest, Status};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Bundled,
    User,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConnectorSummary {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub category: Category,
    pub status: Status,
    /// oauth2, api_key, basic, bot_token, smtp or none.
    pub auth: String,
    pub tags: Vec<String>,
    pub capabilities: Vec<String>,
    pub source: Source,
    /// One or two letters for the card's icon.
    pub monogram: String,
    /// `#rrggbb`, when the manifest gives one.
    pub color: Option<String>,
}

impl ConnectorSummary {
    pub fn of(m: &Manifest, source: Source) -> Self {
        Self {
            id: m.id.clone(),
            name: m.name.clone(),
            summary: m.summary.clone(),
            category: m.category,
            status: m.status,
            auth: m.auth.kind().to_owned(),
            tags: m.tags.clone(),
            capabilities: m.capabilities.clone(),
            source,
            monogram: monogram(&m.name),
            color: m.color.clone(),
        }
    }
}

/// "Google Sheets" → "GS", "Slack" → "S", "X" → "X".
pub fn monogram(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}
