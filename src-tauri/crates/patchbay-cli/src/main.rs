//! `patchbay`: the headless front door onto Patchbay's core.

mod cli;
mod commands;
mod input;
mod output;
mod pipe;
mod progress;
mod runtime;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    pipe::quiet_when_the_reader_leaves();
    let cli = Cli::parse();
    let data_dir = match patchbay_core::paths::resolve_data_dir(cli.global.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(err) => return ExitCode::from(output::error(&err)),
    };
    patchbay_core::logs::init(&data_dir);
    let code = match &cli.command {
        Command::Doctor(args) => commands::doctor::run(&data_dir, args),
        Command::Connectors(command) => commands::connectors::run(&data_dir, command),
        Command::Connections(command) => commands::connections::run(&data_dir, command),
        Command::Connect(args) => commands::connect::run(&data_dir, args),
        Command::Disconnect(args) => commands::connect::disconnect(&data_dir, &args.id),
        Command::Sandbox(command) => commands::sandbox::run(&data_dir, command),
        Command::Demo(args) => commands::demo::run(&data_dir, args),
        Command::Sync(args) => commands::sync::run(&data_dir, args),
        Command::Report(args) => commands::report::run(&data_dir, args),
        Command::Export(args) => commands::report::export(&data_dir, args),
        Command::Chart(args) => commands::report::chart(&data_dir, args),
        Command::Logs(args) => commands::logs::logs(&data_dir, args),
        Command::Apps(command) => commands::apps::run(&data_dir, command),
        Command::Actions(command) => commands::actions::run(&data_dir, command),
        Command::Attachments(command) => commands::attachments::run(&data_dir, command),
        Command::Records(args) => commands::records::run(&data_dir, args),
        Command::Insights(args) => commands::insights::run(&data_dir, args),
        Command::Workflows(command) => commands::workflows::run(&data_dir, command),
        Command::Diagnostics => commands::logs::diagnostics(&data_dir),
    };
    ExitCode::from(code)
}
