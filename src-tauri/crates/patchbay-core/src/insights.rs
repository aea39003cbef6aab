//! Insights for the window, the command line and reports: per connection (or all of them) and
//! in total, computed from the stored history by `analytics::insights`.

use crate::analytics::insights::{self, Insight};
use crate::analytics::{top_posts, trend};
use crate::connections::{self, ConnectionFilter};
use crate::error::Result;
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Insights {
    /// When these were computed (RFC 3339).
    pub computed_at: String,
    #[ts(type = "number")]
    pub days: i64,
    pub items: Vec<Insight>,
}

/// Which accounts insights cover: every one with history, one connection, or a tag's.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    All,
    One(&'a str),
    Tag(&'a str),
}

impl<'a> Scope<'a> {
    /// From a front door's optional connection and tag (the connection wins).
    pub fn of(connection: Option<&'a str>, tag: Option<&'a str>) -> Self {
        match (connection, tag) {
            (Some(c), _) => Self::One(c),
            (None, Some(t)) => Self::Tag(t),
            (None, None) => Self::All,
        }
    }
}

/// Insights over the last `days`, for the accounts in `scope`, plus the total follower trend
/// across them. `utc_offset_minutes` places posting times in the user's day.
pub fn compute(
    ws: &Workspace,
    scope: Scope<'_>,
    days: i64,
    utc_offset_minutes: i32,
) -> Result<Insights> {
    let analytics = |filter: &ConnectionFilter| -> Result<Vec<(String, String)>> {
        Ok(connections::list(ws, filter)?
            .into_iter()
            .filter(|c| crate::platforms::supports(&c.connector_id))
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect())
    };
    let ids: Vec<(String, String)> = match scope {
        Scope::One(c) => {
            let id = connections::resolve(ws, c)?;
            let v = connections::get(ws, &id)?;
            vec![(id, v.name.clone())]
        }
        Scope::All => analytics(&ConnectionFilter::default())?,
        Scope::Tag(tag) => {
            // A tag nobody carries is an error that names the tags in use.
            connections::tags::tagged(ws, tag)?;
            analytics(&ConnectionFilter {
                tag: Some(tag.to_owned()),
                ..Default::default()
            })?
        }
    };
    let period = format!("the last {days} days");
    let db = ws.database();
    let mut items = Vec::new();
    let mut total: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for (id, name) in &ids {
        let followers = trend::followers(db, id, days)?;
        for p in &followers {
            let e = total.entry(p.day.clone()).or_insert((0.0, 0));
            e.0 += p.value;
            e.1 += 1;
        }
        let posts = top_posts(db, id, days, 0)?;
        let mut found = vec![insights::growth(Some(id), &followers, &period)];
        found.extend(insights::outliers(Some(id), &posts, &period));
        found.extend(insights::content(Some(id), &posts, &period));
        found.push(insights::rhythm(
            Some(id),
            &posts,
            &period,
            utc_offset_minutes,
        ));
        let claims = insights::platform(Some(id), name, &found);
        for i in &mut found {
            i.title = format!("{name}: {}", i.title);
        }
        items.extend(claims);
        items.extend(found);
    }
    if ids.len() > 1 {
        // Days every account has a count for, so the total is a sum of like with like.
        let all: Vec<crate::analytics::TrendPoint> = total
            .into_iter()
            .filter(|(_, (_, k))| *k == ids.len())
            .map(|(day, (value, _))| crate::analytics::TrendPoint { day, value })
            .collect();
        let mut g = insights::growth(None, &all, &period);
        g.title = "All accounts: follower growth".into();
        items.insert(0, g);
    }
    Ok(Insights {
        computed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        days,
        items,
    })
}
