//! An action's input checked against the JSON Schema its manifest declares, before any request:
//! every problem with the path of the value it is about.

use crate::error::{Error, Result};
use jsonschema::error::ValidationErrorKind;
use patchbay_types::FieldError;
use serde_json::Value;

pub fn check(action: &str, schema: &Value, input: &Value) -> Result<()> {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| {
            Error::InvalidInput(format!(
                "The manifest's input schema for {action} is not valid JSON Schema ({e})."
            ))
        })?;
    let errors: Vec<FieldError> = validator
        .iter_errors(input)
        .map(|e| {
            let at = e.instance_path().to_string();
            match e.kind() {
                ValidationErrorKind::Required { property } => {
                    let name = property.as_str().unwrap_or_default();
                    let field = if at.is_empty() {
                        format!("/{name}")
                    } else {
                        format!("{at}/{name}")
                    };
                    FieldError {
                        message: format!("{field} is required."),
                        field,
                    }
                }
                ValidationErrorKind::AdditionalProperties { unexpected } => FieldError {
                    field: if at.is_empty() {
                        "/".into()
                    } else {
                        at.clone()
                    },
                    message: format!(
                        "{} {} not an input of {action}.",
                        unexpected.join(", "),
                        if unexpected.len() == 1 { "is" } else { "are" }
                    ),
                },
                _ => FieldError {
                    field: if at.is_empty() {
                        "/".into()
                    } else {
                        at.clone()
                    },
                    message: e.to_string(),
                },
            }
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::ActionInput {
            action: action.to_owned(),
            errors,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_problem_is_listed_with_its_path() {
        let schema = json!({"type": "object", "required": ["to", "subject"], "properties": {"to": {"type": "array", "items": {"type": "string", "format": "email"}}, "subject": {"type": "string"}}, "additionalProperties": false});
        let Err(Error::ActionInput { errors, .. }) = check(
            "send_email",
            &schema,
            &json!({"to": ["ok@example.com", "not-an-address"], "colour": "red"}),
        ) else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"/subject"), "{errors:?}");
        assert!(fields.contains(&"/to/1"), "{errors:?}");
        assert!(
            errors.iter().any(|e| e.message.contains("colour")),
            "{errors:?}"
        );
        assert!(
            check(
                "send_email",
                &schema,
                &json!({"to": ["a@example.com"], "subject": "Hi"})
            )
            .is_ok()
        );
    }
}
