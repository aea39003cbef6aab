//! The figures of a report: a period (a calendar month, the last N days, or a range), each
//! account's followers at its start and end, posts, views and interactions published in it, the
//! same for the period before, subtotals per platform, the top posts across accounts, and each
//! account's follower curve. Rolling periods use the same queries as `overview`, so the numbers
//! agree with `patchbay report overview`.

use crate::posts::TopPost;
use crate::trend::{self, TrendPoint};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use patchbay_store::{Database, reads};
use patchbay_types::error::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Period {
    /// Inclusive start, RFC 3339 (UTC).
    pub from: String,
    /// Exclusive end; `9999` for "until now".
    pub until: String,
    pub label: String,
    #[ts(type = "number")]
    pub days: i64,
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Period {
    /// `2026-11` (a month), `this-month` (this month so far), `30d` (the last 30 days, until
    /// now) or `2026-11-01..2026-11-15`.
    pub fn parse(text: &str, now: DateTime<Utc>) -> Result<Self> {
        let text = text.trim();
        if text == "this-month" {
            let first = now.date_naive().with_day(1).unwrap_or(now.date_naive());
            return Ok(Self {
                from: format!("{first}T00:00:00Z"),
                until: "9999".into(),
                label: first.format("%B %Y so far").to_string(),
                days: (now.date_naive() - first).num_days() + 1,
            });
        }
        let bad = || {
            Error::InvalidInput(format!(
                "`{text}` is not a period. Write a month (2026-11), this-month, a number of days (30d) or a range (2026-11-01..2026-11-15)."
            ))
        };
        if let Some(n) = text
            .strip_suffix('d')
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| (1..=3650).contains(n))
        {
            return Ok(Self {
                from: stamp(now - Duration::days(n)),
                until: "9999".into(),
                label: format!("the last {n} days"),
                days: n,
            });
        }
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        if let Some((a, b)) = text.split_once("..") {
            let (a, b) = (day(a).ok_or_else(bad)?, day(b).ok_or_else(bad)?);
            if b < a {
                return Err(bad());
            }
            let end = b + Duration::days(1);
            return Ok(Self {
                from: format!("{a}T00:00:00Z"),
                until: format!("{end}T00:00:00Z"),
                label: format!("{} – {}", a.format("%-d %B %Y"), b.format("%-d %B %Y")),
                days: (end - a).num_days(),
            });
        }
        let first = day(&format!("{text}-01")).ok_or_else(bad)?;
        let next = if first.month() == 12 {
            NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
        }
        .ok_or_else(bad)?;
        Ok(Self {
            from: format!("{first}T00:00:00Z"),
            until: format!("{next}T00:00:00Z"),
            label: first.format("%B %Y").to_string(),
            days: (next - first).num_days(),
        })
    }

    /// The period of the same length just before.
    pub fn previous(&self, now: DateTime<Utc>) -> Self {
        let from = DateTime::parse_from_rfc3339(&self.from)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now);
        Self {
            from: stamp(from - Duration::days(self.days)),
            until: self.from.clone(),
            label: "the period before".into(),
            days: self.days,
        }
    }

    fn ends_now(&self) -> bool {
        self.until == "9999"
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Totals {
    #[ts(type = "number")]
    pub followers: i64,
    #[ts(type = "number")]
    pub follower_change: i64,
    #[ts(type = "number")]
    pub posts: i64,
    #[ts(type = "number")]
    pub views: i64,
    #[ts(type = "number")]
    pub interactions: i64,
    /// The interactions of the accounts that report views: engagement divides these by views,
    /// so a platform without view counts (Reddit, Facebook Pages) cannot push it past 100 %.
    #[ts(type = "number")]
    pub viewed_interactions: i64,
}

impl Totals {
    fn add(&mut self, a: &Account) {
        self.followers += a.followers_end.unwrap_or(0);
        self.follower_change += a
            .followers_end
            .zip(a.followers_start)
            .map_or(0, |(e, s)| e - s);
        self.posts += a.posts;
        self.views += a.views;
        self.interactions += a.interactions;
        if a.views > 0 {
            self.viewed_interactions += a.interactions;
        }
    }

    /// Interactions per view, in percent, over the accounts that report views.
    pub fn engagement(&self) -> Option<f64> {
        (self.views > 0).then(|| self.viewed_interactions as f64 / self.views as f64 * 100.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Account {
    pub connection_id: String,
    pub name: String,
    pub platform: String,
    #[ts(type = "number | null")]
    pub followers_start: Option<i64>,
    #[ts(type = "number | null")]
    pub followers_end: Option<i64>,
    #[ts(type = "number")]
    pub posts: i64,
    #[ts(type = "number")]
    pub views: i64,
    #[ts(type = "number")]
    pub interactions: i64,
    /// The first day of stored history, when it begins inside the period (a new account): the
    /// figures cover only the days since.
    pub history_starts: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportData {
    pub period: Period,
    pub totals: Totals,
    pub previous: Totals,
    pub platforms: BTreeMap<String, Totals>,
    pub accounts: Vec<Account>,
    /// The best posts of the period across accounts, by views: (account name, post).
    pub top_posts: Vec<(String, TopPost)>,
    #[ts(skip)]
    #[serde(skip)]
    pub curves: Vec<(String, Vec<TrendPoint>)>,
}

fn day_of(stamp: &str) -> String {
    stamp.get(..10).unwrap_or(stamp).to_owned()
}

fn account(
    db: &Database,
    (id, name, platform): &(String, String, String),
    p: &Period,
) -> Result<(Account, Vec<TrendPoint>)> {
    let span = Utc::now()
        .signed_duration_since(
            DateTime::parse_from_rfc3339(&p.from)
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|_| Utc::now()),
        )
        .num_days()
        + 2;
    let history = trend::followers(db, id, span.max(p.days + 2))?;
    let (from_day, until_day) = (
        day_of(&p.from),
        if p.ends_now() {
            "9999".to_owned()
        } else {
            day_of(&p.until)
        },
    );
    let in_period: Vec<TrendPoint> = history
        .iter()
        .filter(|t| t.day >= from_day && t.day < until_day)
        .cloned()
        .collect();
    let sql = db.lock();
    let t = reads::post_totals_between(&sql, id, &p.from, &p.until)?;
    let profile = reads::profile(&sql, id)?.and_then(|(_, f)| f);
    drop(sql);
    let start = history
        .iter()
        .rev()
        .find(|t| t.day <= from_day)
        .or(in_period.first())
        .map(|t| t.value as i64);
    let end = if p.ends_now() {
        profile.or(in_period.last().map(|t| t.value as i64))
    } else {
        in_period.last().map(|t| t.value as i64)
    };
    Ok((
        Account {
            connection_id: id.clone(),
            name: name.clone(),
            platform: platform.clone(),
            followers_start: start,
            followers_end: end,
            posts: t.posts,
            views: t.views,
            interactions: t.interactions,
            history_starts: history
                .first()
                .map(|t| t.day.clone())
                .filter(|first| *first > from_day),
        },
        in_period,
    ))
}

/// The report's figures for `accounts` (id, name, platform) over `period`.
pub fn build(
    db: &Database,
    accounts: &[(String, String, String)],
    period: Period,
    now: DateTime<Utc>,
) -> Result<ReportData> {
    let before = period.previous(now);
    let mut totals = Totals::default();
    let mut previous = Totals::default();
    let mut platforms: BTreeMap<String, Totals> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut curves = Vec::new();
    let mut top = Vec::new();
    for a in accounts {
        let (row, curve) = account(db, a, &period)?;
        let (prev, _) = account(db, a, &before)?;
        totals.add(&row);
        previous.add(&prev);
        platforms.entry(row.platform.clone()).or_default().add(&row);
        curves.push((row.name.clone(), curve));
        let posts = reads::posts_ranked(&db.lock(), &a.0, &period.from, 0)?;
        top.extend(
            posts
                .into_iter()
                .map(TopPost::from)
                .filter(|p| p.posted_at < period.until)
                .map(|p| (row.name.clone(), p)),
        );
        rows.push(row);
    }
    top.sort_by(|a, b| {
        b.1.views
            .unwrap_or(0)
            .cmp(&a.1.views.unwrap_or(0))
            .then_with(|| a.1.posted_at.cmp(&b.1.posted_at))
    });
    top.truncate(10);
    Ok(ReportData {
        period,
        totals,
        previous,
        platforms,
        accounts: rows,
        top_posts: top,
        curves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn periods_read_as_a_person_writes_them() {
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
        let m = Period::parse("2026-11", now).unwrap();
        assert_eq!(
            (m.from.as_str(), m.until.as_str(), m.days, m.label.as_str()),
            (
                "2026-11-01T00:00:00Z",
                "2026-12-01T00:00:00Z",
                30,
                "November 2026"
            )
        );
        let d = Period::parse("2026-12", now).unwrap();
        assert_eq!(d.until, "2027-01-01T00:00:00Z");
        let r = Period::parse("30d", now).unwrap();
        assert_eq!(
            (r.from.as_str(), r.until.as_str()),
            ("2026-10-31T12:00:00Z", "9999")
        );
        let month = Period::parse("this-month", now).unwrap();
        assert_eq!(
            (month.from.as_str(), month.until.as_str(), month.days),
            ("2026-11-01T00:00:00Z", "9999", 30)
        );
        let range = Period::parse("2026-11-01..2026-11-15", now).unwrap();
        assert_eq!(
            (range.until.as_str(), range.days),
            ("2026-11-16T00:00:00Z", 15)
        );
        assert_eq!(m.previous(now).from, "2026-10-02T00:00:00Z");
        assert!(
            Period::parse("November", now).is_err()
                && Period::parse("2026-11-15..2026-11-01", now).is_err()
        );
    }
}
