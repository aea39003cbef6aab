//! `patchbay connections …`: the grammar of adding, listing, changing, tagging and removing
//! connections.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ConnectionsCommand {
    /// Add a connection. Secret fields are read from a prompt (or stdin), never from arguments.
    Add(AddArgs),
    /// List connections.
    List(ConnListArgs),
    /// Show one connection, with its secrets masked.
    Show(ConnShowArgs),
    /// Change a connection. Secrets you do not mention keep their values.
    Update(UpdateArgs),
    /// Remove a connection and its secrets; asks whether to keep its synced data.
    Remove(RemoveArgs),
    /// Check the stored credentials against the platform and record the result.
    Verify(ConnShowArgs),
    /// Refresh a connection's OAuth token now.
    Refresh(ConnShowArgs),
    /// Add or remove tags ("client: Acme") on a connection.
    Tag(TagArgs),
    /// Every tag in use, with how many connections carry it.
    Tags(TagsArgs),
}

#[derive(Debug, Args)]
pub struct TagArgs {
    pub id: String,
    /// A tag to add (repeat for more).
    #[arg(long = "add", value_name = "TAG")]
    pub add: Vec<String>,
    /// A tag to take away (repeat for more).
    #[arg(long = "remove", value_name = "TAG")]
    pub remove: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TagsArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The connector id, e.g. slack (see `patchbay connectors list`).
    pub connector: String,
    /// A name for this connection, e.g. "Acme Slack".
    #[arg(long)]
    pub name: String,
    #[arg(long, value_enum, default_value_t = ModeArg::Live)]
    pub mode: ModeArg,
    /// A non-secret setting, or an endpoint override (authorize_url, token_url, api_base_url).
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// A secret field to prompt for (or read from stdin, one line each, when piped).
    #[arg(long = "secret", value_name = "FIELD")]
    pub secret: Vec<String>,
    /// Sign in with this developer app (`patchbay apps list`) instead of client fields of its own.
    #[arg(long, value_name = "APP")]
    pub app: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModeArg {
    Live,
    Sandbox,
}

#[derive(Debug, Args)]
pub struct ConnListArgs {
    /// Only connections of this connector.
    #[arg(long)]
    pub connector: Option<String>,
    /// pending_setup, active, inactive, error or needs_reauth.
    #[arg(long)]
    pub status: Option<String>,
    /// Only connections carrying this tag.
    #[arg(long)]
    pub tag: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConnShowArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    pub id: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Set a non-secret setting or override; an empty value removes it.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// A secret field to replace (prompted, or read from stdin).
    #[arg(long = "secret", value_name = "FIELD")]
    pub secret: Vec<String>,
    /// A secret field to clear.
    #[arg(long = "clear", value_name = "FIELD")]
    pub clear: Vec<String>,
    /// Its own sync schedule: an interval ("every 2h", "30m", "1d") or a cron expression in
    /// local time ("0 7 * * *"); "default" follows the workspace's interval again.
    #[arg(long, value_name = "SCHEDULE")]
    pub schedule: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    pub id: String,
    /// Also delete everything synced from this connection.
    #[arg(long, conflicts_with = "keep_data")]
    pub purge: bool,
    /// Keep the synced history (the default when not asked on a terminal).
    #[arg(long)]
    pub keep_data: bool,
}
