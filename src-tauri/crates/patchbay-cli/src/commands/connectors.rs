use crate::cli::{ConnectorsCommand, ListArgs, ShowArgs};
use crate::output;
use patchbay_core::Error;
use patchbay_core::registry::manifest::{Auth, Manifest};
use patchbay_core::registry::{self, ConnectorFilter, Registry};
use std::path::Path;

pub fn run(data_dir: &Path, command: &ConnectorsCommand) -> u8 {
    let registry = Registry::load(data_dir);
    report_skipped(&registry);
    match command {
        ConnectorsCommand::List(args) => list(&registry, args),
        ConnectorsCommand::Show(args) => show(&registry, args),
        ConnectorsCommand::Schema(args) => match registry.get(&args.id) {
            Ok(m) => {
                output::json(&registry::config_schema(m));
                0
            }
            Err(e) => output::error(&e),
        },
        ConnectorsCommand::Validate(args) => validate(&args.file),
    }
}

/// User manifests that were skipped are mentioned on stderr, so a typo is never silent.
fn report_skipped(registry: &Registry) {
    for problem in registry.problems() {
        eprintln!("warning: skipped connector manifest: {problem}");
    }
}

/// Parses a `--flag` value with the same names manifests use.
fn parse_enum<T: serde::de::DeserializeOwned>(
    flag: &str,
    value: &Option<String>,
) -> Result<Option<T>, String> {
    value
        .as_deref()
        .map(|v| {
            serde_json::from_value(serde_json::Value::String(v.to_owned()))
                .map_err(|_| format!("--{flag} {v} is not a known {flag}"))
        })
        .transpose()
}

fn list(registry: &Registry, args: &ListArgs) -> u8 {
    let filter = match (
        parse_enum("category", &args.category),
        parse_enum("status", &args.status),
    ) {
        (Ok(category), Ok(status)) => ConnectorFilter {
            category,
            status,
            capability: args.capability.clone(),
            auth: args.auth.clone(),
            search: args.search.clone(),
        },
        (Err(e), _) | (_, Err(e)) => {
            output::error(&Error::InvalidInput(format!(
                "{e}. `patchbay connectors list --help` lists the values."
            )));
            return 2;
        }
    };
    let connectors = registry.list(&filter);
    if args.json {
        output::json(&connectors);
        return 0;
    }
    if connectors.is_empty() {
        println!("No connector matches those filters.");
        return 0;
    }
    println!(
        "{:<17} {:<20} {:<13} {:<12} AUTH",
        "ID", "NAME", "CATEGORY", "STATUS"
    );
    for c in &connectors {
        println!(
            "{:<17} {:<20} {:<13} {:<12} {}",
            c.id,
            c.name,
            output::label(&c.category),
            output::label(&c.status),
            c.auth
        );
    }
    println!("{} connector(s).", connectors.len());
    0
}

fn show(registry: &Registry, args: &ShowArgs) -> u8 {
    let m = match registry.get(&args.id) {
        Ok(m) => m,
        Err(e) => return output::error(&e),
    };
    if args.json {
        output::json(m);
    } else {
        print_manifest(m);
    }
    0
}

fn print_manifest(m: &Manifest) {
    println!("{} ({})", m.name, m.id);
    println!("{}", m.summary);
    println!();
    println!("Category:     {}", output::label(&m.category));
    println!("Status:       {}", output::label(&m.status));
    println!("Auth:         {}", m.auth.kind());
    if let Auth::OAuth2(o) = &m.auth {
        println!("Scopes:       {}", o.scopes.join(" "));
        let styles: Vec<String> = o.redirect_styles.iter().map(output::label).collect();
        println!("Redirects:    {}", styles.join(", "));
    }
    println!("Capabilities: {}", m.capabilities.join(", "));
    println!("Docs:         {}", m.docs_url);
    if !m.config.is_empty() {
        println!("\nSettings:");
        for f in &m.config {
            let required = if f.required { "required" } else { "optional" };
            println!(
                "  {:<24} {:<8} {required}  {}",
                f.name,
                output::label(&f.kind),
                f.label
            );
        }
    }
    if !m.setup.is_empty() {
        println!("\nSetup:");
        for (i, step) in m.setup.iter().enumerate() {
            println!("  {}. {}: {}", i + 1, step.title, step.body);
        }
    }
    if !m.rate_limits.is_empty() {
        println!("\nRate limits:");
        for r in &m.rate_limits {
            println!(
                "  {} {} per {} ({})",
                r.limit,
                output::label(&r.unit),
                r.window,
                r.scope
            );
        }
    }
    if !m.actions.is_empty() {
        println!("\nActions:");
        for a in &m.actions {
            println!("  {:<18} {}", a.name, a.description);
        }
    }
    if !m.streams.is_empty() {
        println!("\nSync streams:");
        for s in &m.streams {
            println!("  {:<10} {}", output::label(&s.name), s.description);
        }
    }
}

fn validate(file: &Path) -> u8 {
    let name = file.display().to_string();
    let text = match registry::read_manifest_file(file) {
        Ok(text) => text,
        Err(reason) => {
            return output::error(&Error::InvalidInput(format!("{name} {reason}.")));
        }
    };
    let result = registry::check_manifest(&name, &text).and_then(|m| {
        if Registry::bundled().get(&m.id).is_ok() {
            Err(vec![registry::ManifestProblem {
                file: name.clone(),
                path: "id".into(),
                reason: format!(
                    "`{}` is the id of a bundled connector; a user manifest needs its own id",
                    m.id
                ),
            }])
        } else {
            Ok(m)
        }
    });
    match result {
        Ok(m) => {
            println!("{name} is a valid manifest for `{}` ({}).", m.id, m.name);
            0
        }
        Err(problems) => {
            for p in &problems {
                println!("{p}");
            }
            println!("{} problem(s) found.", problems.len());
            1
        }
    }
}
