//! Workflows: local automations in `<data dir>/workflows/` that chain connector actions, HTTP
//! requests and conditions, passing each step's output to the next as `{{ step.field }}`, started
//! by hand, on a schedule, or by what Patchbay sees in your own numbers. Runs survive crashes
//! (see `engine`); every event fires once (see `triggers`).

pub mod engine;
pub mod file;
mod triggers;

pub use file::{FOLDER, Step, StepKind, Trigger, Workflow};

use crate::error::{Error, Result};
use crate::store::workflows::{self as rows, RunRow, StepRow};
use crate::sync::SyncSummary;
use crate::workspace::Workspace;
use patchbay_types::FieldError;
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A workflow as the front doors list it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkflowView {
    /// The file's name without extension: what commands name it by.
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// The trigger in words.
    pub trigger: String,
    pub enabled: bool,
    pub file: String,
    /// Why it cannot run, when it cannot (every problem with its path).
    pub problems: Vec<FieldError>,
    pub last_run: Option<RunRow>,
    pub next_run_at: Option<String>,
    #[ts(type = "unknown")]
    pub definition: Option<Value>,
    /// The run inputs its steps read (`{{ input.email }}`): what Run now asks for.
    pub inputs: Vec<String>,
}

/// A run with its steps.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RunView {
    pub run: RunRow,
    pub steps: Vec<StepRow>,
}

pub fn dir(ws: &Workspace) -> PathBuf {
    ws.data_dir().join(FOLDER)
}

/// Every workflow file, by id, sorted.
fn files(ws: &Workspace) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir(ws))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "toml"))
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p)))
        .collect();
    out.sort();
    out
}

fn describe(t: &Trigger) -> String {
    match t {
        Trigger::Manual => "by hand".into(),
        Trigger::Schedule { schedule } => format!("on schedule: {schedule}"),
        Trigger::SyncFinished { connection } => format!(
            "after a sync of {}",
            connection.as_deref().unwrap_or("any connection")
        ),
        Trigger::PostThreshold {
            metric,
            above,
            within_hours,
            ..
        } => format!("when a post passes {above} {metric} within {within_hours} h"),
        Trigger::FollowersMilestone { every, .. } => format!("at every {every} followers"),
        Trigger::NeedsReauth => "when a connection needs reconnecting".into(),
        Trigger::TokenExpiring { within_days } => {
            format!("when a token expires within {within_days} days")
        }
    }
}

/// Reads and checks a workflow file; every problem is an error with its path.
pub fn check(ws: &Workspace, path: &Path) -> Result<Workflow> {
    let w = file::parse(path)?;
    let problems = file::problems(ws, &w);
    if problems.is_empty() {
        Ok(w)
    } else {
        Err(Error::WorkflowInvalid {
            file: path.display().to_string(),
            errors: problems,
        })
    }
}

fn view(ws: &Workspace, id: &str, path: &Path) -> Result<WorkflowView> {
    let sql_enabled = rows::enabled(&ws.database().lock(), id)?;
    let last_run = rows::runs(&ws.database().lock(), Some(id), 1)?
        .into_iter()
        .next();
    let (name, description, trigger, problems, definition, next, inputs) = match file::parse(path) {
        Ok(w) => {
            let next = match &w.trigger {
                Trigger::Schedule { .. } => rows::next_due(&ws.database().lock(), id)?,
                _ => None,
            };
            let problems = file::problems(ws, &w);
            (
                w.name.clone(),
                w.description.clone(),
                describe(&w.trigger),
                problems,
                serde_json::to_value(&w).ok(),
                next,
                file::inputs(&w),
            )
        }
        Err(Error::WorkflowInvalid { errors, .. }) => (
            id.to_owned(),
            None,
            "—".into(),
            errors,
            None,
            None,
            Vec::new(),
        ),
        Err(e) => return Err(e),
    };
    Ok(WorkflowView {
        id: id.to_owned(),
        name,
        description,
        trigger,
        enabled: sql_enabled,
        file: path.display().to_string(),
        problems,
        last_run,
        next_run_at: next,
        definition,
        inputs,
    })
}

pub fn list(ws: &Workspace) -> Result<Vec<WorkflowView>> {
    files(ws).iter().map(|(id, p)| view(ws, id, p)).collect()
}

fn find(ws: &Workspace, id: &str) -> Result<PathBuf> {
    files(ws)
        .into_iter()
        .find(|(i, _)| i == id)
        .map(|(_, p)| p)
        .ok_or_else(|| Error::UnknownWorkflow {
            name: id.to_owned(),
        })
}

pub fn get(ws: &Workspace, id: &str) -> Result<WorkflowView> {
    view(ws, id, &find(ws, id)?)
}

/// Checks a file and copies it into the workflows folder (replacing one of the same name).
pub fn add(ws: &Workspace, path: &Path) -> Result<WorkflowView> {
    check(ws, path)?;
    let name = path
        .file_name()
        .ok_or_else(|| Error::InvalidInput("Give a workflow file.".into()))?;
    let target = dir(ws).join(name);
    std::fs::create_dir_all(dir(ws))
        .and_then(|()| std::fs::copy(path, &target))
        .map_err(|e| Error::Io {
            path: target.clone(),
            action: "write",
            reason: e.to_string(),
        })?;
    let id = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    view(ws, &id, &target)
}

/// Saves a workflow written in the window (JSON), after checking it; nothing is written when
/// it has problems.
pub fn save(ws: &Workspace, id: &str, text: &str) -> Result<WorkflowView> {
    if !crate::registry::is_snake_name(&id.replace('-', "_")) {
        return Err(Error::InvalidInput(format!(
            "`{id}` cannot be a workflow's file name; use letters, digits, - and _."
        )));
    }
    let target = dir(ws).join(format!("{id}.json"));
    let draft = dir(ws).join(format!(".{id}.draft.json"));
    let write = |p: &Path| {
        std::fs::create_dir_all(dir(ws))
            .and_then(|()| std::fs::write(p, text))
            .map_err(|e| Error::Io {
                path: p.to_owned(),
                action: "write",
                reason: e.to_string(),
            })
    };
    write(&draft)?;
    let checked = check(ws, &draft).map_err(|e| match e {
        Error::WorkflowInvalid { errors, .. } => Error::WorkflowInvalid {
            file: format!("{id}.json"),
            errors,
        },
        other => other,
    });
    let _ = std::fs::remove_file(&draft);
    checked?;
    write(&target)?;
    view(ws, id, &target)
}

pub fn set_enabled(ws: &Workspace, id: &str, on: bool) -> Result<WorkflowView> {
    let path = find(ws, id)?;
    rows::set_enabled(&ws.database().lock(), id, on)?;
    view(ws, id, &path)
}

/// Runs a workflow now, by hand, with `input`; answers the finished run.
pub async fn run_now(ws: &Workspace, id: &str, input: &Value) -> Result<RunView> {
    let path = find(ws, id)?;
    let w = check(ws, &path)?;
    let run = engine::start(ws, id, &w, "manual", &serde_json::json!({}), input).await?;
    show(ws, run)
}

pub fn runs(ws: &Workspace, id: Option<&str>, limit: i64) -> Result<Vec<RunRow>> {
    rows::runs(&ws.database().lock(), id, limit)
}

pub fn show(ws: &Workspace, run: i64) -> Result<RunView> {
    let sql = ws.database().lock();
    let row = rows::run(&sql, run)?
        .ok_or_else(|| Error::InvalidInput(format!("No workflow run has the id {run}.")))?;
    Ok(RunView {
        run: row,
        steps: rows::steps(&sql, run)?,
    })
}

/// One pass of the automation: runs a dead process left unfinished go on, then every enabled
/// workflow whose trigger fired runs (`synced`: the sync round that just finished, if any).
/// Answers the runs it started or resumed.
pub async fn tick(ws: &Workspace, synced: &[SyncSummary]) -> Result<Vec<i64>> {
    let mut touched = Vec::new();
    // Run history is kept as long as the rest of the history (Settings → Keep history).
    let days = crate::preferences::get(ws)?.retention_days;
    if days > 0 {
        let before = chrono::Utc::now() - chrono::Duration::days(i64::from(days));
        rows::prune(
            &ws.database().lock(),
            &before.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        )?;
    }
    let unfinished = rows::unfinished(&ws.database().lock())?;
    for run in unfinished {
        let Ok(path) = find(ws, &run.workflow) else {
            rows::finish_run(
                &ws.database().lock(),
                run.id,
                "failed",
                Some("The workflow's file is gone."),
                &crate::connections::service::now(),
            )?;
            continue;
        };
        let Ok(w) = file::parse(&path) else { continue };
        if engine::resume(ws, &run.workflow, &w, run.id).await? {
            touched.push(run.id);
        }
    }
    let now = chrono::Utc::now();
    for (id, path) in files(ws) {
        if !rows::enabled(&ws.database().lock(), &id)? {
            continue;
        }
        let Ok(w) = file::parse(&path) else { continue };
        if !file::problems(ws, &w).is_empty() {
            continue;
        }
        for fire in triggers::fires(ws, &id, &w, synced, now)? {
            if let Some(event) = &fire.event
                && !rows::claim_event(
                    &ws.database().lock(),
                    &id,
                    event,
                    &crate::connections::service::now(),
                )?
            {
                continue;
            }
            match engine::start(ws, &id, &w, &fire.label, &fire.data, &Value::Null).await {
                Ok(run) => touched.push(run),
                Err(e) => tracing::warn!(workflow = %id, error = %e, "a workflow did not start"),
            }
        }
    }
    Ok(touched)
}

/// Ready-to-fill workflows for the window's "New from a template" (the three the README shows).
pub fn templates() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "milestone-to-discord",
            include_str!("templates/milestone-to-discord.json"),
        ),
        ("weekly-email", include_str!("templates/weekly-email.json")),
        (
            "reauth-to-slack",
            include_str!("templates/reauth-to-slack.json"),
        ),
    ]
}
