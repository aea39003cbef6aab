use crate::{output, runtime};
use clap::Subcommand;
use patchbay_core::{Error, Workspace, actions};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// The actions of one connection (or of every connection), with whether each runs today.
    List {
        /// The connection; every connection when left out.
        #[arg(long)]
        connection: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Run one action; prints its output. Exit 0 only when it succeeded.
    Run {
        /// The connection: its id, or its name ("Studio Slack").
        connection: String,
        action: String,
        /// The input as JSON, e.g. '{"to":["a@example.com"],"subject":"Hi","text":"Hello"}'.
        #[arg(
            long,
            conflicts_with = "input_file",
            required_unless_present = "input_file"
        )]
        input: Option<String>,
        /// A file holding the input as JSON.
        #[arg(long, value_name = "FILE")]
        input_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The latest action calls, newest first.
    Log {
        #[arg(long)]
        connection: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(data_dir: &Path, command: &ActionsCommand) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    match go(&ws, command) {
        Ok(()) => 0,
        Err(e) => output::error(&e),
    }
}

fn read_input(input: Option<&str>, file: Option<&Path>) -> Result<serde_json::Value, Error> {
    let text = match (input, file) {
        (Some(text), _) => text.to_owned(),
        (None, Some(file)) => std::fs::read_to_string(file).map_err(|e| Error::Io {
            path: file.to_owned(),
            action: "read",
            reason: e.to_string(),
        })?,
        (None, None) => {
            return Err(Error::InvalidInput(
                "Give the input with --input or --input-file.".into(),
            ));
        }
    };
    serde_json::from_str(&text)
        .map_err(|e| Error::InvalidInput(format!("The input is not JSON: {e}.")))
}

fn go(ws: &Workspace, command: &ActionsCommand) -> Result<(), Error> {
    match command {
        ActionsCommand::List { connection, json } => {
            let ids: Vec<String> = match connection {
                Some(id) => vec![patchbay_core::connections::resolve(ws, id)?],
                None => patchbay_core::connections::list(ws, &Default::default())?
                    .into_iter()
                    .map(|c| c.id.clone())
                    .collect(),
            };
            let mut all = Vec::new();
            for id in &ids {
                let list = actions::list(ws, id)?;
                if !*json && !list.is_empty() {
                    if connection.is_none() {
                        println!("{id}");
                    }
                    for a in &list {
                        let state = if a.runs { "" } else { "  (coming soon)" };
                        println!("  {:<24} {}{state}", a.name, a.description);
                    }
                }
                all.push(serde_json::json!({"connection": id, "actions": list}));
            }
            if *json {
                match connection {
                    Some(_) => output::json(&all[0]["actions"]),
                    None => output::json(&all),
                }
            } else if ids.is_empty() {
                println!(
                    "No connections yet. Add one with: patchbay connections add CONNECTOR --name NAME"
                );
            }
        }
        ActionsCommand::Run {
            connection,
            action,
            input,
            input_file,
            json,
        } => {
            let input = read_input(input.as_deref(), input_file.as_deref())?;
            let id = patchbay_core::connections::resolve(ws, connection)?;
            let out = runtime::block_on(actions::run(ws, &id, action, &input))?;
            if *json {
                output::json(&out);
            } else {
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            }
        }
        ActionsCommand::Log {
            connection,
            limit,
            json,
        } => {
            let calls = actions::log(ws, connection.as_deref(), *limit)?;
            if *json {
                output::json(&calls);
                return Ok(());
            }
            if calls.is_empty() {
                println!("No action has run yet.");
            }
            for c in &calls {
                println!(
                    "{}  {:<20} {:<14} {:<8} {:>5} ms  {}",
                    c.started_at,
                    c.connection_id,
                    c.action,
                    c.outcome,
                    c.duration_ms,
                    c.message
                        .as_deref()
                        .or(c.created_id.as_deref())
                        .unwrap_or("")
                );
            }
        }
    }
    Ok(())
}
