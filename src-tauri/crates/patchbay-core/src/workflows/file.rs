//! Workflow files in `<data dir>/workflows/`: the connectors guide's JSON shape as written
//! (`steps[].name/type/config`, `connectorType`, `action`, `credentialId`), or the same in TOML
//! for hand-editing. Validation lists every problem with its path: an unknown connection or
//! action, input the action's schema refuses, a `{{ … }}` naming a step that does not exist or
//! comes later, a template that does not parse.

use crate::error::{Error, Result};
use crate::registry::template;
use crate::workspace::Workspace;
use patchbay_types::FieldError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;
use ts_rs::TS;

/// The folder workflow files live in.
pub const FOLDER: &str = "workflows";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub trigger: Trigger,
    pub steps: Vec<Step>,
}

/// What starts a run. Its data is `{{ trigger.… }}` in the steps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// Run now, from the window or `patchbay workflows run`.
    #[default]
    Manual,
    /// "every 1d", "30m", or cron "0 9 * * 1" (local time).
    Schedule { schedule: String },
    /// After a sync of (one of) the connections finished.
    #[serde(rename = "sync.finished")]
    SyncFinished {
        #[serde(default)]
        connection: Option<String>,
    },
    /// A post's metric reached `above` within `within_hours` of publishing; once per post.
    #[serde(rename = "post.threshold")]
    PostThreshold {
        #[serde(default)]
        connection: Option<String>,
        metric: String,
        above: f64,
        within_hours: u32,
    },
    /// An account's followers passed a multiple of `every`; once per milestone.
    #[serde(rename = "followers.milestone")]
    FollowersMilestone {
        #[serde(default)]
        connection: Option<String>,
        every: i64,
    },
    /// A connection needs its account connected again; once per occurrence.
    #[serde(rename = "connection.needs_reauth")]
    NeedsReauth,
    /// A connection's token expires within `within_days`; once per token.
    #[serde(rename = "token.expiring")]
    TokenExpiring { within_days: u32 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: StepKind,
    #[ts(type = "Record<string, unknown>")]
    pub config: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A connection's action: `connectorType`, `action`, `credentialId`, `input` (or `params`).
    Connector,
    /// One request: `method`, `url`, `headers`, `body`; answers `{status, data, headers}`.
    HttpRequest,
    /// `if`: an expression; a false one ends the run quietly.
    Condition,
    /// A report (`period`, optional `connections`, `format` html or pdf) saved where an email
    /// step may attach it; answers `{file, path}`.
    Report,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connector => "connector",
            Self::HttpRequest => "http_request",
            Self::Condition => "condition",
            Self::Report => "report",
        }
    }
}

/// A connector step's settings, in the guide's names.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectorStep {
    #[serde(default)]
    pub connector_type: Option<String>,
    pub action: String,
    pub credential_id: String,
    #[serde(default, alias = "params")]
    pub input: Value,
}

/// Reads a workflow file (`.json` or `.toml`) without checking it against the workspace.
pub fn parse(path: &Path) -> Result<Workflow> {
    let shown = path.display().to_string();
    let text =
        crate::registry::read_manifest_file(path).map_err(|reason| invalid(&shown, ".", reason))?;
    let toml = path.extension().is_some_and(|e| e == "toml");
    let parsed: std::result::Result<Workflow, String> = if toml {
        toml::from_str(&text).map_err(|e| e.message().to_owned())
    } else {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    };
    parsed.map_err(|reason| invalid(&shown, ".", reason))
}

fn invalid(file: &str, path: &str, reason: impl Into<String>) -> Error {
    Error::WorkflowInvalid {
        file: file.to_owned(),
        errors: vec![FieldError {
            field: path.to_owned(),
            message: reason.into(),
        }],
    }
}

/// Every problem of `w` in this workspace; empty when it can run.
pub fn problems(ws: &Workspace, w: &Workflow) -> Vec<FieldError> {
    let mut out = Vec::new();
    let mut add = |field: String, message: String| out.push(FieldError { field, message });
    if w.steps.is_empty() {
        add("steps".into(), "a workflow needs at least one step".into());
    }
    if let Trigger::Schedule { schedule } = &w.trigger
        && let Err(e) = crate::sync::schedule::Schedule::parse(schedule)
    {
        add("trigger.schedule".into(), e.to_string());
    }
    let names: Vec<&str> = w.steps.iter().map(|s| s.name.as_str()).collect();
    for (i, step) in w.steps.iter().enumerate() {
        let at = format!("steps[{i}]");
        if !crate::registry::is_snake_name(&step.name) {
            add(
                format!("{at}.name"),
                format!(
                    "`{}` must be snake_case (letters, digits, _), so later steps can name it",
                    step.name
                ),
            );
        }
        if names[..i].contains(&step.name.as_str()) {
            add(
                format!("{at}.name"),
                format!("another step is already called `{}`", step.name),
            );
        }
        if matches!(step.name.as_str(), "input" | "trigger") {
            add(
                format!("{at}.name"),
                format!("`{}` is reserved for the run's own data", step.name),
            );
        }
        let mut templates = Vec::new();
        template::strings(&step.config, &format!("{at}.config"), &mut templates);
        for (path, text) in templates {
            match template::names(text) {
                Err(e) => add(path, format!("the template does not parse: {e}")),
                Ok(used) => {
                    for name in used {
                        let root = name.split('.').next().unwrap_or_default();
                        if matches!(root, "input" | "trigger") {
                            continue;
                        }
                        match names.iter().position(|n| *n == root) {
                            Some(j) if j < i => {}
                            Some(_) => add(
                                path.clone(),
                                format!(
                                    "`{name}` names step `{root}`, which runs later; a step can use only earlier steps"
                                ),
                            ),
                            None => add(
                                path.clone(),
                                format!(
                                    "`{name}` names no step; the steps are {}",
                                    names.join(", ")
                                ),
                            ),
                        }
                    }
                }
            }
        }
        match step.kind {
            StepKind::Connector => connector(ws, step, &at, &mut add),
            StepKind::HttpRequest => {
                if step.config.get("url").and_then(Value::as_str).is_none() {
                    add(
                        format!("{at}.config.url"),
                        "an http_request needs a url".into(),
                    );
                }
            }
            StepKind::Report => {
                let period = step
                    .config
                    .get("period")
                    .and_then(Value::as_str)
                    .unwrap_or("7d");
                if !template::is_template(period)
                    && let Err(e) =
                        crate::analytics::report::Period::parse(period, chrono::Utc::now())
                {
                    add(format!("{at}.config.period"), e.to_string());
                }
                if !matches!(
                    step.config.get("format").and_then(Value::as_str),
                    None | Some("html" | "pdf")
                ) {
                    add(
                        format!("{at}.config.format"),
                        "a report is html or pdf".into(),
                    );
                }
            }
            StepKind::Condition => {
                if step.config.get("if").and_then(Value::as_str).is_none() {
                    add(
                        format!("{at}.config.if"),
                        "a condition needs an `if` expression".into(),
                    );
                }
            }
        }
    }
    out
}

fn connector(ws: &Workspace, step: &Step, at: &str, add: &mut impl FnMut(String, String)) {
    let config: ConnectorStep = match serde_json::from_value(step.config.clone()) {
        Ok(c) => c,
        Err(e) => {
            return add(
                format!("{at}.config"),
                format!("a connector step needs action and credentialId ({e})"),
            );
        }
    };
    let id = match crate::connections::resolve(ws, &config.credential_id) {
        Ok(id) => id,
        Err(_) => {
            return add(
                format!("{at}.config.credentialId"),
                format!("no connection is called `{}`", config.credential_id),
            );
        }
    };
    let Ok(c) = crate::connections::service::load(ws, &id) else {
        return;
    };
    if let Some(kind) = &config.connector_type
        && *kind != c.connector_id
    {
        add(
            format!("{at}.config.connectorType"),
            format!(
                "`{}` is a {} connection, not {kind}",
                config.credential_id, c.connector_id
            ),
        );
    }
    let Ok(m) = ws.registry().get(&c.connector_id) else {
        return;
    };
    let Some(action) = m.actions.iter().find(|a| a.name == config.action) else {
        let known: Vec<&str> = m.actions.iter().map(|a| a.name.as_str()).collect();
        return add(
            format!("{at}.config.action"),
            format!(
                "{} has no action `{}` (its actions: {})",
                m.name,
                config.action,
                known.join(", ")
            ),
        );
    };
    if !crate::catalog::runs(m, &action.name) {
        add(
            format!("{at}.config.action"),
            format!(
                "{}'s {} is coming soon: Patchbay cannot run it yet",
                m.name, action.name
            ),
        );
    }
    // What can be known before the run: required inputs present, no unknown ones, and every
    // value without a template valid for its property.
    let input = config.input.as_object().cloned().unwrap_or_default();
    for required in action.input["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !input.contains_key(required) {
            add(
                format!("{at}.config.input.{required}"),
                format!("{} needs `{required}`", action.name),
            );
        }
    }
    let props = &action.input["properties"];
    for (key, value) in &input {
        let Some(schema) = props.get(key) else {
            if action.input["additionalProperties"] == Value::Bool(false) {
                add(
                    format!("{at}.config.input.{key}"),
                    format!("`{key}` is not an input of {}", action.name),
                );
            }
            continue;
        };
        let mut templated = Vec::new();
        template::strings(value, "", &mut templated);
        if templated.is_empty()
            && let Ok(validator) = jsonschema::validator_for(schema)
        {
            for e in validator.iter_errors(value) {
                add(
                    format!("{at}.config.input.{key}{}", e.instance_path()),
                    e.to_string(),
                );
            }
        }
    }
}

/// The run inputs a workflow reads (`{{ input.email }}` → `email`), in the order its steps first
/// use them: what a manual run asks for.
pub fn inputs(w: &Workflow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for step in &w.steps {
        let mut templates = Vec::new();
        template::strings(&step.config, "", &mut templates);
        for (_, text) in templates {
            for name in template::names(text).unwrap_or_default() {
                let mut parts = name.split('.');
                if let (Some("input"), Some(field)) = (parts.next(), parts.next())
                    && !out.iter().any(|f| f == field)
                {
                    out.push(field.to_owned());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_manual_run_asks_for_the_inputs_its_steps_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        std::fs::write(
            &path,
            r#"{"name": "W", "trigger": {"type": "manual"}, "steps": [
                {"name": "a", "type": "condition", "config": {"if": "{{ input.go and input.count > 2 }}"}},
                {"name": "b", "type": "http_request", "config": {"url": "https://example.com/{{ input.email }}",
                    "body": {"n": "{{ input.count }}", "t": "{{ trigger.x }}", "s": "{{ a.ok }}"}}}]}"#,
        )
        .unwrap();
        let w = super::parse(&path).unwrap();
        assert_eq!(super::inputs(&w), vec!["count", "go", "email"]);
    }
}
