//! When each connection syncs: every so often ("every 6h", "30m", "1d") or on a cron
//! expression read in local time ("0 7 * * *" is 07:00 every day). A connection without a
//! schedule of its own follows the workspace's default interval. A connection that never synced
//! is due at once; one stopped by a rate limit waits for the reset the platform announced.

use crate::error::{Error, Result};
use crate::store::{connections as rows, sync_runs};
use crate::workspace::Workspace;
use chrono::{DateTime, Duration, Local, Utc};
use serde::Serialize;
use std::str::FromStr;
use ts_rs::TS;

const MIN_MINUTES: i64 = 15;
const MAX_DAYS: i64 = 31;

#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    Every(Duration),
    Cron {
        expr: String,
        cron: Box<croner::Cron>,
    },
}

/// "6h", "6 hours", "90m", "1d" (after an optional "every").
fn interval(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = text.split_at(split);
    let n: i64 = n.parse().ok()?;
    match unit.trim() {
        // A number too large for a duration is a very long interval (refused below), not a panic.
        "m" | "min" | "mins" | "minute" | "minutes" => {
            Some(Duration::try_minutes(n).unwrap_or(Duration::MAX))
        }
        "h" | "hr" | "hrs" | "hour" | "hours" => {
            Some(Duration::try_hours(n).unwrap_or(Duration::MAX))
        }
        "d" | "day" | "days" => Some(Duration::try_days(n).unwrap_or(Duration::MAX)),
        _ => None,
    }
}

impl Schedule {
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        let body = lower
            .strip_prefix("every")
            .map_or(lower.as_str(), str::trim);
        if let Some(every) = interval(body) {
            if every < Duration::minutes(MIN_MINUTES) || every > Duration::days(MAX_DAYS) {
                return Err(Error::InvalidInput(format!(
                    "Sync at most every {MIN_MINUTES} minutes and at least every {MAX_DAYS} days (\"{text}\" is outside that)."
                )));
            }
            return Ok(Self::Every(every));
        }
        match croner::Cron::from_str(text) {
            Ok(cron) => Ok(Self::Cron {
                expr: text.to_owned(),
                cron: Box::new(cron),
            }),
            Err(e) => Err(Error::InvalidInput(format!(
                "\"{text}\" is not a schedule ({e}). Write an interval such as \"every 6h\", \"30m\" or \"1d\", or a cron expression such as \"0 7 * * *\" (minute hour day month weekday, in local time)."
            ))),
        }
    }

    /// The first run after `t`.
    pub fn next_after(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Self::Every(every) => Some(t + *every),
            Self::Cron { cron, .. } => cron
                .find_next_occurrence(&t.with_timezone(&Local), false)
                .ok()
                .map(|n| n.with_timezone(&Utc)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Every(d) if d.num_minutes() % 1440 == 0 => match d.num_days() {
                1 => "every day".into(),
                n => format!("every {n} days"),
            },
            Self::Every(d) if d.num_minutes() % 60 == 0 => match d.num_hours() {
                1 => "every hour".into(),
                n => format!("every {n} h"),
            },
            Self::Every(d) => format!("every {} min", d.num_minutes()),
            Self::Cron { expr, .. } => format!("cron {expr} (local time)"),
        }
    }
}

/// The workspace's default: every `sync_interval_hours` from the preferences.
pub fn default_schedule(ws: &Workspace) -> Result<Schedule> {
    let hours = crate::preferences::get(ws)?.sync_interval_hours;
    Ok(Schedule::Every(Duration::hours(i64::from(hours.max(1)))))
}

/// A connection's schedule, and whether it is its own (not the default).
pub fn of(ws: &Workspace, id: &str) -> Result<(Schedule, bool)> {
    let own = rows::sync_schedule(&ws.database().lock(), id)?;
    match own.as_deref().map(Schedule::parse) {
        Some(Ok(s)) => Ok((s, true)),
        _ => Ok((default_schedule(ws)?, false)),
    }
}

/// Sets (or with `None`, "" or "default", clears) a connection's own schedule.
pub fn set(ws: &Workspace, id: &str, text: Option<&str>) -> Result<()> {
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("default"));
    if let Some(t) = text {
        Schedule::parse(t)?;
    }
    rows::set_sync_schedule(&ws.database().lock(), id, text)
}

fn parse_time(s: Option<&str>) -> Option<DateTime<Utc>> {
    s.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// When a connection syncs next: at once if it never synced, else the schedule's next run
/// after the last one started, and never before a rate limit's announced reset.
pub fn next_run(
    schedule: &Schedule,
    last_start: Option<DateTime<Utc>>,
    reset: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let next = match last_start {
        None => now,
        Some(last) => schedule.next_after(last).unwrap_or(now + Duration::days(1)),
    };
    match reset {
        Some(r) if r > next => r,
        _ => next,
    }
}

/// When connection `id` syncs next by its schedule.
pub fn next_for(ws: &Workspace, id: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let (schedule, _) = of(ws, id)?;
    let last = sync_runs::last_runs(&ws.database().lock(), Some(id))?;
    let (start, reset) = last
        .first()
        .map(|(_, s, r)| (parse_time(Some(s)), parse_time(r.as_deref())))
        .unwrap_or_default();
    Ok(next_run(&schedule, start, reset, now))
}

/// The connections whose next run is due by `now`, among `candidates`.
pub fn due(ws: &Workspace, candidates: &[String], now: DateTime<Utc>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for id in candidates {
        if next_for(ws, id, now)? <= now {
            out.push(id.clone());
        }
    }
    Ok(out)
}

/// How a connection's schedule looks to the user.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduleView {
    /// The connection's own schedule as written, or `null` when it follows the default.
    pub own: Option<String>,
    /// "every 6 h (default)", "cron 0 7 * * * (local time)".
    pub label: String,
    /// When it syncs next; `null` when it cannot sync (not connected, or not a synced platform).
    pub next_sync_at: Option<String>,
}

pub fn view(ws: &Workspace, id: &str, syncable: bool) -> Result<ScheduleView> {
    let own = rows::sync_schedule(&ws.database().lock(), id)?;
    let (schedule, is_own) = of(ws, id)?;
    let label = if is_own {
        schedule.describe()
    } else {
        format!("{} (default)", schedule.describe())
    };
    let next_sync_at = if syncable {
        Some(next_for(ws, id, Utc::now())?.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    } else {
        None
    };
    Ok(ScheduleView {
        own: own.filter(|_| is_own),
        label,
        next_sync_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn intervals_are_read_in_plain_words_and_kept_within_bounds() {
        for (text, minutes) in [
            ("every 6h", 360),
            ("30m", 30),
            ("1d", 1440),
            ("every 2 hours", 120),
        ] {
            assert_eq!(
                Schedule::parse(text).unwrap(),
                Schedule::Every(Duration::minutes(minutes)),
                "{text}"
            );
        }
        assert!(
            Schedule::parse("5m")
                .unwrap_err()
                .to_string()
                .contains("15 minutes")
        );
        assert!(Schedule::parse("90d").is_err());
        let err = Schedule::parse("sometimes").unwrap_err().to_string();
        assert!(
            err.contains("every 6h") && err.contains("0 7 * * *"),
            "{err}"
        );
    }

    #[test]
    fn cron_runs_at_the_next_matching_local_time() {
        let s = Schedule::parse("0 7 * * *").unwrap();
        let last = Local::now().with_timezone(&Utc);
        let next = s.next_after(last).unwrap().with_timezone(&Local);
        assert_eq!(next.format("%H:%M").to_string(), "07:00");
        assert!(
            next.with_timezone(&Utc) > last && next.with_timezone(&Utc) - last <= Duration::days(1)
        );
        assert!(Schedule::parse("61 * * * *").is_err());
    }

    #[test]
    fn an_absurd_interval_is_refused_with_a_sentence_not_a_panic() {
        for text in [
            "every 99999999999999d",
            "9223372036854775807m",
            "every 999999999999h",
        ] {
            let err = Schedule::parse(text).unwrap_err();
            assert_eq!(err.code(), "input.invalid", "{text}");
        }
    }

    #[test]
    fn never_synced_is_due_now_and_a_rate_limit_reset_pushes_the_next_run_later() {
        let every = Schedule::Every(Duration::hours(6));
        let now = at("2026-11-22T12:00:00Z");
        assert_eq!(next_run(&every, None, None, now), now);
        let last = at("2026-11-22T10:00:00Z");
        assert_eq!(
            next_run(&every, Some(last), None, now),
            at("2026-11-22T16:00:00Z")
        );
        let reset = at("2026-11-22T20:00:00Z");
        assert_eq!(next_run(&every, Some(last), Some(reset), now), reset);
        // A reset already passed changes nothing.
        assert_eq!(
            next_run(&every, Some(last), Some(at("2026-11-22T11:00:00Z")), now),
            at("2026-11-22T16:00:00Z")
        );
    }
}
