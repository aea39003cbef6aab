//! What a manifest declares to run without code of its own: an action's request, and a list
//! stream's paging.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use ts_rs::TS;

/// A declarative action: one request built from the input by templates, its answer mapped to
/// the declared output. Templates (`{{ input.x }}`, `{{ config.y }}`, `{{ connection.account_id }}`)
/// are MiniJinja in strict mode; a value that is exactly one `{{ … }}` keeps its type, and is
/// left out when absent (an optional input).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    /// GET, POST, PUT, PATCH or DELETE.
    pub method: String,
    /// Below `api.base_url`; each `{{ … }}` in it is percent-encoded.
    pub path: String,
    #[serde(default)]
    #[ts(type = "Record<string, unknown>")]
    pub query: BTreeMap<String, Value>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// How the body travels: json (the default), form, multipart or none.
    #[serde(default)]
    pub encoding: Encoding,
    /// The body, as a template tree. Multipart: each key a part; `{ file = "…" }` attaches a
    /// file from an allowed folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "unknown")]
    pub body: Option<Value>,
    /// Output property → where it is in the answer: a JSON pointer (`/id`), `header:Name`, or
    /// `link:next:param` (a query parameter of the Link header's `rel="next"` URL).
    #[serde(default)]
    pub output: BTreeMap<String, String>,
    /// JSON pointer to the platform's error code in an error answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// JSON pointer to the platform's own error message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// HTTP status or platform error code → the sentence the user sees.
    #[serde(default)]
    pub errors: BTreeMap<String, String>,
    /// Whether a lost answer may be retried: `safe` (a read, or an idempotency header below)
    /// or `never` (the default for POST and PATCH).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    /// A header that carries one key per action call, kept across its retries (Stripe's
    /// `Idempotency-Key`); makes the request safe to repeat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_header: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    #[default]
    Json,
    Form,
    Multipart,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Repeat {
    Safe,
    Never,
}

/// How a list stream is read and what is kept of each item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordStream {
    /// JSON pointer to the page's list of items (`/orders`; `""` when the page is the list).
    pub items: String,
    /// JSON pointer to an item's stable id.
    pub id: String,
    /// Field name → JSON pointer into the item: what Patchbay keeps and shows.
    pub fields: BTreeMap<String, String>,
    /// Query parameters of every request; values may use `{{ config.x }}`.
    #[serde(default)]
    #[ts(type = "Record<string, unknown>")]
    pub query: BTreeMap<String, Value>,
    pub paging: Paging,
    /// Incremental reads: only items changed since the last sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Since>,
    /// Pages read per sync at most (20 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pages: Option<u32>,
}

/// How the next page is found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "style", rename_all = "lowercase", deny_unknown_fields)]
pub enum Paging {
    /// The `Link` header's `rel="next"` address (GitHub, Shopify).
    Link,
    /// A cursor from the answer (`next` pointer) sent back as query parameter `param`.
    Cursor { param: String, next: String },
    /// Page numbers in query parameter `param`, from `start` (1 by default), until a page is empty.
    Page {
        param: String,
        #[serde(default)]
        start: Option<u32>,
    },
}

/// "Changed since": the query parameter that takes the time, and where an item says when it
/// changed (the newest seen is sent next time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Since {
    pub param: String,
    pub field: String,
}
