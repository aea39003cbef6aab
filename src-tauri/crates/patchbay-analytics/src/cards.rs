//! The Overview's account cards in one call: each account's figures and its sparkline, so a
//! workspace of two hundred accounts draws after one round trip from the window, not four
//! hundred.

use crate::charts::{Theme, sparkline};
use crate::overview::{EngagementFormula, Overview, overview};
use patchbay_store::Database;
use patchbay_types::error::Result;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AccountCard {
    pub connection_id: String,
    pub overview: Overview,
    /// The follower sparkline over the same days, as SVG.
    pub sparkline: String,
}

/// A card for each of `ids`, in their order.
pub fn account_cards(
    db: &Database,
    ids: &[String],
    days: i64,
    formula: EngagementFormula,
    theme: Theme,
) -> Result<Vec<AccountCard>> {
    ids.iter()
        .map(|id| {
            Ok(AccountCard {
                connection_id: id.clone(),
                overview: overview(db, id, days, formula)?,
                sparkline: sparkline(&crate::followers(db, id, days)?, theme).svg(),
            })
        })
        .collect()
}
