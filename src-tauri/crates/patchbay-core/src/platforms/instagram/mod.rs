//! Instagram (Instagram Login, graph.instagram.com): how it syncs, and its OAuth steps beyond
//! the standard (the long-lived token and `ig_refresh_token`).

pub mod oauth;
pub mod sync;
