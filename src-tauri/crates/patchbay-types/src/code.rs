//! Every error code Patchbay reports, declared once. The UI receives them as a TypeScript union,
//! scripts read them from `--json` output and `error[code]` lines. Never rename one; add new ones.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// A stable, machine-readable name for what went wrong.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $code)] $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

codes! {
    DataDirUnusable = "data_dir.unusable",
    DataDirNotFound = "data_dir.not_found",
    DatabaseSchemaTooNew = "database.schema_too_new",
    DatabaseOpenFailed = "database.open_failed",
    DatabaseError = "database.error",
    ConnectorUnknown = "connector.unknown",
    VaultUnavailable = "vault.unavailable",
    VaultKeyMismatch = "vault.key_mismatch",
    VaultSourceMismatch = "vault.source_mismatch",
    VaultKeyLost = "vault.key_lost",
    VaultCorrupt = "vault.corrupt",
    ConnectionUnknown = "connection.unknown",
    ConnectionInvalidConfig = "connection.invalid_config",
    InputInvalid = "input.invalid",
    OAuthNotOAuth = "oauth.not_oauth",
    OAuthMissingClient = "oauth.missing_client",
    OAuthBadState = "oauth.bad_state",
    OAuthDenied = "oauth.denied",
    OAuthTimeout = "oauth.timeout",
    OAuthSuperseded = "oauth.superseded",
    DesktopAutostartFailed = "desktop.autostart_failed",
    ActionInvalidInput = "action.invalid_input",
    ActionUnknown = "action.unknown",
    ActionUnavailable = "action.unavailable",
    ActionRefused = "action.refused",
    ActionFailed = "action.failed",
    ActionUncertain = "action.uncertain",
    WorkflowInvalid = "workflow.invalid",
    WorkflowUnknown = "workflow.unknown",
    WorkflowBusy = "workflow.busy",
    ActionAttachmentRefused = "action.attachment_refused",
    OAuthExchangeFailed = "oauth.exchange_failed",
    OAuthDifferentAccount = "oauth.different_account",
    OAuthNeedsReauth = "oauth.needs_reauth",
    /// The loopback port for the OAuth callback is taken.
    OAuthPortBusy = "oauth.port_busy",
    HttpUnreachable = "http.unreachable",
    /// The built-in sandbox could not start, or this build has none.
    SandboxUnavailable = "sandbox.unavailable",
    SandboxNotRunning = "sandbox.not_running",
    /// The connector has no emulator.
    SandboxUnsupported = "sandbox.unsupported",
    SandboxBadFaults = "sandbox.bad_faults",
    /// A file could not be read or written.
    IoFailed = "io.failed",
    /// The desktop could not hand an address to the browser.
    DesktopOpenFailed = "desktop.open_failed",
    /// Another Patchbay process (the app, the CLI, a `sync --watch`) is working on the same
    /// connection and did not finish in time.
    ConnectionBusy = "connection.busy",
    /// A refresh finished after the connection was disconnected or signed in again.
    OAuthTokensChanged = "oauth.tokens_changed",
    /// A chart could not be turned into an image.
    ChartRenderFailed = "chart.render_failed",
    /// The platform reports its usage budget nearly used; the sync paused before it refuses.
    SyncBudgetExhausted = "sync.budget_exhausted",
    /// The platform answered with something that could not be read.
    SyncMalformedResponse = "sync.malformed_response",
    /// A daily quota is used up (YouTube).
    SyncQuotaExceeded = "sync.quota_exceeded",
    /// The platform is rate limiting; the stream stopped until the reset.
    SyncRateLimited = "sync.rate_limited",
    /// The platform refused a request for another reason.
    SyncRequestRefused = "sync.request_refused",
    /// The platform answered with a server error.
    SyncServerError = "sync.server_error",
    /// A page could not be written to the local database.
    SyncStoreFailed = "sync.store_failed",
    /// The platform refused the access token.
    SyncTokenRejected = "sync.token_rejected",
    /// An answer was larger than Patchbay reads.
    SyncTooLarge = "sync.too_large",
    /// The platform could not be reached.
    SyncUnreachable = "sync.unreachable",
    /// Patchbay cannot sync this connector yet.
    SyncUnsupported = "sync.unsupported",
    /// The window met a failure that did not come from the core (its bridge to the app broke).
    UiUnexpected = "ui.unexpected",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_unique_and_serialises_as_itself() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} is declared twice");
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().to_owned())
            );
        }
    }

    #[test]
    fn the_ui_receives_the_codes_as_a_union_of_strings() {
        let ts = ErrorCode::decl(&ts_rs::Config::default());
        for code in ErrorCode::ALL {
            assert!(
                ts.contains(&format!("\"{code}\"")),
                "{code} missing from {ts}"
            );
        }
    }
}
