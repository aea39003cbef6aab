use crate::output;
use clap::Subcommand;
use patchbay_core::{Workspace, attachments};
use std::path::Path;

/// The folders email attachments may come from.
#[derive(Debug, Subcommand)]
pub enum AttachmentsCommand {
    /// The allowed folders: the workspace's own, then those you added.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Allow attachments from a folder (its full path).
    Add { folder: String },
    /// Stop allowing a folder you added.
    Remove { folder: String },
}

pub fn run(data_dir: &Path, command: &AttachmentsCommand) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    let result = match command {
        AttachmentsCommand::List { json: true } => attachments::allowed(&ws).map(|all| {
            output::json(&all);
            None
        }),
        AttachmentsCommand::List { json: false } => attachments::allowed(&ws).map(Some),
        AttachmentsCommand::Add { folder } => attachments::add(&ws, folder)
            .and_then(|_| attachments::allowed(&ws))
            .map(Some),
        AttachmentsCommand::Remove { folder } => attachments::remove(&ws, folder)
            .and_then(|_| attachments::allowed(&ws))
            .map(Some),
    };
    match result {
        Ok(Some(all)) => {
            for folder in all {
                println!("{}", folder.display());
            }
            0
        }
        Ok(None) => 0,
        Err(e) => output::error(&e),
    }
}
