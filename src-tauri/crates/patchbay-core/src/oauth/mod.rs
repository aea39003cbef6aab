//! OAuth 2.0 from a desktop: authorization code with PKCE (S256, and TikTok's hex variant),
//! four ways back to the app (loopback, `patchbay://` deep link, an HTTPS relay page, or
//! pasting the final URL), each platform's quirks, and a token engine that never loses a
//! refresh token.

pub mod callback;
pub(crate) mod client;
pub(crate) mod context;
pub mod engine;
pub(crate) mod failure;
pub mod finished;
pub mod flow;
mod held;
pub mod loopback;
pub mod pending;
mod persist;
pub mod pkce;
mod platform_tokens;
pub(crate) mod quirks;
pub mod relay;
pub mod routes;
pub mod runtime;
mod standard;
pub mod start;
pub mod tokens;
mod wire;

pub use context::credentials;
pub use engine::{access_token, disconnect, refresh_now};
pub use finished::Finished;
pub use flow::{
    AuthorizeRequest, begin, complete, confirm_replace, default_style, discard_replace,
};
pub use routes::{Route, routes};
pub use runtime::Runtime;
pub use start::{Started, finish_loopback, start};

/// The deep-link redirect URI.
pub const DEEP_LINK_REDIRECT: &str = "patchbay://oauth/callback";
