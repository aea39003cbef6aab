//! Syncing one connection: profile, posts and insights, each a stream with its own sync-run
//! row. Every page of posts commits in one transaction with its snapshots, the run's item count
//! and the cursor, so killing the process at any moment loses nothing committed, and resuming
//! (upserts by platform id) duplicates nothing.

use super::backfill;
use super::progress::{Progress, Stage};
use super::runs::{begin, end, now, strip_secrets};
use super::summary::SyncSummary;
use crate::connections::{Connection, ConnectionStatus, service};
use crate::error::ErrorCode;
use crate::error::{Error, Result};
use crate::lease::{self, Lease};
use crate::platforms::api::{Api, SyncError};
use crate::platforms::{self, Resume};
use crate::store::{analytics, connections as rows, sync_runs};
use crate::workspace::Workspace;
use chrono::{DateTime, Duration, Utc};
use patchbay_types::records::Profile;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

/// Posts this recent are fetched again on every sync: their metrics still move.
pub const REFRESH_WINDOW_DAYS: i64 = 14;
/// How far back the first sync backfills daily insights.
pub const BACKFILL_DAYS: i64 = 365;

/// How long a sync's lease lasts. A sync stops at rate limits and page caps long before; a
/// process killed mid-sync frees it at once where the system can tell (Linux), else on expiry.
const SYNC_LEASE: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// The connection's API, from the row the sync already loaded (the token comes from the token
/// engine, which re-reads under its refresh lock).
async fn api_for(ws: &Workspace, connection: &Connection) -> Result<Api> {
    let manifest = ws.registry().get(&connection.connector_id)?;
    let endpoints = crate::connections::endpoints::resolve(ws, connection, manifest)?;
    let token = crate::oauth::access_token(ws, &connection.id).await?;
    let mut headers = Vec::new();
    for (name, template) in manifest.api.iter().flat_map(|a| a.headers.iter()) {
        headers.push((
            name.clone(),
            crate::connections::request::fill(ws, connection, template)?,
        ));
    }
    Ok(Api {
        platform: manifest.name.clone(),
        kind: platforms::Platform::of(&connection.connector_id),
        base: endpoints.api_base_url.unwrap_or_default(),
        token,
        token_param: manifest
            .api
            .as_ref()
            .and_then(|a| a.access_token_param.clone()),
        headers,
        client: ws.http().client().clone(),
        budget: Default::default(),
    })
}

/// Syncs one connection now, telling listeners how it goes (see `progress`).
pub async fn sync_connection(ws: &Workspace, id: &str) -> Result<SyncSummary> {
    let name = service::load(ws, id).map(|c| c.name).unwrap_or_default();
    let step = Step {
        ws,
        id,
        name: &name,
    };
    step.emit(Stage::Started, 0, None, None);
    tracing::info!(connection = id, "sync started");
    let result = run(ws, id, &step).await;
    let (posts, status) = match &result {
        Ok(s) => (s.posts, s.status.clone()),
        Err(_) => (0, "failed".to_owned()),
    };
    match &result {
        Ok(s) if s.errors.is_empty() => tracing::info!(
            connection = id,
            status = %s.status,
            posts = s.posts,
            duration_ms = s.duration_ms,
            "sync finished"
        ),
        Ok(s) => tracing::warn!(
            connection = id,
            status = %s.status,
            posts = s.posts,
            problems = %s.errors.join(" | "),
            "sync finished with problems"
        ),
        Err(e) => tracing::warn!(connection = id, code = %e.code(), error = %e, "sync failed"),
    }
    step.emit(Stage::Finished, posts, None, Some(status));
    result
}

/// Reports one connection's progress.
struct Step<'a> {
    ws: &'a Workspace,
    id: &'a str,
    name: &'a str,
}

impl Step<'_> {
    fn emit(&self, stage: Stage, posts: i64, expected_posts: Option<i64>, status: Option<String>) {
        self.ws.emit_progress(Progress {
            connection_id: self.id.to_owned(),
            name: self.name.to_owned(),
            stage,
            posts,
            expected_posts,
            status,
        });
    }
}

async fn run(ws: &Workspace, id: &str, step: &Step<'_>) -> Result<SyncSummary> {
    let started = Instant::now();
    // The row, read once for the whole sync.
    let connection = service::load(ws, id)?;
    if connection.mode == crate::connections::Mode::Sandbox {
        ws.start_sandbox().await?;
    }
    let mut summary = SyncSummary {
        connection_id: id.to_owned(),
        name: connection.name.clone(),
        status: "ok".into(),
        posts: 0,
        followers: None,
        errors: Vec::new(),
        duration_ms: 0,
        records: 0,
    };
    let lists = ws
        .registry()
        .get(&connection.connector_id)
        .is_ok_and(|m| !super::records::declared(m).is_empty());
    if !platforms::supports(&connection.connector_id) && !lists {
        summary.status = "skipped".into();
        summary.errors.push(format!(
            "Patchbay does not sync {} yet.",
            connection.connector_id
        ));
        return Ok(summary);
    }
    let Some(_claim) = ws.claim_sync(id) else {
        summary.status = "skipped".into();
        summary
            .errors
            .push("A sync of this connection is already running; it carries on.".into());
        return Ok(summary);
    };
    // Another process (the app, the command line, a `sync --watch`) may be syncing it: its run
    // rows are live, not abandoned, so this one stays out.
    let Some(_lease) = Lease::try_acquire(ws, &lease::sync(id), SYNC_LEASE)? else {
        summary.status = "skipped".into();
        summary.errors.push(
            "This connection is syncing in another Patchbay process (the app or the command line); it carries on there."
                .into(),
        );
        return Ok(summary);
    };
    if connection.status == ConnectionStatus::NeedsReauth {
        summary.status = "needs_reauth".into();
        summary.errors.push(
            connection
                .status_message
                .clone()
                .unwrap_or_else(|| "Reconnect the account to sync it.".into()),
        );
        return Ok(summary);
    }
    sync_runs::close_abandoned(&ws.database().lock(), id, &now())?;
    if !platforms::supports(&connection.connector_id) {
        return super::records::sync(ws, &connection, summary).await;
    }
    let mut api = match api_for(ws, &connection).await {
        Ok(api) => api,
        Err(Error::NeedsReauth { message }) => {
            summary.status = "needs_reauth".into();
            summary.errors.push(message);
            return Ok(summary);
        }
        Err(e) => return Err(e),
    };
    let connector = connection.connector_id.clone();

    // Profile.
    step.emit(Stage::Profile, 0, None, None);
    let run = begin(ws, id, "profile")?;
    let mut profile_result = platforms::profile(&connector, &api).await;
    if matches!(&profile_result, Err(e) if e.reauth) {
        // The token was refused: refresh once, then try again.
        if let Ok(token) = crate::oauth::refresh_now(ws, id)
            .await
            .and(crate::oauth::access_token(ws, id).await)
        {
            api.token = token;
            profile_result = platforms::profile(&connector, &api).await;
        }
    }
    let profile: Profile = match profile_result {
        Ok((profile, raw)) => {
            let at = now();
            ws.database().transaction(|tx| {
                analytics::upsert_profile(tx, id, &profile, &at)?;
                sync_runs::add_items(tx, run.id, 1)?;
                sync_runs::put_raw(tx, id, "profile", &strip_secrets(&raw), &at)
            })?;
            end(ws, &run, &Ok(()), false)?;
            summary.followers = profile.followers;
            profile
        }
        Err(e) => {
            end(ws, &run, &Err(e.clone()), false)?;
            if e.reauth {
                let message = format!(
                    "{} rejected the access token even after a refresh. Reconnect the account.",
                    api.platform
                );
                crate::oauth::engine::mark_needs_reauth(ws, id, &message)?;
                summary.status = "needs_reauth".into();
                summary.errors.push(message);
            } else {
                summary.status = "failed".into();
                summary.errors.push(e.message);
            }
            summary.duration_ms = started.elapsed().as_millis() as i64;
            return Ok(summary);
        }
    };

    // Posts: newer than the cursor, plus the refresh window; everything on the first sync.
    let cursor = sync_runs::cursor(&ws.database().lock(), id, "posts")?;
    let stop_before = cursor
        .as_deref()
        .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&Utc) - Duration::days(REFRESH_WINDOW_DAYS));
    let run = begin(ws, id, "posts")?;
    let expected = profile.posts_count.filter(|_| stop_before.is_none());
    step.emit(Stage::Posts, 0, expected, None);
    let followers = profile.followers;
    let newest: Option<DateTime<Utc>> = cursor
        .as_deref()
        .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&Utc));
    // Posts stored so far, and the newest one's time; the sink adds to both.
    let tally = std::sync::Mutex::new((0i64, newest));
    let tallied = || *tally.lock().unwrap_or_else(|p| p.into_inner());
    let db = ws.database().clone();
    let run_id = std::sync::atomic::AtomicI64::new(run.id);
    // Which part of the sync the pages belong to, for the progress shown.
    let stage = std::sync::Mutex::new((Stage::Posts, expected));
    let mut sink =
        |page: Vec<patchbay_types::records::Post>| -> std::result::Result<(), SyncError> {
            let at = now();
            let page_newest = page.iter().map(|p| p.posted_at).max();
            let write = db.transaction(|tx| {
                for post in &page {
                    analytics::upsert_post(tx, id, post, followers, &at)?;
                }
                sync_runs::add_items(tx, run_id.load(Relaxed), page.len() as i64)
            });
            write.map_err(|e| SyncError::new(ErrorCode::SyncStoreFailed, e.to_string()))?;
            let count = {
                let mut t = tally.lock().unwrap_or_else(|p| p.into_inner());
                t.0 += page.len() as i64;
                t.1 = t.1.max(page_newest);
                t.0
            };
            let (stage, expected) = *stage.lock().unwrap_or_else(|p| p.into_inner());
            step.emit(stage, count, expected, None);
            Ok(())
        };
    let backfill_from = backfill::stored(ws, id)?;
    let mut resume = Resume::default();
    let posts_result = platforms::posts(
        &connector,
        &api,
        &profile,
        stop_before,
        &mut resume,
        &mut sink,
    )
    .await;
    // The cursor moves when the stream completed, or when a first sync was cut short after some
    // pages: the backfill then goes on from the page that failed, so nothing is skipped.
    let first_cut_short = cursor.is_none() && posts_result.is_err() && resume.left.is_some();
    let (count, newest) = tallied();
    if (posts_result.is_ok() || first_cut_short)
        && let Some(newest) = newest
    {
        sync_runs::set_cursor(
            &ws.database().lock(),
            id,
            "posts",
            &newest.to_rfc3339(),
            &now(),
        )?;
        // With a backfill already under way its cursor is kept: a sync that finds more than a
        // page limit of new posts since the last one leaves that middle stretch unfetched.
        if backfill_from.is_none() && resume.left.is_some() {
            backfill::keep(ws, id, resume.left.as_deref())?;
        }
    }
    end(ws, &run, &posts_result, posts_result.is_err() && count > 0)?;
    if let Err(e) = &posts_result {
        summary.status = if count > 0 {
            "partial".into()
        } else {
            "failed".into()
        };
        summary.errors.push(e.message.clone());
    }

    // Older posts: an earlier sync stopped before the end of history; go on from there.
    if let (Some(from), Ok(())) = (backfill_from, &posts_result) {
        *stage.lock().unwrap_or_else(|p| p.into_inner()) = (Stage::Backfill, profile.posts_count);
        let run = begin(ws, id, "backfill")?;
        run_id.store(run.id, Relaxed);
        let mut resume = Resume::at(Some(from));
        let result =
            platforms::posts(&connector, &api, &profile, None, &mut resume, &mut sink).await;
        backfill::keep(ws, id, resume.left.as_deref())?;
        end(ws, &run, &result, result.is_err() && tallied().0 > count)?;
        if let Err(e) = result {
            summary.status = "partial".into();
            summary.errors.push(format!(
                "Older posts paused; the next sync goes on from there. {}",
                e.message
            ));
        }
    }
    summary.posts = tallied().0;

    // Account insights: backfilled on the first sync, then the last week (data lags).
    let since = Utc::now() - Duration::days(if cursor.is_none() { BACKFILL_DAYS } else { 7 });
    if let Some(result) = {
        step.emit(Stage::Insights, count, expected, None);
        let run = begin(ws, id, "insights")?;
        let fetched = platforms::insights(&connector, &api, &profile, since).await;
        match &fetched {
            Some(Ok(metrics)) => {
                let source = format!("{connector}.insights");
                ws.database().transaction(|tx| {
                    analytics::put_daily(tx, id, metrics, &source)?;
                    sync_runs::add_items(tx, run.id, metrics.len() as i64)
                })?;
                end(ws, &run, &Ok(()), false)?;
            }
            Some(Err(e)) => end(ws, &run, &Err(e.clone()), false)?,
            None => {
                // No insights on this platform: the run row goes, it would only be noise.
                sync_runs::discard(&ws.database().lock(), run.id)?;
            }
        }
        fetched
    } && let Err(e) = result
    {
        summary.errors.push(e.message);
        if summary.status == "ok" {
            summary.status = "partial".into();
        }
    }

    // Thumbnails, kept here so the history can be reviewed offline.
    match crate::media::fetch_missing(ws, id).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(connection = id, thumbnails = n, "thumbnails stored"),
        Err(e) => tracing::warn!(connection = id, error = %e, "thumbnails could not be stored"),
    }
    let budget = *api.budget.lock().unwrap_or_else(|p| p.into_inner());
    crate::sync::budget::record(ws, id, &connector, &budget)?;
    rows::set_last_synced(&ws.database().lock(), id, &service::now())?;
    summary.duration_ms = started.elapsed().as_millis() as i64;
    Ok(summary)
}
