use crate::output;
use clap::Args;
use patchbay_core::{Workspace, insights};
use std::path::Path;

/// `patchbay insights`: what your own history says, each with its evidence and how sure it is.
#[derive(Debug, Args)]
pub struct InsightsArgs {
    /// One connection (its id or name); every account when left out.
    #[arg(long)]
    pub connection: Option<String>,
    /// The accounts carrying this tag (a client's).
    #[arg(long, conflicts_with = "connection")]
    pub tag: Option<String>,
    #[arg(long, default_value_t = 90)]
    pub days: i64,
    #[arg(long)]
    pub json: bool,
}

pub fn run(data_dir: &Path, args: &InsightsArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    let offset = chrono::Local::now().offset().local_minus_utc() / 60;
    let found = match insights::compute(
        &ws,
        insights::Scope::of(args.connection.as_deref(), args.tag.as_deref()),
        args.days,
        offset,
    ) {
        Ok(f) => f,
        Err(e) => return output::error(&e),
    };
    if args.json {
        output::json(&found);
        return 0;
    }
    if found.items.is_empty() {
        println!("No account has history yet. Connect one and sync it (patchbay demo shows how).");
    }
    for i in &found.items {
        let sure = i
            .confidence
            .map(|c| format!(" [{:.0} %]", (c * 100.0).min(99.0)))
            .unwrap_or_default();
        println!(
            "{}{sure}\n  {}\n  evidence: {} over {}",
            i.title, i.statement, i.evidence.n, i.evidence.period
        );
    }
    0
}
