use crate::output;
use clap::Args;
use patchbay_core::{Workspace, connections, sync};
use std::path::Path;

/// `patchbay records CONNECTION`: the items a connector's own list streams kept.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// The connection: its id, or its name.
    pub connection: String,
    /// Only this stream.
    #[arg(long)]
    pub stream: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    #[arg(long)]
    pub json: bool,
}

pub fn run(data_dir: &Path, args: &RecordsArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    let listed = connections::resolve(&ws, &args.connection)
        .and_then(|id| sync::records::list(&ws, &id, args.stream.as_deref(), args.limit));
    let records = match listed {
        Ok(r) => r,
        Err(e) => return output::error(&e),
    };
    if args.json {
        output::json(&records);
        return 0;
    }
    if records.is_empty() {
        println!(
            "No records yet. Sync the connection: patchbay sync --connection {}",
            args.connection
        );
    }
    for r in &records {
        let fields: Vec<String> = r
            .fields
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                )
            })
            .collect();
        println!("{:<10} {:<24} {}", r.stream, r.record_id, fields.join("  "));
    }
    0
}
