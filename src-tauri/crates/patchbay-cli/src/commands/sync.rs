use crate::cli::{SyncArgs, SyncLogArgs, SyncSub};
use crate::{output, runtime};
use patchbay_core::background as scheduler;
use patchbay_core::connections::tags;
use patchbay_core::sync::{self, SyncSummary};
use patchbay_core::{Error, Workspace};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(data_dir: &Path, args: &SyncArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    if let Some(SyncSub::Log(log_args)) = &args.log {
        return log(&ws, log_args).unwrap_or_else(|e| output::error(&e));
    }
    let json = args.json || !std::io::stdout().is_terminal();
    if args.watch {
        return runtime::block_on(watch(ws, args.connection.clone(), json));
    }
    // A tag syncs the connections carrying it; otherwise one connection, or every one.
    let group = match args
        .tag
        .as_deref()
        .map(|t| tags::tagged(&ws, t))
        .transpose()
    {
        Ok(group) => group,
        Err(e) => return output::error(&e),
    };
    let result = if json {
        runtime::block_on(async {
            match &group {
                Some(ids) => scheduler::sync_group_now(&ws, ids).await,
                None => scheduler::sync_now(&ws, args.connection.as_deref()).await,
            }
        })
    } else {
        let what = match (&args.tag, &args.connection) {
            (Some(tag), _) => format!("the connections tagged “{tag}”"),
            (None, Some(c)) => c.clone(),
            (None, None) => "every connection".into(),
        };
        println!("Syncing {what} …");
        runtime::block_on(with_bars(&ws, args.connection.as_deref(), group.as_deref()))
    };
    match result {
        Ok(summaries) => {
            print(&summaries, json);
            if summaries
                .iter()
                .all(|s| s.status == "ok" || s.status == "skipped")
            {
                0
            } else {
                1
            }
        }
        Err(e) => output::error(&e),
    }
}

/// Syncs while drawing one progress line per connection.
async fn with_bars(
    ws: &Workspace,
    only: Option<&str>,
    group: Option<&[String]>,
) -> Result<Vec<SyncSummary>, Error> {
    let mut events = ws.subscribe_progress();
    let mut bars = crate::progress::Bars::new();
    let sync = async {
        match group {
            Some(ids) => sync::sync_group(ws, ids).await,
            None => sync::sync_all(ws, only).await,
        }
    };
    tokio::pin!(sync);
    let result = loop {
        tokio::select! {
            Ok(p) = events.recv() => bars.update(&p),
            result = &mut sync => {
                while let Ok(p) = events.try_recv() {
                    bars.update(&p);
                }
                break result;
            }
        }
    };
    bars.done();
    if let Ok(summaries) = &result {
        scheduler::react(ws, summaries).await;
    }
    result
}

fn print(summaries: &[SyncSummary], json: bool) {
    if summaries.is_empty() && !json {
        println!(
            "Nothing to sync: connect an Instagram, TikTok, YouTube, Facebook Page, X or Reddit account first (patchbay demo shows how)."
        );
    }
    for s in summaries {
        if json {
            println!("{}", serde_json::to_string(s).unwrap_or_default());
        } else {
            let followers = s
                .followers
                .map(|f| format!(", {} followers", output::count(f)))
                .unwrap_or_default();
            let what = if s.records > 0 {
                format!("{} records", s.records)
            } else {
                format!("{} posts{followers}", s.posts)
            };
            println!(
                "  {:<28} {:<12} {what} in {} ms",
                s.name, s.status, s.duration_ms
            );
            for e in &s.errors {
                println!("      {e}");
            }
        }
    }
}

async fn watch(ws: Workspace, only: Option<String>, json: bool) -> u8 {
    if !json {
        println!("Syncing each connection on its schedule. Stop with Ctrl-C.");
        if let Ok(list) = patchbay_core::connections::list(&ws, &Default::default()) {
            for c in list.iter().filter(|c| c.schedule.next_sync_at.is_some()) {
                println!(
                    "  {:<24} {}; next {}",
                    c.name,
                    c.schedule.label,
                    c.schedule.next_sync_at.as_deref().unwrap_or_default()
                );
            }
        }
    }
    let scheduler = scheduler::Scheduler::start(ws, scheduler::TICK, move |summaries| {
        print(&summaries, json)
    });
    if only.is_some() {
        scheduler.sync_now(only).await;
    }
    stopped().await;
    scheduler.stop().await;
    0
}

/// Ctrl-C on a terminal, or the SIGTERM a service manager (systemd) sends to stop it.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn log(ws: &Workspace, args: &SyncLogArgs) -> Result<u8, Error> {
    let runs = sync::log(ws, args.connection.as_deref(), args.limit)?;
    if args.json {
        output::json(&runs);
        return Ok(0);
    }
    if runs.is_empty() {
        println!("No syncs yet. Run: patchbay sync");
    }
    for r in &runs {
        let error = r
            .error_message
            .as_deref()
            .map(|m| format!("  {m}"))
            .unwrap_or_default();
        println!(
            "{}  {:<24} {:<9} {:<8} {:>5} items {:>6} ms{error}",
            r.started_at,
            r.connection_id,
            r.stream,
            r.status,
            r.items,
            r.duration_ms.unwrap_or(0)
        );
    }
    Ok(0)
}
