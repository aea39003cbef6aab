use crate::{output, runtime};
use clap::Subcommand;
use patchbay_core::{Error, Workspace, workflows};
use std::path::{Path, PathBuf};

/// Local automations in `<data dir>/workflows/`.
#[derive(Debug, Subcommand)]
pub enum WorkflowsCommand {
    /// Every workflow: its trigger, whether it is on, its last run, and its problems.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check a workflow file (JSON or TOML) without adding it: every problem with its path.
    Validate { file: PathBuf },
    /// Check a workflow file and copy it into the workflows folder.
    Add { file: PathBuf },
    /// Let a workflow's trigger start it.
    Enable { name: String },
    /// Keep a workflow from starting on its own (running it by hand still works).
    Disable { name: String },
    /// Run a workflow now; prints its run. Exit 0 only when every step succeeded.
    Run {
        name: String,
        /// The run's input as JSON: `{{ input.… }}` in the steps.
        #[arg(long)]
        input: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The latest runs, newest first.
    Runs {
        #[arg(long)]
        workflow: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
    /// One run, step by step.
    Show {
        run: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(data_dir: &Path, command: &WorkflowsCommand) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    go(&ws, command).unwrap_or_else(|e| output::error(&e))
}

fn print_run(v: &workflows::RunView, json: bool) -> u8 {
    if json {
        output::json(v);
    } else {
        let r = &v.run;
        println!(
            "Run {} of {} ({}): {}",
            r.id, r.workflow, r.trigger, r.status
        );
        for s in &v.steps {
            let took = s.duration_ms.map(|d| format!("{d} ms")).unwrap_or_default();
            println!(
                "  {:<2} {:<20} {:<13} {:<8} {took}",
                s.idx + 1,
                s.name,
                s.kind,
                s.status
            );
            if let Some(e) = &s.error {
                println!("       {e}");
            }
        }
    }
    u8::from(v.run.status != "ok" && v.run.status != "stopped")
}

fn go(ws: &Workspace, command: &WorkflowsCommand) -> Result<u8, Error> {
    match command {
        WorkflowsCommand::List { json } => {
            let list = workflows::list(ws)?;
            if *json {
                output::json(&list);
                return Ok(0);
            }
            if list.is_empty() {
                println!(
                    "No workflows yet. Write one (see the README's Workflows section), then: patchbay workflows add FILE"
                );
            }
            for w in &list {
                let state = if !w.problems.is_empty() {
                    "invalid"
                } else if w.enabled {
                    "on"
                } else {
                    "off"
                };
                let last = w
                    .last_run
                    .as_ref()
                    .map(|r| format!("last run {} ({})", r.started_at, r.status))
                    .unwrap_or_else(|| "never ran".into());
                println!("{:<24} {:<8} {} · {last}", w.id, state, w.trigger);
                for p in &w.problems {
                    println!("    {}: {}", p.field, p.message);
                }
            }
        }
        WorkflowsCommand::Validate { file } => {
            let w = workflows::check(ws, file)?;
            println!(
                "{} is a valid workflow: {} ({} steps).",
                file.display(),
                w.name,
                w.steps.len()
            );
        }
        WorkflowsCommand::Add { file } => {
            let v = workflows::add(ws, file)?;
            println!("Added {} ({}): runs {}.", v.name, v.id, v.trigger);
        }
        WorkflowsCommand::Enable { name } | WorkflowsCommand::Disable { name } => {
            let on = matches!(command, WorkflowsCommand::Enable { .. });
            let v = workflows::set_enabled(ws, name, on)?;
            println!("{} is {}.", v.name, if v.enabled { "on" } else { "off" });
        }
        WorkflowsCommand::Run { name, input, json } => {
            let input = match input {
                Some(text) => serde_json::from_str(text)
                    .map_err(|e| Error::InvalidInput(format!("The input is not JSON: {e}.")))?,
                None => serde_json::json!({}),
            };
            let v = runtime::block_on(workflows::run_now(ws, name, &input))?;
            return Ok(print_run(&v, *json));
        }
        WorkflowsCommand::Runs {
            workflow,
            limit,
            json,
        } => {
            let runs = workflows::runs(ws, workflow.as_deref(), *limit)?;
            if *json {
                output::json(&runs);
                return Ok(0);
            }
            if runs.is_empty() {
                println!("No workflow has run yet.");
            }
            for r in &runs {
                println!(
                    "{:>5}  {}  {:<24} {:<8} {}",
                    r.id,
                    r.started_at,
                    r.workflow,
                    r.status,
                    r.error.as_deref().unwrap_or(&r.trigger)
                );
            }
        }
        WorkflowsCommand::Show { run, json } => {
            let v = workflows::show(ws, *run)?;
            print_run(&v, *json);
        }
    }
    Ok(0)
}
