//! Questions asked of the local store: the overview of an account, its top posts, trends and
//! the best times to post. Everything reads SQLite; nothing calls a platform.

pub mod compare;
pub mod export;
pub mod heatmap;
pub mod overview;
pub mod posts;
pub mod trend;

pub use compare::{Comparison, compare};
pub use heatmap::{Heatmap, heatmap};
pub use overview::{EngagementFormula, Overview, overview};
pub use posts::{TopPost, top_posts};
pub use trend::{TrendPoint, followers, trend};

/// `now - days`, as stored timestamps compare (RFC 3339, UTC).
pub(crate) fn since(days: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::days(days))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
