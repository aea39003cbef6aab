//! The workflow tables: each workflow's switch and next due time, runs, their steps (each
//! committed before the next starts), and the events a trigger already fired for.

use patchbay_types::error::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RunRow {
    #[ts(type = "number")]
    pub id: i64,
    pub workflow: String,
    pub trigger: String,
    /// running, ok, stopped (a condition was false), failed or unknown (a step may or may not
    /// have reached its platform).
    pub status: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StepRow {
    #[ts(type = "number")]
    pub idx: i64,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    #[ts(type = "number | null")]
    pub duration_ms: Option<i64>,
    /// What the step answered, as JSON (message bodies left out).
    pub output: Option<String>,
    pub error: Option<String>,
}

/// Whether a workflow is switched on (a new one is).
pub fn enabled(sql: &Connection, workflow: &str) -> Result<bool> {
    Ok(sql
        .query_row(
            "SELECT enabled FROM workflow_state WHERE workflow = ?1",
            [workflow],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .is_none_or(|e| e != 0))
}

pub fn set_enabled(sql: &Connection, workflow: &str, on: bool) -> Result<()> {
    sql.execute(
        "INSERT INTO workflow_state (workflow, enabled) VALUES (?1, ?2)
         ON CONFLICT (workflow) DO UPDATE SET enabled = excluded.enabled",
        params![workflow, on as i64],
    )?;
    Ok(())
}

pub fn next_due(sql: &Connection, workflow: &str) -> Result<Option<String>> {
    Ok(sql
        .query_row(
            "SELECT next_due_at FROM workflow_state WHERE workflow = ?1",
            [workflow],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

pub fn set_next_due(sql: &Connection, workflow: &str, at: Option<&str>) -> Result<()> {
    sql.execute(
        "INSERT INTO workflow_state (workflow, next_due_at) VALUES (?1, ?2)
         ON CONFLICT (workflow) DO UPDATE SET next_due_at = excluded.next_due_at",
        params![workflow, at],
    )?;
    Ok(())
}

/// Records that `event` fired `workflow`; false when it already had (another process, or an
/// earlier sync): then it must not run again.
pub fn claim_event(sql: &Connection, workflow: &str, event: &str, at: &str) -> Result<bool> {
    let inserted = sql.execute(
        "INSERT OR IGNORE INTO workflow_fired (workflow, event, fired_at) VALUES (?1, ?2, ?3)",
        params![workflow, event, at],
    )?;
    Ok(inserted == 1)
}

pub fn start_run(
    sql: &Connection,
    workflow: &str,
    trigger: &str,
    data: &str,
    input: &str,
    at: &str,
) -> Result<i64> {
    sql.execute(
        "INSERT INTO workflow_runs (workflow, trigger, trigger_data, input, status, started_at) VALUES (?1, ?2, ?3, ?4, 'running', ?5)",
        params![workflow, trigger, data, input, at],
    )?;
    Ok(sql.last_insert_rowid())
}

pub fn finish_run(
    sql: &Connection,
    run: i64,
    status: &str,
    error: Option<&str>,
    at: &str,
) -> Result<()> {
    sql.execute(
        "UPDATE workflow_runs SET status = ?2, error = ?3, finished_at = ?4 WHERE id = ?1",
        params![run, status, error, at],
    )?;
    Ok(())
}

/// The trigger's data and the input of a run, as stored.
pub fn run_context(sql: &Connection, run: i64) -> Result<Option<(String, String)>> {
    Ok(sql
        .query_row(
            "SELECT trigger_data, input FROM workflow_runs WHERE id = ?1",
            [run],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn start_step(
    sql: &Connection,
    run: i64,
    idx: i64,
    name: &str,
    kind: &str,
    at: &str,
) -> Result<()> {
    sql.execute(
        "INSERT INTO workflow_steps (run_id, idx, name, kind, status, started_at) VALUES (?1, ?2, ?3, ?4, 'running', ?5)
         ON CONFLICT (run_id, idx) DO UPDATE SET status = 'running', started_at = excluded.started_at",
        params![run, idx, name, kind, at],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn finish_step(
    sql: &Connection,
    run: i64,
    idx: i64,
    status: &str,
    output: Option<&str>,
    error: Option<&str>,
    duration_ms: i64,
    at: &str,
) -> Result<()> {
    sql.execute(
        "UPDATE workflow_steps SET status = ?3, output = ?4, error = ?5, duration_ms = ?6, finished_at = ?7 WHERE run_id = ?1 AND idx = ?2",
        params![run, idx, status, output, error, duration_ms, at],
    )?;
    Ok(())
}

fn run_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RunRow> {
    Ok(RunRow {
        id: r.get(0)?,
        workflow: r.get(1)?,
        trigger: r.get(2)?,
        status: r.get(3)?,
        started_at: r.get(4)?,
        finished_at: r.get(5)?,
        error: r.get(6)?,
    })
}

const RUN_COLUMNS: &str = "id, workflow, trigger, status, started_at, finished_at, error";

/// The latest runs, newest first, of one workflow or all.
pub fn runs(sql: &Connection, workflow: Option<&str>, limit: i64) -> Result<Vec<RunRow>> {
    let mut stmt = sql.prepare(&format!(
        "SELECT {RUN_COLUMNS} FROM workflow_runs WHERE ?1 IS NULL OR workflow = ?1 ORDER BY id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![workflow, limit], run_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn run(sql: &Connection, id: i64) -> Result<Option<RunRow>> {
    Ok(sql
        .query_row(
            &format!("SELECT {RUN_COLUMNS} FROM workflow_runs WHERE id = ?1"),
            [id],
            run_row,
        )
        .optional()?)
}

/// Runs a process left `running` (it died mid-run), oldest first.
pub fn unfinished(sql: &Connection) -> Result<Vec<RunRow>> {
    let mut stmt = sql.prepare(&format!(
        "SELECT {RUN_COLUMNS} FROM workflow_runs WHERE status = 'running' ORDER BY id"
    ))?;
    let rows = stmt.query_map([], run_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn steps(sql: &Connection, run: i64) -> Result<Vec<StepRow>> {
    let mut stmt = sql.prepare(
        "SELECT idx, name, kind, status, started_at, finished_at, duration_ms, output, error FROM workflow_steps WHERE run_id = ?1 ORDER BY idx",
    )?;
    let rows = stmt.query_map([run], |r| {
        Ok(StepRow {
            idx: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            status: r.get(3)?,
            started_at: r.get(4)?,
            finished_at: r.get(5)?,
            duration_ms: r.get(6)?,
            output: r.get(7)?,
            error: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes finished runs older than `before` (the kept history), with their steps.
pub fn prune(sql: &Connection, before: &str) -> Result<usize> {
    Ok(sql.execute(
        "DELETE FROM workflow_runs WHERE status != 'running' AND started_at < ?1",
        [before],
    )?)
}

/// A post whose metric reached a value within some hours of its publishing.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    pub post_id: i64,
    pub connection_id: String,
    pub caption: Option<String>,
    pub permalink: Option<String>,
    pub posted_at: String,
    pub value: f64,
}

/// Posts whose `metric` was at least `above` in a snapshot taken within `within_hours` of
/// publishing (of one connection, or all).
pub fn crossings(
    sql: &Connection,
    connection_id: Option<&str>,
    metric: &str,
    above: f64,
    within_hours: u32,
) -> Result<Vec<Crossing>> {
    let mut stmt = sql.prepare(
        "SELECT p.id, p.connection_id, p.caption, p.permalink, p.posted_at, MAX(s.value)
         FROM posts p JOIN snapshots s ON s.post_id = p.id AND s.metric = ?1
         WHERE s.value >= ?2 AND julianday(s.captured_at) <= julianday(p.posted_at) + ?3 / 24.0
           AND (?4 IS NULL OR p.connection_id = ?4)
         GROUP BY p.id ORDER BY p.posted_at",
    )?;
    let rows = stmt.query_map(params![metric, above, within_hours, connection_id], |r| {
        Ok(Crossing {
            post_id: r.get(0)?,
            connection_id: r.get(1)?,
            caption: r.get(2)?,
            permalink: r.get(3)?,
            posted_at: r.get(4)?,
            value: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An account's last two follower counts, newest first.
pub fn last_followers(sql: &Connection, connection_id: &str) -> Result<Vec<f64>> {
    let mut stmt = sql.prepare(
        "SELECT value FROM snapshots WHERE connection_id = ?1 AND post_id IS NULL AND metric = 'followers'
         ORDER BY captured_at DESC, id DESC LIMIT 2",
    )?;
    let rows = stmt.query_map([connection_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
