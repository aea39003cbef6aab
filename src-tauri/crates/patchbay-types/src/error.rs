//! The core's error type. Every variant has a stable `code` the UI and scripts can branch on,
//! and a `Display` that is a sentence a creator understands. No variant ever carries a secret.

pub use crate::code::ErrorCode;
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// Everything that can go wrong inside the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "The data directory {path} cannot be used: {reason}. Choose another with --data-dir or PATCHBAY_DATA_DIR."
    )]
    DataDir { path: PathBuf, reason: String },

    #[error(
        "No data directory could be found for this user. Set one with --data-dir or PATCHBAY_DATA_DIR."
    )]
    NoDefaultDataDir,

    #[error(
        "The database {path} was written by a newer Patchbay (schema {found}; this version understands up to {supported}). Update Patchbay, or choose another data directory. The file was not changed."
    )]
    SchemaTooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("The database {path} could not be opened: {reason}.")]
    DatabaseOpen { path: PathBuf, reason: String },

    #[error("No connector is called `{id}`. `patchbay connectors list` shows every connector.")]
    UnknownConnector { id: String },

    #[error(
        "No vault key is available: {reason}. Run Patchbay in a desktop session with an OS keyring (Secret Service, Keychain or Credential Manager), or set PATCHBAY_VAULT_PASSPHRASE on a server without one."
    )]
    VaultUnavailable { reason: String },

    #[error(
        "The vault key does not match the one these secrets were stored with: the passphrase is wrong, or the keyring entry was replaced. Nothing was changed."
    )]
    VaultKeyMismatch,

    #[error(
        "This workspace's secrets are locked with {stored}, but {given}. Use the same kind of key as when the secrets were stored."
    )]
    VaultSourceMismatch { stored: &'static str, given: String },

    #[error(
        "The OS keyring no longer holds this workspace's vault key, so its stored secrets cannot be read. Re-enter the credentials of each connection."
    )]
    VaultKeyLost,

    #[error(
        "The stored secret `{field}` of connection {connection_id} could not be decrypted: it was altered, or belongs to another key. Enter it again."
    )]
    VaultCorrupt {
        connection_id: String,
        field: String,
    },

    #[error("No connection is called `{id}`. `patchbay connections list` shows them all.")]
    UnknownConnection { id: String },

    #[error("The settings are not valid: {}", .errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    InvalidConfig { errors: Vec<crate::FieldError> },

    #[error("{0}")]
    InvalidInput(String),

    #[error(
        "{connector} does not connect with OAuth, so there is nothing to connect; add its credentials and verify instead."
    )]
    NotOAuth { connector: String },

    #[error(
        "This connection has no {label} yet. Add it (patchbay connections update ID --set … / --secret …), then connect."
    )]
    OAuthMissingClient { label: String },

    #[error("{0}")]
    OAuthState(String),

    #[error("{platform} did not grant access ({error}{}). Nothing was changed; connect again when you are ready.", .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    OAuthDenied {
        platform: String,
        error: String,
        description: Option<String>,
    },

    #[error("No answer came back from the browser within {seconds} s. Start the connection again.")]
    OAuthTimeout { seconds: u64 },

    #[error("The input for {action} was refused before anything was sent: {}", .errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    ActionInput {
        action: String,
        errors: Vec<crate::FieldError>,
    },

    #[error("{connector} has no action called `{action}`. Its actions: {known}.")]
    UnknownAction {
        connector: String,
        action: String,
        known: String,
    },

    #[error("{connector}'s {action} is coming soon: Patchbay cannot run it yet.")]
    ActionUnavailable { connector: String, action: String },

    #[error("{platform} refused it: {message}")]
    ActionRefused { platform: String, message: String },

    #[error(
        "{platform} could not be asked: {message} Nothing was sent twice; check, then try again."
    )]
    ActionFailed { platform: String, message: String },

    #[error(
        "{platform} may have received it, but {why}. Patchbay does not send it again on its own: check {check} before running it again."
    )]
    ActionUncertain {
        platform: String,
        why: String,
        check: String,
    },

    #[error("{file} is not a valid workflow: {}", .errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    WorkflowInvalid {
        file: String,
        errors: Vec<crate::FieldError>,
    },

    #[error("No workflow is called `{name}`. `patchbay workflows list` shows them all.")]
    UnknownWorkflow { name: String },

    #[error(
        "{name} is already running (here or in another Patchbay process); this run waits for the next trigger."
    )]
    WorkflowBusy { name: String },

    #[error(
        "Patchbay attaches files only from {folder}; `{path}` is not in it. Copy the file there, or add its folder in Settings → Attachments."
    )]
    AttachmentNotAllowed { path: String, folder: String },

    #[error("Patchbay could not change whether it starts at login ({reason}).")]
    Autostart { reason: String },

    #[error("A newer sign-in for this connection took over its callback port; this one stopped.")]
    OAuthSuperseded,

    #[error("{platform} refused the token request ({error}{}). Check the client ID and secret, then connect again.", .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    OAuthExchange {
        platform: String,
        error: String,
        description: Option<String>,
    },

    #[error(
        "You signed in as {new}, but this connection belongs to {current}. Nothing changed: confirm within 10 minutes that {new} should replace it, or connect again with {current}."
    )]
    OAuthDifferentAccount {
        current: String,
        new: String,
        connection_id: String,
    },

    #[error("{message}")]
    NeedsReauth { message: String },

    #[error(
        "Could not reach {host}: {reason}. Check your internet connection, or the URL if you changed it."
    )]
    Unreachable { host: String, reason: String },

    #[error(
        "The local sandbox could not start: {reason}. Switch the connection to live mode, or try again."
    )]
    SandboxUnavailable { reason: String },

    #[error("The local sandbox is not running; start it first.")]
    SandboxNotRunning,

    #[error(
        "{connector} has no sandbox yet (the sandbox emulates Instagram, TikTok, YouTube, Facebook Pages, X, Reddit, Slack, Discord, Stripe, Twilio, SMTP and HTTP). Switch this connection to live mode."
    )]
    NoSandbox { connector: String },

    #[error(
        "The sandbox faults file {path} is not valid: {reason}. Fix or remove it, then start again."
    )]
    SandboxFaults { path: PathBuf, reason: String },

    #[error(
        "Port {port} on 127.0.0.1 is taken ({reason}), so the sign-in cannot come back to Patchbay there. Close the program that holds it (another Patchbay sign-in in a terminal?), or use the paste route."
    )]
    PortBusy { port: u16, reason: String },

    #[error("{path} could not be {action}: {reason}.")]
    Io {
        path: PathBuf,
        action: &'static str,
        reason: String,
    },

    #[error(
        "Another Patchbay process (the app or the command line) is still {what} for this connection. Try again in a minute."
    )]
    Busy { what: &'static str },

    #[error(
        "This connection was disconnected or signed in again while its token was being refreshed, so the refreshed token was not kept."
    )]
    TokensChanged,

    #[error("The chart could not be drawn as an image: {reason}.")]
    ChartRender { reason: String },

    #[error("The browser could not be opened: {reason}.")]
    BrowserOpen { reason: String },

    #[error("The local database reported an error: {0}.")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// A stable, machine-readable code. Never change an existing one; add new ones.
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            Error::DataDir { .. } => C::DataDirUnusable,
            Error::NoDefaultDataDir => C::DataDirNotFound,
            Error::SchemaTooNew { .. } => C::DatabaseSchemaTooNew,
            Error::DatabaseOpen { .. } => C::DatabaseOpenFailed,
            Error::UnknownConnector { .. } => C::ConnectorUnknown,
            Error::VaultUnavailable { .. } => C::VaultUnavailable,
            Error::VaultKeyMismatch => C::VaultKeyMismatch,
            Error::VaultSourceMismatch { .. } => C::VaultSourceMismatch,
            Error::VaultKeyLost => C::VaultKeyLost,
            Error::VaultCorrupt { .. } => C::VaultCorrupt,
            Error::UnknownConnection { .. } => C::ConnectionUnknown,
            Error::InvalidConfig { .. } => C::ConnectionInvalidConfig,
            Error::InvalidInput(_) => C::InputInvalid,
            Error::NotOAuth { .. } => C::OAuthNotOAuth,
            Error::OAuthMissingClient { .. } => C::OAuthMissingClient,
            Error::OAuthState(_) => C::OAuthBadState,
            Error::OAuthDenied { .. } => C::OAuthDenied,
            Error::OAuthTimeout { .. } => C::OAuthTimeout,
            Error::OAuthSuperseded => C::OAuthSuperseded,
            Error::Autostart { .. } => C::DesktopAutostartFailed,
            Error::ActionInput { .. } => C::ActionInvalidInput,
            Error::UnknownAction { .. } => C::ActionUnknown,
            Error::ActionUnavailable { .. } => C::ActionUnavailable,
            Error::ActionRefused { .. } => C::ActionRefused,
            Error::ActionFailed { .. } => C::ActionFailed,
            Error::ActionUncertain { .. } => C::ActionUncertain,
            Error::AttachmentNotAllowed { .. } => C::ActionAttachmentRefused,
            Error::WorkflowInvalid { .. } => C::WorkflowInvalid,
            Error::UnknownWorkflow { .. } => C::WorkflowUnknown,
            Error::WorkflowBusy { .. } => C::WorkflowBusy,
            Error::OAuthExchange { .. } => C::OAuthExchangeFailed,
            Error::OAuthDifferentAccount { .. } => C::OAuthDifferentAccount,
            Error::NeedsReauth { .. } => C::OAuthNeedsReauth,
            Error::Unreachable { .. } => C::HttpUnreachable,
            Error::SandboxUnavailable { .. } => C::SandboxUnavailable,
            Error::SandboxNotRunning => C::SandboxNotRunning,
            Error::NoSandbox { .. } => C::SandboxUnsupported,
            Error::SandboxFaults { .. } => C::SandboxBadFaults,
            Error::PortBusy { .. } => C::OAuthPortBusy,
            Error::Io { .. } => C::IoFailed,
            Error::BrowserOpen { .. } => C::DesktopOpenFailed,
            Error::ChartRender { .. } => C::ChartRenderFailed,
            Error::Busy { .. } => C::ConnectionBusy,
            Error::TokensChanged => C::OAuthTokensChanged,
            Error::Database(_) => C::DatabaseError,
        }
    }

    /// The shape the UI and `--json` output receive.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            fields: match self {
                Error::InvalidConfig { errors }
                | Error::ActionInput { errors, .. }
                | Error::WorkflowInvalid { errors, .. } => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// What a front door (a Tauri command, the CLI's `--json`) reports for a failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// Per-field problems, when the error is about a form.
    pub fields: Vec<crate::FieldError>,
}

impl ErrorPayload {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }
}

impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        err.payload()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
