//! A connector's config as JSON Schema (draft 2020-12), and validation of a config against it
//! with one sentence per field.

use super::manifest::{FieldKind, Manifest};
use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Value, json};

pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The JSON Schema of a connector's config. Secret fields are `writeOnly` with
/// `format: password`, so generic form builders hide them and never echo them back.
pub fn config_schema(m: &Manifest) -> Value {
    let mut properties = Map::new();
    for field in &m.config {
        let mut prop = Map::new();
        let (ty, format) = match field.kind {
            FieldKind::Text | FieldKind::Select => ("string", None),
            FieldKind::Secret => ("string", Some("password")),
            FieldKind::Url => ("string", Some("uri")),
            FieldKind::Email => ("string", Some("email")),
            FieldKind::Number => ("number", None),
            FieldKind::Bool => ("boolean", None),
        };
        prop.insert("type".into(), ty.into());
        prop.insert("title".into(), field.label.clone().into());
        if let Some(format) = format {
            prop.insert("format".into(), format.into());
        }
        if field.kind == FieldKind::Secret {
            prop.insert("writeOnly".into(), true.into());
        }
        if let Some(help) = &field.help {
            prop.insert("description".into(), help.clone().into());
        }
        if let Some(pattern) = &field.pattern {
            prop.insert("pattern".into(), pattern.clone().into());
        }
        if field.kind == FieldKind::Select {
            prop.insert("enum".into(), field.options.clone().into());
        }
        if let Some(default) = &field.default {
            prop.insert("default".into(), default.clone());
        }
        if field.required && matches!(field.kind, FieldKind::Text | FieldKind::Secret) {
            prop.insert("minLength".into(), 1.into());
        }
        properties.insert(field.name.clone(), Value::Object(prop));
    }
    let required: Vec<&str> = m
        .config
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    json!({
        "$schema": DRAFT_2020_12,
        "$id": format!("https://patchbay.app/schemas/connectors/{}/config.json", m.id),
        "title": format!("{} connection settings", m.name),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

pub use patchbay_types::FieldError;

/// Checks `config` against the connector's schema; every problem comes back, one per field.
/// Messages name the field's label and never repeat a submitted value (it may be a secret).
pub fn validate_config(m: &Manifest, config: &Value) -> Result<(), Vec<FieldError>> {
    let schema = config_schema(m);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("generated config schemas are valid JSON Schema");
    let label = |name: &str| {
        m.config
            .iter()
            .find(|f| f.name == name)
            .map_or_else(|| name.to_owned(), |f| f.label.clone())
    };
    let mut errors: Vec<FieldError> = validator
        .iter_errors(config)
        .map(|e| {
            let at = e.instance_path().to_string();
            let field = at
                .trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or("")
                .to_owned();
            match e.kind() {
                ValidationErrorKind::Required { property } => {
                    let name = property.as_str().unwrap_or_default().to_owned();
                    let message = format!("{} is required.", label(&name));
                    FieldError {
                        field: name,
                        message,
                    }
                }
                ValidationErrorKind::AdditionalProperties { unexpected } => FieldError {
                    field: unexpected.join(", "),
                    message: format!(
                        "{} {} not a setting of {}.",
                        unexpected.join(", "),
                        if unexpected.len() == 1 { "is" } else { "are" },
                        m.name
                    ),
                },
                kind => {
                    let what = match kind {
                        ValidationErrorKind::MinLength { .. } => "must not be empty".to_owned(),
                        ValidationErrorKind::Pattern { pattern } => format!("must match {pattern}"),
                        ValidationErrorKind::Format { format } => {
                            format!("must be a valid {}", human_format(format))
                        }
                        ValidationErrorKind::Enum { options } => {
                            format!("must be one of {options}")
                        }
                        ValidationErrorKind::Type { .. } => "has the wrong type".to_owned(),
                        _ => "is not valid".to_owned(),
                    };
                    let subject = if field.is_empty() {
                        "The configuration".to_owned()
                    } else {
                        label(&field)
                    };
                    FieldError {
                        field: if field.is_empty() {
                            ".".to_owned()
                        } else {
                            field
                        },
                        message: format!("{subject} {what}."),
                    }
                }
            }
        })
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by(|a, b| a.field.cmp(&b.field));
    errors.dedup();
    Err(errors)
}

fn human_format(format: &str) -> &str {
    match format {
        "uri" => "URL",
        "email" => "email address",
        other => other,
    }
}
