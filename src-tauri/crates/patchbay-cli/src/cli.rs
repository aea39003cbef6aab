//! The command-line grammar. Parsing only; every command runs in `commands`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

mod connections;
pub use connections::*;

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
    /// Add, list, change, verify and remove connections (configured accounts).
    #[command(subcommand)]
    Connections(ConnectionsCommand),
    /// Developer apps: a platform's client ID and secret, entered once and shared by every
    /// account of it; rotating an app's secret updates them all.
    #[command(subcommand)]
    Apps(crate::commands::apps::AppsCommand),
    /// Run a connection's actions (send an email…) and read the action log.
    #[command(subcommand)]
    Actions(crate::commands::actions::ActionsCommand),
    /// The folders email attachments may come from.
    #[command(subcommand)]
    Attachments(crate::commands::attachments::AttachmentsCommand),
    /// Local automations: list, check, add, switch on and off, run, and read their runs.
    #[command(subcommand)]
    Workflows(crate::commands::workflows::WorkflowsCommand),
    /// What your own history says: growth, standout posts, what works, when to post.
    Insights(crate::commands::insights::InsightsArgs),
    /// The items a connector's own list streams kept (orders, subscribers…).
    Records(crate::commands::records::RecordsArgs),
    /// Connect a connection's account with OAuth: prints the sign-in URL, waits for the answer.
    Connect(ConnectArgs),
    /// Revoke and forget a connection's tokens; its settings and history stay.
    Disconnect(IdArg),
    /// Run the local platform emulators.
    #[command(subcommand)]
    Sandbox(SandboxCommand),
    /// Create sandbox connections for every platform the sandbox emulates and connect them, offline.
    Demo(DemoArgs),
    /// Pull profiles, posts and metrics into the local store.
    Sync(SyncArgs),
    /// Questions asked of the local store.
    Report(ReportArgs),
    /// Write a connection's posts, snapshots and overview as CSV and JSON.
    Export(ExportArgs),
    /// Draw a chart as an SVG file, or as a PNG when the output name ends in .png.
    Chart(ChartArgs),
    /// Print what Patchbay did recently (syncs, refreshes, scheduled rounds).
    Logs(LogsArgs),
    /// Print versions, doctor's checks and the recent log, to send when asking for help. It
    /// holds no secret.
    Diagnostics,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// How many of the last lines to print.
    #[arg(long, default_value_t = 100)]
    pub lines: usize,
    /// Keep printing new lines as they are written (Ctrl-C stops).
    #[arg(long)]
    pub follow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartArg {
    Followers,
    Engagement,
    Heatmap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    #[arg(value_enum)]
    pub kind: ChartArg,
    /// The connection; repeat for several lines on the followers chart.
    #[arg(long, required = true)]
    pub connection: Vec<String>,
    #[arg(long, default_value_t = 90)]
    pub days: i64,
    #[arg(short = 'o', long = "output", value_name = "FILE.svg")]
    pub output: PathBuf,
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub utc_offset: i32,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// One connection; every connection (each in its own folder) when left out.
    #[arg(long)]
    pub connection: Option<String>,
    /// Every connection carrying this tag, each in its own folder.
    #[arg(long, conflicts_with = "connection")]
    pub tag: Option<String>,
    /// The folder to write into.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub log: Option<SyncSub>,
    /// Only this connection.
    #[arg(long)]
    pub connection: Option<String>,
    /// Only the connections carrying this tag (e.g. "client: Acme").
    #[arg(long, conflicts_with_all = ["connection", "watch"])]
    pub tag: Option<String>,
    /// Sync once and exit (the default).
    #[arg(long, conflicts_with = "watch")]
    pub once: bool,
    /// Keep running, syncing each connection on its own schedule, until interrupted.
    #[arg(long)]
    pub watch: bool,
    /// One JSON summary line per connection (the default when stdout is not a terminal).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncSub {
    /// Show the sync log.
    Log(SyncLogArgs),
}

#[derive(Debug, Args)]
pub struct SyncLogArgs {
    #[arg(long)]
    pub connection: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportKind {
    Overview,
    Posts,
    Trend,
    Heatmap,
    /// Every account side by side, per 1,000 followers (no --connection).
    Compare,
    /// A client-ready report for a period (--period 2026-11, 30d or a range) as one HTML file
    /// (-o FILE); --connection as often as needed, every account by default.
    Build,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// For `build`: a self-contained HTML file.
    Html,
    /// For `build`: a PDF.
    Pdf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(value_enum)]
    pub kind: ReportKind,
    /// The account (every report but `compare`); `build` takes it as often as needed.
    #[arg(long)]
    pub connection: Vec<String>,
    /// For `build`: every account carrying this tag (with any --connection given).
    #[arg(long)]
    pub tag: Option<String>,
    /// For `build`: the period (2026-11, 30d, or 2026-11-01..2026-11-15).
    #[arg(long, default_value = "30d")]
    pub period: String,
    /// For `build`: where to write the report.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// The period, in days.
    #[arg(long, default_value_t = 30)]
    pub days: i64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// For `trend`: the metric (followers, youtube.views, instagram.reach, …).
    #[arg(long, default_value = "followers")]
    pub metric: String,
    /// Engagement formula for `overview`: per_follower, per_reach or per_view.
    #[arg(long, default_value = "per_follower")]
    pub engagement: String,
    /// For `heatmap`: your offset from UTC in minutes (e.g. 60 for CET).
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub utc_offset: i32,
}

#[derive(Debug, Args)]
pub struct IdArg {
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RedirectArg {
    DeepLink,
    Loopback,
    Relay,
    Paste,
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    pub id: String,
    /// How the browser comes back [default: the connector's first choice].
    #[arg(long, value_enum)]
    pub redirect: Option<RedirectArg>,
    /// Print the sign-in URL without opening a browser.
    #[arg(long)]
    pub no_browser: bool,
    /// A fixed loopback port you registered with the platform [default: a random free port].
    #[arg(long)]
    pub port: Option<u16>,
    /// Your HTTPS relay page's address (remembered for next time).
    #[arg(long, value_name = "URL")]
    pub relay_url: Option<String>,
    /// Allow a different account than the one this connection had to replace it.
    #[arg(long)]
    pub replace: bool,
    /// Seconds to wait for the browser.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve the emulators on 127.0.0.1 until interrupted.
    Serve(ServeArgs),
    /// What sandbox connections sent: Slack and Discord messages, texts, Stripe objects and
    /// mail the SMTP sink received, newest first.
    Outbox {
        /// Only this platform (slack, discord, stripe, twilio, smtp).
        #[arg(long)]
        platform: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, default_value_t = 4510)]
    pub port: u16,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Accounts per platform.
    #[arg(long, default_value_t = 3)]
    pub accounts: usize,
    /// Posts per account (a long history, to rehearse backfilling) [default: 120].
    #[arg(long)]
    pub posts: Option<usize>,
    /// A TOML file of `[[faults]]` to inject.
    #[arg(long, value_name = "FILE")]
    pub faults: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long)]
    pub json: bool,
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
