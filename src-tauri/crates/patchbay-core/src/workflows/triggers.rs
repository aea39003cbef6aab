//! When a workflow fires: its schedule came due, a sync finished, or something Patchbay saw in
//! your own numbers happened (a post crossed a threshold early, followers passed a milestone, a
//! connection needs reconnecting, a token is about to expire). Each event fires a workflow once:
//! the event is claimed in the database first, so a second process or a later sync never runs
//! it again.

use super::file::{Trigger, Workflow};
use crate::connections::{self, ConnectionStatus};
use crate::error::Result;
use crate::store::workflows as rows;
use crate::sync::SyncSummary;
use crate::workspace::Workspace;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

/// One reason to run: the event it claims (none for schedules and syncs), a label for the run
/// history, and the data steps read as `{{ trigger.… }}`.
pub(super) struct Fire {
    pub event: Option<String>,
    pub label: String,
    pub data: Value,
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn only(ws: &Workspace, filter: &Option<String>) -> Result<Option<String>> {
    filter
        .as_deref()
        .map(|f| connections::resolve(ws, f))
        .transpose()
}

fn who(ws: &Workspace, id: &str) -> Value {
    match connections::get(ws, id) {
        Ok(c) => {
            json!({"id": c.id, "name": c.name, "connector": c.connector_id, "handle": c.account_handle})
        }
        Err(_) => json!({"id": id}),
    }
}

/// What fires `w` now.
pub(super) fn fires(
    ws: &Workspace,
    id: &str,
    w: &Workflow,
    synced: &[SyncSummary],
    now: DateTime<Utc>,
) -> Result<Vec<Fire>> {
    let mut out = Vec::new();
    match &w.trigger {
        Trigger::Manual => {}
        Trigger::Schedule { schedule } => {
            let Ok(s) = crate::sync::schedule::Schedule::parse(schedule) else {
                return Ok(out);
            };
            let sql = ws.database().lock();
            match rows::next_due(&sql, id)?.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()) {
                // First seen: the schedule starts now; nothing is owed from before.
                None => rows::set_next_due(&sql, id, s.next_after(now).map(stamp).as_deref())?,
                Some(due) if due.with_timezone(&Utc) <= now => {
                    rows::set_next_due(&sql, id, s.next_after(now).map(stamp).as_deref())?;
                    out.push(Fire {
                        event: Some(format!("schedule:{}", stamp(due.with_timezone(&Utc)))),
                        label: format!("schedule ({schedule})"),
                        data: json!({"at": stamp(now), "schedule": schedule}),
                    });
                }
                Some(_) => {}
            }
        }
        Trigger::SyncFinished { connection } => {
            let only = only(ws, connection)?;
            for s in synced
                .iter()
                .filter(|s| only.as_deref().is_none_or(|o| o == s.connection_id))
            {
                out.push(Fire {
                    event: None,
                    label: format!("sync of {} finished", s.name),
                    data: json!({"connection": who(ws, &s.connection_id), "status": s.status, "posts": s.posts, "records": s.records, "followers": s.followers, "errors": s.errors}),
                });
            }
        }
        Trigger::PostThreshold {
            connection,
            metric,
            above,
            within_hours,
        } => {
            let only = only(ws, connection)?;
            let crossed = rows::crossings(
                &ws.database().lock(),
                only.as_deref(),
                metric,
                *above,
                *within_hours,
            )?;
            for c in crossed {
                out.push(Fire {
                    event: Some(format!("post:{}", c.post_id)),
                    label: format!("a post passed {above} {metric}"),
                    data: json!({"connection": who(ws, &c.connection_id), "metric": metric, "value": c.value,
                        "post": {"caption": c.caption, "url": c.permalink, "posted_at": c.posted_at, metric.as_str(): c.value}}),
                });
            }
        }
        Trigger::FollowersMilestone { connection, every } if *every > 0 => {
            let only = only(ws, connection)?;
            for c in connections::list_sealed(ws)?
                .iter()
                .filter(|c| only.as_deref().is_none_or(|o| o == c.id))
            {
                let last = rows::last_followers(&ws.database().lock(), &c.id)?;
                let [now_f, before] = last[..] else { continue };
                let (a, b) = ((before as i64) / every, (now_f as i64) / every);
                if b > a {
                    let milestone = b * every;
                    out.push(Fire {
                        event: Some(format!("followers:{}:{milestone}", c.id)),
                        label: format!("{} passed {milestone} followers", c.name),
                        data: json!({"connection": who(ws, &c.id), "followers": now_f as i64, "milestone": milestone}),
                    });
                }
            }
        }
        Trigger::FollowersMilestone { .. } => {}
        Trigger::NeedsReauth => {
            for c in connections::list_sealed(ws)?
                .iter()
                .filter(|c| c.status == ConnectionStatus::NeedsReauth)
            {
                out.push(Fire {
                    event: Some(format!("reauth:{}:{}", c.id, c.updated_at)),
                    label: format!("{} needs reconnecting", c.name),
                    data: json!({"connection": who(ws, &c.id), "message": c.status_message}),
                });
            }
        }
        Trigger::TokenExpiring { within_days } => {
            let horizon = now + Duration::days(i64::from(*within_days));
            for c in connections::list_sealed(ws)?.iter() {
                let Some(at) = c
                    .token_expires_at
                    .as_deref()
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                else {
                    continue;
                };
                let at = at.with_timezone(&Utc);
                if at > now && at <= horizon {
                    out.push(Fire {
                        event: Some(format!("expiring:{}:{}", c.id, stamp(at))),
                        label: format!("{}'s token expires {}", c.name, stamp(at)),
                        data: json!({"connection": who(ws, &c.id), "expires_at": stamp(at)}),
                    });
                }
            }
        }
    }
    Ok(out)
}
