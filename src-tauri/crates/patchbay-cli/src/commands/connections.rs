use crate::cli::{
    AddArgs, ConnListArgs, ConnShowArgs, ConnectionsCommand, ModeArg, RemoveArgs, TagArgs,
    TagsArgs, UpdateArgs,
};
use crate::{input, output};
use patchbay_core::connections::verify::{self, VerifyOutcome};
use patchbay_core::connections::{
    self, ConnectionFilter, ConnectionPatch, ConnectionView, Mode, NewConnection,
};
use patchbay_core::registry::manifest::{FieldKind, Manifest};
use patchbay_core::{Error, Workspace};
use serde_json::{Map, Value};
use std::path::Path;

pub fn run(data_dir: &Path, command: &ConnectionsCommand) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    let result = match command {
        ConnectionsCommand::Add(args) => add(&ws, args),
        ConnectionsCommand::List(args) => list(&ws, args),
        ConnectionsCommand::Show(args) => connections::resolve(&ws, &args.id)
            .and_then(|id| connections::get(&ws, &id))
            .map(|c| print_one(&c, args.json)),
        ConnectionsCommand::Update(args) => update(&ws, args),
        ConnectionsCommand::Remove(args) => remove(&ws, args),
        ConnectionsCommand::Verify(args) => run_verify(&ws, args),
        ConnectionsCommand::Refresh(args) => refresh(&ws, args),
        ConnectionsCommand::Tag(args) => tag(&ws, args),
        ConnectionsCommand::Tags(args) => tags_in_use(&ws, args),
    };
    result.unwrap_or_else(|e| output::error(&e))
}

fn mode(arg: ModeArg) -> Mode {
    match arg {
        ModeArg::Live => Mode::Live,
        ModeArg::Sandbox => Mode::Sandbox,
    }
}

/// `--set field=value` pairs, typed by the manifest, refusing secrets.
fn settings(m: &Manifest, pairs: &[String]) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for pair in pairs {
        let (field, value) = pair.split_once('=').ok_or_else(|| {
            Error::InvalidInput(format!("--set {pair} needs the form FIELD=VALUE."))
        })?;
        let kind = m.config.iter().find(|f| f.name == field).map(|f| f.kind);
        if kind == Some(FieldKind::Secret) {
            return Err(Error::InvalidInput(format!(
                "{field} is a secret, so it is never taken from the command line (where shell history and other users could read it). Use --secret {field}: Patchbay prompts for it, or reads it from stdin when piped."
            )));
        }
        let typed = match kind {
            _ if value.is_empty() => Value::Null,
            Some(FieldKind::Number) => value
                .parse::<f64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(value.to_owned())),
            Some(FieldKind::Bool) => match value {
                "true" | "yes" | "1" => Value::Bool(true),
                "false" | "no" | "0" => Value::Bool(false),
                other => Value::String(other.to_owned()),
            },
            _ => Value::String(value.to_owned()),
        };
        out.insert(field.to_owned(), typed);
    }
    Ok(out)
}

/// Reads every `--secret` field's value and adds it to `settings`.
fn secrets(
    m: &Manifest,
    fields: &[String],
    settings: &mut Map<String, Value>,
) -> Result<(), Error> {
    let mut labels = Vec::new();
    for field in fields {
        let def = m
            .config
            .iter()
            .find(|f| f.name == *field && f.kind == FieldKind::Secret)
            .ok_or_else(|| {
                let secret_fields: Vec<&str> = m
                    .config
                    .iter()
                    .filter(|f| f.kind == FieldKind::Secret)
                    .map(|f| f.name.as_str())
                    .collect();
                Error::InvalidInput(format!(
                    "{field} is not a secret field of {}. Its secret fields are: {}.",
                    m.name,
                    secret_fields.join(", ")
                ))
            })?;
        labels.push((field.clone(), def.label.clone()));
    }
    for (field, value) in input::read_secrets(&labels).map_err(Error::InvalidInput)? {
        settings.insert(field, Value::String(value));
    }
    Ok(())
}

fn add(ws: &Workspace, args: &AddArgs) -> Result<u8, Error> {
    let manifest = ws.registry().get(&args.connector)?.clone();
    let mut values = settings(&manifest, &args.set)?;
    secrets(&manifest, &args.secret, &mut values)?;
    let view = connections::create(
        ws,
        NewConnection {
            connector_id: manifest.id.clone(),
            name: args.name.clone(),
            mode: mode(args.mode),
            settings: values,
            app_id: args.app.clone(),
        },
    )
    .map_err(explain_fields)?;
    if args.json {
        output::json(&view);
    } else {
        println!("Added {} ({}).", view.connection.name, view.connection.id);
        print_secrets(&view);
        println!("Next: patchbay connections verify {}", view.connection.id);
    }
    Ok(0)
}

/// Prints per-field problems one per line before the summary error.
fn explain_fields(e: Error) -> Error {
    if let Error::InvalidConfig { errors } = &e {
        for field in errors {
            eprintln!("  {}: {}", field.field, field.message);
        }
    }
    e
}

fn list(ws: &Workspace, args: &ConnListArgs) -> Result<u8, Error> {
    let status = match &args.status {
        Some(s) => Some(serde_json::from_value(Value::String(s.clone())).map_err(|_| {
            Error::InvalidInput(format!("--status {s} is not one of pending_setup, active, inactive, error, needs_reauth."))
        })?),
        None => None,
    };
    let found = connections::list(
        ws,
        &ConnectionFilter {
            connector_id: args.connector.clone(),
            status,
            tag: args.tag.clone(),
        },
    )?;
    if args.json {
        output::json(&found);
        return Ok(0);
    }
    if found.is_empty() {
        match &args.tag {
            // Says which tags exist when the asked one has no connection.
            Some(tag) => {
                connections::tags::tagged(ws, tag)?;
            }
            None => println!(
                "No connections yet. Add one with: patchbay connections add CONNECTOR --name NAME"
            ),
        }
        return Ok(0);
    }
    println!(
        "{:<30} {:<16} {:<8} {:<13} {:<21} NAME",
        "ID", "CONNECTOR", "MODE", "STATUS", "NEXT SYNC"
    );
    for v in &found {
        let c = &v.connection;
        println!(
            "{:<30} {:<16} {:<8} {:<13} {:<21} {}",
            c.id,
            c.connector_id,
            output::label(&c.mode),
            output::label(&c.status),
            v.schedule.next_sync_at.as_deref().unwrap_or("-"),
            c.name,
        );
        if !v.tags.is_empty() {
            println!("{:<30} tags: {}", "", v.tags.join(", "));
        }
    }
    Ok(0)
}

fn tag(ws: &Workspace, args: &TagArgs) -> Result<u8, Error> {
    if args.add.is_empty() && args.remove.is_empty() {
        return Err(Error::InvalidInput(
            "Say what to change: --add TAG and/or --remove TAG.".into(),
        ));
    }
    let id = connections::resolve(ws, &args.id)?;
    let v = connections::tags::change(ws, &id, &args.add, &args.remove)?;
    if args.json {
        output::json(&v);
    } else if v.tags.is_empty() {
        println!("{} carries no tags now.", v.name);
    } else {
        println!("{} is tagged: {}.", v.name, v.tags.join(", "));
    }
    Ok(0)
}

fn tags_in_use(ws: &Workspace, args: &TagsArgs) -> Result<u8, Error> {
    let tags = connections::tags::in_use(ws)?;
    if args.json {
        output::json(&tags);
    } else if tags.is_empty() {
        println!("No tags yet. Add one with: patchbay connections tag ID --add \"client: Acme\"");
    } else {
        for t in &tags {
            println!("{:<32} {} connection(s)", t.tag, t.connections);
        }
    }
    Ok(0)
}

fn print_secrets(v: &ConnectionView) {
    for (field, masked) in &v.secrets {
        println!("  {field:<24} {masked}");
    }
}

fn print_one(v: &ConnectionView, json: bool) -> u8 {
    if json {
        output::json(v);
        return 0;
    }
    let c = &v.connection;
    println!("{} ({})", c.name, c.id);
    println!("  connector   {}", c.connector_id);
    println!("  mode        {}", output::label(&c.mode));
    println!(
        "  status      {}{}",
        output::label(&c.status),
        c.status_message
            .as_deref()
            .map(|m| format!(": {m}"))
            .unwrap_or_default()
    );
    if let Some(handle) = c.account_handle.as_deref().or(c.account_id.as_deref()) {
        println!("  account     {handle}");
    }
    println!(
        "  schedule    {}{}",
        v.schedule.label,
        v.schedule
            .next_sync_at
            .as_deref()
            .map(|n| format!("; next sync {n}"))
            .unwrap_or_default()
    );
    for (key, value) in &c.config {
        println!(
            "  {key:<11} {}",
            value
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| value.to_string())
        );
    }
    for (key, value) in [
        ("authorize_url", &c.overrides.authorize_url),
        ("token_url", &c.overrides.token_url),
        ("api_base_url", &c.overrides.api_base_url),
    ] {
        if let Some(value) = value {
            println!("  {key:<11} {value} (override)");
        }
    }
    print_secrets(v);
    if let Some(at) = &c.last_verified_at {
        println!("  verified    {at}");
    }
    0
}

fn update(ws: &Workspace, args: &UpdateArgs) -> Result<u8, Error> {
    let id = connections::resolve(ws, &args.id)?;
    let current = connections::get(ws, &id)?;
    let manifest = ws.registry().get(&current.connection.connector_id)?.clone();
    let mut values = settings(&manifest, &args.set)?;
    secrets(&manifest, &args.secret, &mut values)?;
    let patch = ConnectionPatch {
        name: args.name.clone(),
        mode: args.mode.map(mode),
        settings: values,
        clear: args.clear.clone(),
        sync_schedule: args.schedule.clone(),
        tags: None,
    };
    let view = connections::update(ws, &id, patch).map_err(explain_fields)?;
    if args.json {
        output::json(&view);
    } else {
        println!("Updated {} ({}).", view.connection.name, view.connection.id);
        print_secrets(&view);
    }
    Ok(0)
}

fn remove(ws: &Workspace, args: &RemoveArgs) -> Result<u8, Error> {
    let id = connections::resolve(ws, &args.id)?;
    let view = connections::get(ws, &id)?;
    let purge = if args.purge {
        true
    } else if args.keep_data {
        false
    } else {
        input::confirm(&format!(
            "Also delete everything synced from {}? Its history is kept otherwise.",
            view.connection.name
        ))
        .unwrap_or(false)
    };
    connections::remove(ws, &id, purge)?;
    let kept = if purge {
        "its synced data was deleted too"
    } else {
        "its synced history was kept"
    };
    println!(
        "Removed {} ({}); its secrets were deleted and {kept}.",
        view.connection.name, id
    );
    Ok(0)
}

fn run_verify(ws: &Workspace, args: &ConnShowArgs) -> Result<u8, Error> {
    let id = connections::resolve(ws, &args.id)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::InvalidInput(format!("could not start: {e}")))?;
    let report = runtime.block_on(verify::verify(ws, &id))?;
    if args.json {
        output::json(&report);
    } else {
        println!("{}", report.message);
    }
    Ok(if report.outcome == VerifyOutcome::Verified {
        0
    } else {
        1
    })
}

fn refresh(ws: &Workspace, args: &ConnShowArgs) -> Result<u8, Error> {
    let id = connections::resolve(ws, &args.id)?;
    let view = crate::runtime::block_on(patchbay_core::oauth::refresh_now(ws, &id))?;
    if args.json {
        output::json(&view);
    } else {
        let expiry = view
            .token_expires_at
            .as_deref()
            .map(|e| format!(" It expires at {e}."))
            .unwrap_or_default();
        println!(
            "Refreshed the token of {} ({}).{expiry}",
            view.name, view.id
        );
    }
    Ok(0)
}
