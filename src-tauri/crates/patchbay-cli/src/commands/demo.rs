use crate::cli::DemoArgs;
use crate::{output, runtime};
use patchbay_core::samples::{self, Connected};
use patchbay_core::{Error, Workspace};
use serde_json::{Value, json};
use std::path::Path;

pub fn run(data_dir: &Path, args: &DemoArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    match runtime::block_on(demo(&ws, args.json)) {
        Ok(()) => 0,
        Err(e) => output::error(&e),
    }
}

fn told(c: &Connected) {
    if c.created {
        println!("Created {} ({}) in sandbox mode.", c.view.name, c.view.id);
    }
    println!(
        "Connected {} through OAuth ({}) as {}; token expires {}.",
        c.view.name,
        c.sample.flow,
        c.view.account_handle.as_deref().unwrap_or_default(),
        c.view.token_expires_at.as_deref().unwrap_or("never")
    );
}

async fn demo(ws: &Workspace, json_out: bool) -> Result<(), Error> {
    let sandbox = ws.start_sandbox().await?;
    if !json_out {
        println!("Patchbay demo in {}", ws.data_dir().display());
        println!(
            "Local sandbox running on {sandbox} (Instagram, TikTok, YouTube, Facebook, X and Reddit emulators, offline)."
        );
    }
    let connected = samples::connect(ws, |c| {
        if !json_out {
            told(c);
        }
    })
    .await?;
    let mut report: Vec<Value> = connected
        .iter()
        .map(|c| json!({"id": c.view.id, "connector": c.sample.connector, "account": c.view.account_handle.clone().unwrap_or_default(), "status": c.view.status, "token_expires_at": c.view.token_expires_at}))
        .collect();
    let summaries = patchbay_core::sync::sync_all(ws, None).await?;
    for s in &summaries {
        if let Some(entry) = report
            .iter_mut()
            .find(|r| r["id"] == s.connection_id.as_str())
        {
            entry["sync"] = json!({"status": s.status, "posts": s.posts, "followers": s.followers});
        }
    }
    if json_out {
        output::json(&Value::Array(report));
        return Ok(());
    }
    println!("Synced:");
    for s in &summaries {
        let overview = patchbay_core::analytics::overview(
            ws.database(),
            &s.connection_id,
            30,
            Default::default(),
        )?;
        println!(
            "  {:<20} {:>9} followers  {:>3} posts synced  {:>3} posts in 30 days  engagement {}",
            s.name,
            overview.followers.map(output::count).unwrap_or_default(),
            s.posts,
            overview.posts_in_period,
            overview
                .engagement_rate
                .map(|r| format!("{r:.2} % ({})", overview.engagement_label))
                .unwrap_or_else(|| "n/a".into())
        );
        for e in &s.errors {
            println!("      {e}");
        }
    }
    println!(
        "Done. Next: patchbay report overview --connection ID --data-dir {}",
        ws.data_dir().display()
    );
    Ok(())
}
