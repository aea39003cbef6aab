//! Patchbay's analytics: what the local store says about an account (overview, top posts,
//! trends, best times to post, comparison, export) and the charts drawn from it. Nothing here
//! calls a platform.

pub mod cards;
pub mod charts;
pub mod compare;
pub mod export;
pub mod heatmap;
pub mod insights;
pub mod overview;
pub mod posts;
pub mod report;
pub mod trend;

pub use cards::{AccountCard, account_cards};
pub use compare::{Comparison, compare};
pub use heatmap::{Heatmap, heatmap};
pub use overview::{EngagementFormula, Overview, overview};
pub use posts::{TopPost, top_posts};
pub use trend::{TrendPoint, followers, trend};

/// `now - days`, as stored timestamps compare (RFC 3339, UTC).
fn since(days: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::days(days))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
