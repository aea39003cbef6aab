//! Facebook Pages (Graph API): how a Page syncs, and its OAuth steps beyond the standard
//! (`fb_exchange_token` and the Page's own token from `/me/accounts`).

pub mod oauth;
pub mod sync;
