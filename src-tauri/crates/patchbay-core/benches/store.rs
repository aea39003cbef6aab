//! Store benchmarks: ingest throughput against a raw rusqlite loop on the same rows, and the
//! dashboard queries on a large database. Run with `cargo bench -p patchbay-core --bench store`;
//! the figures go into docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use chrono::{Duration, Utc};
use patchbay_core::Workspace;
use patchbay_core::analytics::{self, EngagementFormula};
use patchbay_core::store::analytics as store;
use patchbay_core::sync::model::{Metrics, Post};
use std::time::Instant;

const INGEST_POSTS: usize = 20_000;
const PAGE: usize = 50;
const ACCOUNTS: usize = 200;
const DAYS: i64 = 3 * 365;
const POSTS_TOTAL: usize = 200_000;
const QUERY_RUNS: usize = 20;

fn add_connection(sql: &rusqlite::Connection, id: &str) {
    sql.execute(
        "INSERT INTO connections (id, connector_id, name, mode, created_at, updated_at) VALUES (?1, 'tiktok', ?1, 'sandbox', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        [id],
    )
    .unwrap();
}

fn post(i: usize, now: chrono::DateTime<Utc>) -> Post {
    Post {
        platform_id: format!("p{i}"),
        caption: Some(format!("post number {i}")),
        media_type: Some("VIDEO".into()),
        media_url: None,
        thumbnail_url: None,
        permalink: Some(format!("https://example.com/p/{i}")),
        posted_at: now - Duration::hours(i as i64),
        metrics: Metrics {
            views: Some(1000 + i as i64),
            reach: None,
            likes: Some(50 + (i % 97) as i64),
            comments: Some((i % 13) as i64),
            shares: Some((i % 7) as i64),
            saves: None,
        },
    }
}

fn ingest() -> (f64, f64) {
    let now = Utc::now();
    let at = now.to_rfc3339();
    let posts: Vec<Post> = (0..INGEST_POSTS).map(|i| post(i, now)).collect();

    // Patchbay's path: upsert + change-aware snapshots, one transaction per page.
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::open(tmp.path()).unwrap();
    let mut sql = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    sql.pragma_update(None, "synchronous", "NORMAL").unwrap();
    add_connection(&sql, "c");
    let start = Instant::now();
    for page in posts.chunks(PAGE) {
        let tx = sql.transaction().unwrap();
        for p in page {
            store::upsert_post(&tx, "c", p, Some(100_000), &at).unwrap();
        }
        tx.commit().unwrap();
    }
    let ours = INGEST_POSTS as f64 / start.elapsed().as_secs_f64();

    // Reference: plain inserts of the same rows and snapshots, same page transactions.
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::open(tmp.path()).unwrap();
    let mut sql = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    sql.pragma_update(None, "synchronous", "NORMAL").unwrap();
    add_connection(&sql, "c");
    let start = Instant::now();
    for page in posts.chunks(PAGE) {
        let tx = sql.transaction().unwrap();
        {
            let mut ins = tx.prepare_cached("INSERT INTO posts (connection_id, platform_id, caption, media_type, permalink, posted_at, views, likes, comments, shares, updated_at) VALUES ('c', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)").unwrap();
            let mut snap = tx.prepare_cached("INSERT INTO snapshots (connection_id, post_id, metric, value, captured_at, source) VALUES ('c', ?1, ?2, ?3, ?4, 'posts')").unwrap();
            for p in page {
                let m = p.metrics;
                ins.execute(rusqlite::params![
                    p.platform_id,
                    p.caption,
                    p.media_type,
                    p.permalink,
                    p.posted_at.to_rfc3339(),
                    m.views,
                    m.likes,
                    m.comments,
                    m.shares,
                    at
                ])
                .unwrap();
                let id = tx.last_insert_rowid();
                for (name, v) in m.named() {
                    snap.execute(rusqlite::params![id, name, v as f64, at])
                        .unwrap();
                }
            }
        }
        tx.commit().unwrap();
    }
    let raw = INGEST_POSTS as f64 / start.elapsed().as_secs_f64();
    (ours, raw)
}

fn big_database() -> (tempfile::TempDir, Workspace, f64) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::open(tmp.path()).unwrap();
    let mut sql = rusqlite::Connection::open(ws.data_dir().join("patchbay.sqlite3")).unwrap();
    let start = Instant::now();
    let now = Utc::now();
    let tx = sql.transaction().unwrap();
    {
        let mut snap = tx.prepare("INSERT INTO snapshots (connection_id, post_id, metric, value, captured_at, source) VALUES (?1, NULL, ?2, ?3, ?4, 'profile')").unwrap();
        let mut ins = tx.prepare("INSERT INTO posts (connection_id, platform_id, caption, posted_at, views, likes, comments, shares, engagement_rate, updated_at) VALUES (?1, ?2, 'caption', ?3, ?4, ?5, ?6, ?7, ?8, ?9)").unwrap();
        for a in 0..ACCOUNTS {
            let id = format!("acct{a}");
            add_connection(&tx, &id);
            tx.execute("INSERT INTO profiles (connection_id, external_id, handle, followers, synced_at) VALUES (?1, ?1, ?1, ?2, ?3)", rusqlite::params![id, 10_000 + a as i64 * 97, now.to_rfc3339()]).unwrap();
            for d in 0..DAYS {
                let at =
                    (now - Duration::days(d)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                for metric in ["followers", "following", "posts_count"] {
                    snap.execute(rusqlite::params![
                        id,
                        metric,
                        (10_000 - d + a as i64) as f64,
                        at
                    ])
                    .unwrap();
                }
            }
            for p in 0..POSTS_TOTAL / ACCOUNTS {
                let at = (now - Duration::hours(p as i64 * 26))
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                ins.execute(rusqlite::params![
                    id,
                    format!("{a}-{p}"),
                    at,
                    1000 + p as i64,
                    40 + (p % 50) as i64,
                    (p % 9) as i64,
                    (p % 5) as i64,
                    (p % 100) as f64 / 10.0,
                    at
                ])
                .unwrap();
            }
        }
    }
    tx.commit().unwrap();
    (tmp, ws, start.elapsed().as_secs_f64())
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..QUERY_RUNS)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

fn main() {
    let (ours, raw) = ingest();
    println!(
        "ingest: {ours:.0} posts/s (each with its snapshots) vs raw rusqlite loop {raw:.0} posts/s = {:.0} % of raw",
        ours / raw * 100.0
    );
    let (_tmp, ws, build) = big_database();
    println!(
        "built {ACCOUNTS} accounts x {DAYS} days of snapshots and {POSTS_TOTAL} posts in {build:.1} s"
    );
    let id = "acct123";
    println!(
        "overview:  {:.2} ms (median of {QUERY_RUNS})",
        median_ms(|| drop(
            analytics::overview(ws.database(), id, 30, EngagementFormula::PerFollower).unwrap()
        ))
    );
    println!(
        "trend 90d: {:.2} ms",
        median_ms(|| drop(analytics::trend(ws.database(), id, "followers", 90).unwrap()))
    );
    println!(
        "trend 3y:  {:.2} ms",
        median_ms(|| drop(analytics::trend(ws.database(), id, "followers", 1095).unwrap()))
    );
    println!(
        "top posts: {:.2} ms",
        median_ms(|| drop(analytics::top_posts(ws.database(), id, 90, 10).unwrap()))
    );
    println!(
        "heatmap:   {:.2} ms",
        median_ms(|| drop(analytics::heatmap(ws.database(), id, 365, 60).unwrap()))
    );
    println!(
        "insights, one account (90 days): {:.2} ms",
        median_ms(|| drop(
            patchbay_core::insights::compute(&ws, patchbay_core::insights::Scope::One(id), 90, 60)
                .unwrap()
        ))
    );
    let once = |f: &mut dyn FnMut()| {
        let s = Instant::now();
        f();
        s.elapsed().as_secs_f64() * 1000.0
    };
    println!(
        "insights, all {ACCOUNTS} accounts (90 days): {:.0} ms",
        once(&mut || drop(
            patchbay_core::insights::compute(&ws, patchbay_core::insights::Scope::All, 90, 60)
                .unwrap()
        ))
    );
    let out = ws.data_dir().join("bench-report");
    for (format, ext) in [
        (patchbay_core::reports::Format::Html, "html"),
        (patchbay_core::reports::Format::Pdf, "pdf"),
    ] {
        let file = out.with_extension(ext);
        let ms =
            once(&mut || patchbay_core::reports::write(&ws, "30d", &[], format, &file).unwrap());
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        println!(
            "one-month report, {ACCOUNTS} accounts, {ext}: {ms:.0} ms, {} KB",
            size / 1024
        );
    }
}
