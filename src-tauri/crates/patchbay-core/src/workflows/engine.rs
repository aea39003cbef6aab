//! Running a workflow: one run at a time per workflow (a lease, across processes), each step's
//! start and end committed before the next step begins. After a crash a run goes on at the step
//! after the last one that finished; a step that was under way is run again only when that
//! cannot do its work twice (a read, a Stripe write under the same idempotency key), and is
//! otherwise marked "unknown — check X" and the run stops there.

use super::file::{ConnectorStep, Step, StepKind, Workflow};
use crate::connections::call::{self, Peer, Repeat};
use crate::error::{Error, Result};
use crate::lease::Lease;
use crate::registry::template;
use crate::store::workflows as rows;
use crate::workspace::Workspace;
use serde_json::{Map, Value, json};
use std::time::{Duration, Instant};

/// How long a run may hold its workflow.
const RUN_LEASE: Duration = Duration::from_secs(30 * 60);
/// The most of an HTTP answer a run keeps for later steps and its history.
const KEPT_BODY: usize = 16 * 1024;

fn now() -> String {
    crate::connections::service::now()
}

pub(super) fn lease_name(id: &str) -> String {
    format!("workflow:{id}")
}

/// How a step ended.
enum Outcome {
    Done(Value),
    /// A condition was false: the run ends quietly.
    Stop,
}

/// Starts a run of workflow `id` and carries it to its end; answers the run's id.
pub async fn start(
    ws: &Workspace,
    id: &str,
    w: &Workflow,
    trigger: &str,
    data: &Value,
    input: &Value,
) -> Result<i64> {
    let Some(_lease) = Lease::try_acquire(ws, &lease_name(id), RUN_LEASE)? else {
        return Err(Error::WorkflowBusy {
            name: w.name.clone(),
        });
    };
    let run = rows::start_run(
        &ws.database().lock(),
        id,
        trigger,
        &data.to_string(),
        &input.to_string(),
        &now(),
    )?;
    tracing::info!(workflow = id, run, trigger, "workflow run started");
    carry(ws, w, run, 0, Map::new(), data, input).await?;
    Ok(run)
}

/// Goes on with a run a dead process left `running`. Answers whether it did (false: another
/// process holds the workflow, so that run is alive).
pub async fn resume(ws: &Workspace, id: &str, w: &Workflow, run: i64) -> Result<bool> {
    let Some(_lease) = Lease::try_acquire(ws, &lease_name(id), RUN_LEASE)? else {
        return Ok(false);
    };
    let (data, input) = rows::run_context(&ws.database().lock(), run)?.unwrap_or_default();
    let data: Value = serde_json::from_str(&data).unwrap_or(Value::Null);
    let input: Value = serde_json::from_str(&input).unwrap_or(Value::Null);
    let steps = rows::steps(&ws.database().lock(), run)?;
    let mut outputs = Map::new();
    let mut next = 0usize;
    for s in &steps {
        match s.status.as_str() {
            "ok" => {
                let out = s
                    .output
                    .as_deref()
                    .and_then(|o| serde_json::from_str(o).ok())
                    .unwrap_or(Value::Null);
                outputs.insert(s.name.clone(), out);
                next = s.idx as usize + 1;
            }
            "running" => {
                let step = w.steps.get(s.idx as usize);
                if step.is_some_and(|st| safe_again(ws, st)) {
                    next = s.idx as usize;
                } else {
                    let check =
                        step.map_or_else(|| "the platform".to_owned(), |st| where_to_check(ws, st));
                    let why = format!(
                        "Patchbay stopped while this step was under way; it may or may not have reached the platform. Unknown — check {check} before running it again."
                    );
                    let sql = ws.database().lock();
                    rows::finish_step(&sql, run, s.idx, "unknown", None, Some(&why), 0, &now())?;
                    rows::finish_run(&sql, run, "unknown", Some(&why), &now())?;
                    tracing::warn!(run, step = %s.name, "workflow step unknown after a crash");
                    return Ok(true);
                }
            }
            _ => {}
        }
    }
    tracing::info!(workflow = id, run, from = next, "workflow run resumed");
    carry(ws, w, run, next, outputs, &data, &input).await?;
    Ok(true)
}

async fn carry(
    ws: &Workspace,
    w: &Workflow,
    run: i64,
    from: usize,
    mut outputs: Map<String, Value>,
    data: &Value,
    input: &Value,
) -> Result<()> {
    for (i, step) in w.steps.iter().enumerate().skip(from) {
        let idx = i as i64;
        rows::start_step(
            &ws.database().lock(),
            run,
            idx,
            &step.name,
            step.kind.as_str(),
            &now(),
        )?;
        let mut scope = outputs.clone();
        scope.insert("input".into(), input.clone());
        scope.insert("trigger".into(), data.clone());
        let began = Instant::now();
        let result = one(ws, step, &Value::Object(scope), run, idx).await;
        let took = began.elapsed().as_millis() as i64;
        let sql = ws.database().lock();
        match result {
            Ok(Outcome::Done(output)) => {
                rows::finish_step(
                    &sql,
                    run,
                    idx,
                    "ok",
                    Some(&output.to_string()),
                    None,
                    took,
                    &now(),
                )?;
                outputs.insert(step.name.clone(), output);
            }
            Ok(Outcome::Stop) => {
                rows::finish_step(&sql, run, idx, "stopped", Some("false"), None, took, &now())?;
                rows::finish_run(&sql, run, "stopped", None, &now())?;
                return Ok(());
            }
            Err(e) => {
                let status = if matches!(e, Error::ActionUncertain { .. }) {
                    "unknown"
                } else {
                    "failed"
                };
                let message = format!("{}: {e}", step.name);
                rows::finish_step(
                    &sql,
                    run,
                    idx,
                    status,
                    None,
                    Some(&e.to_string()),
                    took,
                    &now(),
                )?;
                rows::finish_run(&sql, run, status, Some(&message), &now())?;
                tracing::warn!(run, step = %step.name, code = %e.code(), "workflow step failed");
                return Ok(());
            }
        }
    }
    rows::finish_run(&ws.database().lock(), run, "ok", None, &now())?;
    Ok(())
}

/// Whether a step that was under way when the process died may simply run again.
fn safe_again(ws: &Workspace, step: &Step) -> bool {
    match step.kind {
        StepKind::Condition | StepKind::Report => true,
        StepKind::HttpRequest => step
            .config
            .get("method")
            .and_then(Value::as_str)
            .is_none_or(|m| matches!(m.to_ascii_uppercase().as_str(), "GET" | "PUT" | "DELETE")),
        StepKind::Connector => serde_json::from_value::<ConnectorStep>(step.config.clone())
            .ok()
            .and_then(|c| {
                let id = crate::connections::resolve(ws, &c.credential_id).ok()?;
                let conn = crate::connections::service::load(ws, &id).ok()?;
                let m = ws.registry().get(&conn.connector_id).ok()?;
                Some(crate::catalog::repeatable(m, &c.action))
            })
            .unwrap_or(false),
    }
}

fn where_to_check(ws: &Workspace, step: &Step) -> String {
    match step.kind {
        StepKind::Connector => serde_json::from_value::<ConnectorStep>(step.config.clone())
            .ok()
            .and_then(|c| crate::connections::resolve(ws, &c.credential_id).ok())
            .and_then(|id| crate::connections::service::load(ws, &id).ok())
            .and_then(|c| {
                ws.registry()
                    .get(&c.connector_id)
                    .ok()
                    .map(|m| m.name.clone())
            })
            .unwrap_or_else(|| "the platform".into()),
        _ => step
            .config
            .get("url")
            .and_then(Value::as_str)
            .unwrap_or("the server")
            .to_owned(),
    }
}

fn refused(e: template::RenderError) -> Error {
    Error::InvalidInput(format!("{} ({}).", e.reason, e.path))
}

async fn one(ws: &Workspace, step: &Step, scope: &Value, run: i64, idx: i64) -> Result<Outcome> {
    match step.kind {
        StepKind::Condition => {
            let expr = step
                .config
                .get("if")
                .and_then(Value::as_str)
                .unwrap_or("false");
            let wrapped = if template::is_template(expr) {
                expr.to_owned()
            } else {
                format!("{{{{ {expr} }}}}")
            };
            let value =
                template::render_str_strict(&wrapped, scope, "config.if").map_err(refused)?;
            let passed = match value {
                Some(Value::Bool(b)) => b,
                Some(Value::Null) | None => false,
                Some(Value::String(s)) => !s.is_empty() && s != "false",
                Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
                Some(_) => true,
            };
            Ok(if passed {
                Outcome::Done(json!({"passed": true}))
            } else {
                Outcome::Stop
            })
        }
        StepKind::Connector => {
            let c: ConnectorStep = serde_json::from_value(step.config.clone()).map_err(|e| {
                Error::InvalidInput(format!("The step's settings are not readable ({e})."))
            })?;
            let input = template::render_strict(&c.input, scope, "config.input")
                .map_err(refused)?
                .unwrap_or(json!({}));
            let id = crate::connections::resolve(ws, &c.credential_id)?;
            let key = format!("wf-{}-{run}-{idx}", ws.id());
            let out = crate::actions::run_keyed(ws, &id, &c.action, &input, Some(&key)).await?;
            Ok(Outcome::Done(out))
        }
        StepKind::HttpRequest => http(ws, step, scope).await.map(Outcome::Done),
        StepKind::Report => {
            let config = template::render_strict(&step.config, scope, "config")
                .map_err(refused)?
                .unwrap_or(Value::Null);
            let period = config["period"].as_str().unwrap_or("7d");
            let names: Vec<String> = config["connections"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            let format = if config["format"] == "pdf" {
                crate::reports::Format::Pdf
            } else {
                crate::reports::Format::Html
            };
            let (file, path) = crate::reports::save_attachment(ws, period, &names, format)?;
            Ok(Outcome::Done(json!({"file": file, "path": path})))
        }
    }
}

/// The guide's `http_request`: `method`, `url`, `headers`, `body` (JSON, or text). No
/// connection's credential is sent; answers `{status, data}`.
async fn http(ws: &Workspace, step: &Step, scope: &Value) -> Result<Value> {
    let config = template::render_strict(&step.config, scope, "config")
        .map_err(refused)?
        .unwrap_or(Value::Null);
    let url = config["url"].as_str().unwrap_or_default().to_owned();
    let method = config["method"]
        .as_str()
        .unwrap_or("GET")
        .to_ascii_uppercase();
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .map_err(|_| Error::InvalidInput(format!("`{method}` is not an HTTP method.")))?;
    let parsed =
        url::Url::parse(&url).map_err(|_| Error::InvalidInput(format!("`{url}` is not a URL.")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::InvalidInput(format!(
            "`{url}` is not an http(s) address."
        )));
    }
    let mut request = ws.http().client().request(method.clone(), parsed);
    for (k, v) in config["headers"].as_object().into_iter().flatten() {
        request = request.header(k.as_str(), template::as_text(v));
    }
    match &config["body"] {
        Value::Null => {}
        Value::String(s) => request = request.body(s.clone()),
        other => request = request.json(other),
    }
    let repeat = if [
        reqwest::Method::GET,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ]
    .contains(&method)
    {
        Repeat::Safe
    } else {
        Repeat::Never
    };
    let reply = call::send(
        ws,
        request,
        repeat,
        Peer {
            platform: "The server",
            check: &url,
        },
    )
    .await?;
    if reply.status >= 400 {
        return Err(Error::ActionRefused {
            platform: "The server".into(),
            message: format!("it answered {} to {url}.", reply.status),
        });
    }
    let mut data = reply.body;
    if data.to_string().len() > KEPT_BODY {
        data = json!({"truncated": true});
    }
    Ok(json!({"status": reply.status, "data": data}))
}
