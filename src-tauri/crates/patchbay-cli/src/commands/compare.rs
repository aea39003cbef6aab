//! `patchbay report compare`: every account side by side, per 1,000 followers.

use crate::cli::Format;
use crate::output;
use patchbay_core::analytics;
use patchbay_core::{Error, Workspace};

fn num(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "—".into())
}

pub fn print(ws: &Workspace, days: i64, format: Format) -> Result<(), Error> {
    let rows = analytics::compare(ws.database(), days)?;
    match format {
        Format::Json | Format::Html | Format::Pdf => output::json(&rows),
        Format::Csv => {
            println!(
                "connection_id,connector,handle,followers,posts,views_per_1k,interactions_per_1k,growth_per_1k"
            );
            for r in &rows {
                let cell = |v: Option<f64>| v.map(|v| format!("{v:.3}")).unwrap_or_default();
                println!(
                    "{},{},{},{},{},{},{},{}",
                    r.connection_id,
                    r.connector_id,
                    r.handle.as_deref().unwrap_or("").replace(',', " "),
                    r.followers.map(|f| f.to_string()).unwrap_or_default(),
                    r.posts,
                    cell(r.views_per_1k),
                    cell(r.interactions_per_1k),
                    cell(r.growth_per_1k)
                );
            }
        }
        Format::Table => {
            if rows.is_empty() {
                println!("No synced accounts yet. Run: patchbay sync");
                return Ok(());
            }
            println!("Per 1,000 followers, over the last {days} days (best engagement first):");
            println!(
                "  {:<26} {:>10} {:>6} {:>13} {:>13} {:>10}",
                "ACCOUNT", "FOLLOWERS", "POSTS", "VIEWS/POST", "INTERACT/POST", "GROWTH"
            );
            for r in &rows {
                println!(
                    "  {:<26} {:>10} {:>6} {:>13} {:>13} {:>10}",
                    r.name,
                    r.followers.map(output::count).unwrap_or_else(|| "—".into()),
                    r.posts,
                    num(r.views_per_1k),
                    num(r.interactions_per_1k),
                    num(r.growth_per_1k)
                );
            }
        }
    }
    Ok(())
}
