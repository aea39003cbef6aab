//! The command-line grammar. Parsing only; every command runs in `commands`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "patchbay",
    version = patchbay_core::VERSION,
    about = "Patchbay: connect your platforms, keep your credentials and your analytics on your own machine.",
    long_about = None,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Where Patchbay keeps its database and connector manifests
    /// [default: the platform's app-data directory]
    #[arg(long, global = true, env = "PATCHBAY_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the data directory, the database, the OS keyring and the patchbay:// link handler.
    Doctor(DoctorArgs),
    /// Browse the connector registry and check connector manifests.
    #[command(subcommand)]
    Connectors(ConnectorsCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConnectorsCommand {
    /// List connectors, optionally filtered.
    List(ListArgs),
    /// Show one connector: auth, settings, setup steps, limits, actions.
    Show(ShowArgs),
    /// Print a connector's settings as JSON Schema (draft 2020-12).
    Schema(SchemaArgs),
    /// Check a manifest file; exits 0 when it is valid, 1 with every problem when not.
    Validate(ValidateArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// social, messaging, email, payments, commerce, ads, productivity, crm, analytics,
    /// developer, events or marketing.
    #[arg(long)]
    pub category: Option<String>,
    /// available, beta, coming-soon or deprecated.
    #[arg(long)]
    pub status: Option<String>,
    /// Only connectors with this capability, e.g. read_insights.
    #[arg(long)]
    pub capability: Option<String>,
    /// oauth2, api_key, basic, bot_token, smtp or none.
    #[arg(long)]
    pub auth: Option<String>,
    /// Words to find in the name, summary or tags.
    #[arg(long)]
    pub search: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub id: String,
    /// Print the whole manifest as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    pub id: String,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The manifest to check (TOML).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
