use crate::cli::{SandboxCommand, ServeArgs};
use crate::{output, runtime};
use patchbay_sandbox::{PLATFORMS, Sandbox, SandboxConfig};

pub fn run(command: &SandboxCommand) -> u8 {
    match command {
        SandboxCommand::Serve(args) => serve(args),
    }
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
