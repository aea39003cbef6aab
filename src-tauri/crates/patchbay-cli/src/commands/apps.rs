use crate::{input, output};
use clap::Subcommand;
use patchbay_core::apps::{self, AppPatch, AppView, NewApp};
use patchbay_core::{Error, Workspace};
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// List apps (gathering connections that still carry their own client fields into apps).
    List {
        /// Only this connector's apps.
        #[arg(long)]
        connector: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add an app; its client secret is read from a prompt (or stdin), never from arguments.
    Add {
        connector: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        client_id: String,
        /// Read a client secret (public clients such as X and Reddit apps have none).
        #[arg(long)]
        secret: bool,
        #[arg(long)]
        json: bool,
    },
    /// Rename an app, or rotate its client ID or secret: every connection using it follows.
    Update {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        client_id: Option<String>,
        /// Read a new client secret from a prompt (or stdin).
        #[arg(long)]
        secret: bool,
        #[arg(long)]
        json: bool,
    },
    /// Delete an app no connection uses.
    Remove { id: String },
    /// Make a connection sign in with an app (or, with --own, with its own client fields).
    Use {
        connection: String,
        /// The app's id.
        app: Option<String>,
        #[arg(long, conflicts_with = "app")]
        own: bool,
    },
}

pub fn run(data_dir: &Path, command: &AppsCommand) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    match go(&ws, command) {
        Ok(()) => 0,
        Err(e) => output::error(&e),
    }
}

fn secret(asked: bool) -> Result<Option<String>, Error> {
    if !asked {
        return Ok(None);
    }
    let read = input::read_secrets(&[("client_secret".into(), "Client secret".into())])
        .map_err(Error::InvalidInput)?;
    Ok(read.into_iter().next().map(|(_, v)| v))
}

fn show(app: &AppView, json: bool) {
    if json {
        output::json(app);
    } else {
        let secret = app.client_secret.as_deref().unwrap_or("(none)");
        println!(
            "{}  {}  {}  client ID {}  secret {}  used by {}",
            app.id,
            app.connector_id,
            app.name,
            app.client_id,
            secret,
            if app.connections.is_empty() {
                "no connection".into()
            } else {
                app.connections.join(", ")
            }
        );
    }
}

fn go(ws: &Workspace, command: &AppsCommand) -> Result<(), Error> {
    match command {
        AppsCommand::List { connector, json } => {
            let list = apps::list_adopting(ws, connector.as_deref())?;
            if *json {
                output::json(&list);
            } else if list.is_empty() {
                println!(
                    "No apps yet. Add one: patchbay apps add CONNECTOR --client-id ID --secret"
                );
            } else {
                list.iter().for_each(|a| show(a, false));
            }
        }
        AppsCommand::Add {
            connector,
            name,
            client_id,
            secret: asked,
            json,
        } => {
            let app = apps::create(
                ws,
                NewApp {
                    connector_id: connector.clone(),
                    name: name.clone().unwrap_or_default(),
                    client_id: client_id.clone(),
                    client_secret: secret(*asked)?,
                },
            )?;
            show(&app, *json);
        }
        AppsCommand::Update {
            id,
            name,
            client_id,
            secret: asked,
            json,
        } => {
            let app = apps::update(
                ws,
                id,
                AppPatch {
                    name: name.clone(),
                    client_id: client_id.clone(),
                    client_secret: secret(*asked)?,
                },
            )?;
            if !*json && !app.connections.is_empty() {
                println!(
                    "{} connection(s) now sign in with it.",
                    app.connections.len()
                );
            }
            show(&app, *json);
        }
        AppsCommand::Remove { id } => {
            apps::remove(ws, id)?;
            println!("Removed {id}.");
        }
        AppsCommand::Use {
            connection,
            app,
            own,
        } => {
            if app.is_none() && !own {
                return Err(Error::InvalidInput(
                    "Name the app to use, or pass --own for the connection's own client fields."
                        .into(),
                ));
            }
            apps::assign(ws, connection, app.as_deref())?;
            match app {
                Some(app) => println!("{connection} now signs in with {app}."),
                None => println!("{connection} now signs in with its own client fields."),
            }
        }
    }
    Ok(())
}
