use crate::cli::{SandboxCommand, ServeArgs};
use crate::{output, runtime};
use patchbay_sandbox::{PLATFORMS, Sandbox, SandboxConfig};

pub fn run(data_dir: &std::path::Path, command: &SandboxCommand) -> u8 {
    match command {
        SandboxCommand::Serve(args) => serve(args),
        SandboxCommand::Outbox {
            platform,
            limit,
            json,
        } => outbox(data_dir, platform.as_deref(), *limit, *json),
    }
}

fn outbox(data_dir: &std::path::Path, platform: Option<&str>, limit: usize, json: bool) -> u8 {
    let ws = match patchbay_core::Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    let items: Vec<_> = patchbay_core::sandbox::outbox(&ws)
        .into_iter()
        .filter(|i| platform.is_none_or(|p| i.platform == p))
        .take(limit)
        .collect();
    if json {
        output::json(&items);
        return 0;
    }
    if items.is_empty() {
        println!("Nothing was sent from a sandbox connection yet.");
    }
    for i in &items {
        println!("{}  {:<8} {:<18} {}", i.at, i.platform, i.kind, i.summary);
        if let Some(file) = &i.file {
            let path = ws
                .data_dir()
                .join(patchbay_core::sandbox::OUTBOX_DIR)
                .join(file);
            println!("{:>26}message: {}", "", path.display());
        }
    }
    0
}

fn serve(args: &ServeArgs) -> u8 {
    let mut config = SandboxConfig {
        seed: args.seed,
        accounts: args.accounts,
        ..Default::default()
    };
    if let Some(posts) = args.posts {
        config.max_posts = posts;
    }
    if let Some(file) = &args.faults {
        let merged = std::fs::read_to_string(file)
            .map_err(|e| format!("it could not be read ({e})"))
            .and_then(|text| config.clone().merge_file(&text));
        match merged {
            Ok(c) => config = c,
            Err(reason) => {
                output::error(&patchbay_core::Error::SandboxFaults {
                    path: file.clone(),
                    reason,
                });
                return 2;
            }
        }
    }
    runtime::block_on(async move {
        let sandbox = match Sandbox::start(config.clone(), args.port).await {
            Ok(s) => s,
            Err(e) => {
                return output::error(&patchbay_core::Error::SandboxUnavailable {
                    reason: format!(
                        "port {} is not free ({e}); choose another with --port",
                        args.port
                    ),
                });
            }
        };
        println!(
            "Sandbox running on {} (seed {}, {} accounts per platform, {} faults).",
            sandbox.url(),
            config.seed,
            config.accounts,
            config.faults.len()
        );
        for platform in PLATFORMS {
            if let Some(e) = sandbox.endpoints(platform) {
                println!(
                    "  {platform:<10} authorize {}\n  {:<10} token     {}\n  {:<10} api       {}",
                    e.authorize_url, "", e.token_url, "", e.api_base_url
                );
            }
        }
        println!(
            "Clock: GET {0}/__sandbox/clock, advance with POST {0}/__sandbox/advance?days=1. Stop with Ctrl-C.",
            sandbox.url()
        );
        let _ = tokio::signal::ctrl_c().await;
        0
    })
}
