//! List streams a manifest declares (`[streams.records]`): each is read page by page (a Link
//! header, a cursor from the answer, or page numbers), only what changed since the last sync
//! when the stream says how, and every item is kept with the fields the manifest names. Each
//! stream's run is in the sync log like any other; a failing stream never stops the next one.

use super::summary::SyncSummary;
use crate::connections::Connection;
use crate::connections::call::{self, Peer, Repeat};
use crate::connections::request::Ctx;
use crate::error::{Error, Result};
use crate::registry::manifest::{Manifest, Paging, RecordStream, Stream};
use crate::registry::template;
use crate::store::{stream_records, sync_runs};
use crate::workspace::Workspace;
use serde_json::{Map, Value, json};

/// A page's address: its URL and query parameters.
type Page = (String, Vec<(String, String)>);

/// Pages read per stream and sync when the manifest says nothing.
const MAX_PAGES: u32 = 20;

/// The list streams of a connector.
pub fn declared(m: &Manifest) -> Vec<&Stream> {
    m.record_streams()
}

fn now() -> String {
    crate::connections::service::now()
}

/// Reads every list stream of the connection into the store.
pub async fn sync(ws: &Workspace, c: &Connection, mut summary: SyncSummary) -> Result<SyncSummary> {
    let m = ws.registry().get(&c.connector_id)?.clone();
    let ctx = Ctx {
        ws,
        c,
        m: &m,
        key: None,
    };
    let started = std::time::Instant::now();
    for stream in declared(&m) {
        let Some(spec) = &stream.records else {
            continue;
        };
        let key = format!("records:{}", stream.name);
        let run = sync_runs::start(&ws.database().lock(), &c.id, &key, &now())?;
        let began = std::time::Instant::now();
        let result = read(&ctx, stream, spec, &key, run).await;
        let took = began.elapsed().as_millis() as i64;
        match result {
            Ok(count) => {
                summary.records += count;
                finish(ws, run, took, "ok", None)?;
            }
            Err(e) => {
                summary.status = "partial".into();
                summary.errors.push(format!("{}: {e}", stream.name));
                finish(ws, run, took, "failed", Some(&e))?;
            }
        }
    }
    if summary.errors.len() == declared(&m).len() && !summary.errors.is_empty() {
        summary.status = "failed".into();
    } else {
        crate::store::connections::set_last_synced(&ws.database().lock(), &c.id, &now())?;
    }
    summary.duration_ms = started.elapsed().as_millis() as i64;
    Ok(summary)
}

fn finish(ws: &Workspace, run: i64, took: i64, status: &str, e: Option<&Error>) -> Result<()> {
    let code = e.map(|e| e.code().as_str());
    let message = e.map(ToString::to_string);
    sync_runs::finish(
        &ws.database().lock(),
        run,
        &now(),
        took,
        &sync_runs::Outcome {
            status,
            error_code: code,
            error_message: message.as_deref(),
            rate_limited: false,
            reset_at: None,
        },
    )
}

/// One stream, all its pages; answers how many items it kept.
async fn read(
    ctx: &Ctx<'_>,
    stream: &Stream,
    spec: &RecordStream,
    key: &str,
    run: i64,
) -> Result<i64> {
    let ws = ctx.ws;
    let scope = json!({"config": ctx.c.config});
    let mut base: Vec<(String, String)> = Vec::new();
    for (k, v) in &spec.query {
        let rendered = template::render(v, &scope, &format!("streams.{}.query.{k}", stream.name))
            .map_err(|e| {
            Error::InvalidInput(format!(
                "The stream's query could not be built: {} ({}).",
                e.reason, e.path
            ))
        })?;
        if let Some(v) = rendered {
            base.push((k.clone(), template::as_text(&v)));
        }
    }
    let since = sync_runs::cursor(&ws.database().lock(), &ctx.c.id, key)?;
    if let (Some(s), Some(value)) = (&spec.since, &since) {
        base.push((s.param.clone(), value.clone()));
    }
    let check = format!("your {} account", ctx.m.name);
    let peer = Peer {
        platform: &ctx.m.name,
        check: &check,
    };
    let first = format!("{}{}", ctx.base_url()?, stream.endpoint);
    let mut next: Option<Page> = Some((first, start_query(spec, &base)));
    let mut kept = 0i64;
    let mut newest = since.clone();
    let mut pages = 0;
    while let Some((url, query)) = next.take() {
        pages += 1;
        let request = ctx.request_url(reqwest::Method::GET, &url)?.query(&query);
        let reply = call::send(ws, request, Repeat::Safe, peer).await?;
        if reply.status == 429 {
            return Err(call::rate_limited(&ctx.m.name, &reply));
        }
        if !reply.ok() {
            return Err(Error::ActionRefused {
                platform: ctx.m.name.clone(),
                message: format!("it answered {} to the {} list.", reply.status, stream.name),
            });
        }
        let items = match spec.items.as_str() {
            "" => reply.body.as_array(),
            p => reply.body.pointer(p).and_then(Value::as_array),
        };
        let items = items.cloned().unwrap_or_default();
        {
            let sql = ws.database().lock();
            let tx = sql.unchecked_transaction()?;
            for item in &items {
                let Some(id) = item.pointer(&spec.id).map(template::as_text) else {
                    continue;
                };
                let fields: Map<String, Value> = spec
                    .fields
                    .iter()
                    .map(|(name, p)| {
                        (
                            name.clone(),
                            item.pointer(p).cloned().unwrap_or(Value::Null),
                        )
                    })
                    .collect();
                stream_records::upsert(
                    &tx,
                    &ctx.c.id,
                    &stream.name,
                    &id,
                    &Value::Object(fields),
                    &now(),
                )?;
                kept += 1;
                if let Some(s) = &spec.since
                    && let Some(t) = item.pointer(&s.field).and_then(Value::as_str)
                    && newest.as_deref().is_none_or(|n| later(t, n))
                {
                    newest = Some(t.to_owned());
                }
            }
            sync_runs::add_items(&tx, run, items.len() as i64)?;
            tx.commit()?;
        }
        if pages >= spec.max_pages.unwrap_or(MAX_PAGES) || items.is_empty() {
            break;
        }
        next = following(ctx, spec, &base, &reply, &url, &query, pages)?;
    }
    if let Some(value) = newest.filter(|_| spec.since.is_some()) {
        sync_runs::set_cursor(&ws.database().lock(), &ctx.c.id, key, &value, &now())?;
    }
    Ok(kept)
}

/// Whether time `a` is after `b`: as instants when both are RFC 3339, else as text.
fn later(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a > b,
        _ => a > b,
    }
}

fn start_query(spec: &RecordStream, base: &[(String, String)]) -> Vec<(String, String)> {
    let mut q = base.to_vec();
    if let Paging::Page { param, start } = &spec.paging {
        q.push((param.clone(), start.unwrap_or(1).to_string()));
    }
    q
}

/// Where the next page is, if there is one.
fn following(
    ctx: &Ctx<'_>,
    spec: &RecordStream,
    base: &[(String, String)],
    reply: &call::Reply,
    url: &str,
    query: &[(String, String)],
    pages: u32,
) -> Result<Option<Page>> {
    Ok(match &spec.paging {
        Paging::Link => {
            let Some(next) = link_next(&reply.headers) else {
                return Ok(None);
            };
            // The credential goes only where the stream began.
            let (Ok(a), Ok(b)) = (url::Url::parse(url), url::Url::parse(&next)) else {
                return Ok(None);
            };
            if !crate::http::same_origin(&a, &b) {
                return Err(Error::ActionRefused {
                    platform: ctx.m.name.clone(),
                    message: format!(
                        "its next page is on another site ({}); Patchbay does not send the credential there.",
                        b.origin().ascii_serialization()
                    ),
                });
            }
            Some((next, Vec::new()))
        }
        Paging::Cursor { param, next } => match reply.body.pointer(next).map(template::as_text) {
            Some(cursor) if !cursor.is_empty() && cursor != "null" => {
                let mut q = base.to_vec();
                q.push((param.clone(), cursor));
                Some((url.to_owned(), q))
            }
            _ => None,
        },
        Paging::Page { param, start } => {
            let mut q: Vec<(String, String)> =
                query.iter().filter(|(k, _)| k != param).cloned().collect();
            q.push((param.clone(), (start.unwrap_or(1) + pages).to_string()));
            Some((url.to_owned(), q))
        }
    })
}

fn link_next(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let link = headers.get(reqwest::header::LINK)?.to_str().ok()?;
    let next = link.split(',').find(|part| part.contains("rel=\"next\""))?;
    Some(
        next.split(';')
            .next()?
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_owned(),
    )
}

/// The latest records of a connection, for the window and `patchbay records`.
pub fn list(
    ws: &Workspace,
    id: &str,
    stream: Option<&str>,
    limit: i64,
) -> Result<Vec<stream_records::StreamRecord>> {
    stream_records::list(&ws.database().lock(), id, stream, limit)
}
