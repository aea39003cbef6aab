//! Graph insights (Instagram posts, Facebook Page Insights) asked for all metrics in one request.
//! One metric Meta refuses (it retires them from time to time) fails the whole request, so then
//! the metrics are asked one by one to find the refused ones, which are left out for the rest of
//! the sync. Any other failure (a rate limit, a refused token) stops the stream.

use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError, count};
use crate::platforms::parse_time;
use patchbay_types::records::DailyMetric;
use serde_json::Value;

#[derive(Debug, Default)]
pub(crate) struct GraphInsights {
    refused: Vec<&'static str>,
}

impl GraphInsights {
    /// The `data` series (each with its `name` and `values`) for `metrics` at `path`.
    pub async fn fetch(
        &mut self,
        api: &Api,
        path: &str,
        metrics: &[&'static str],
        query: &[(&'static str, String)],
    ) -> Result<Vec<Value>, SyncError> {
        let wanted: Vec<&'static str> = metrics
            .iter()
            .copied()
            .filter(|m| !self.refused.contains(m))
            .collect();
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let ask = |names: String| {
            let mut q = query.to_vec();
            q.push(("metric", names));
            q
        };
        match api.get(path, &ask(wanted.join(","))).await {
            Ok(v) => Ok(series(v)),
            Err(e) if refused_metric(&e) => {
                let mut found = Vec::new();
                for metric in wanted {
                    match api.get(path, &ask(metric.to_owned())).await {
                        Ok(v) => found.extend(series(v)),
                        Err(e) if refused_metric(&e) => self.refused.push(metric),
                        Err(e) => return Err(e),
                    }
                }
                Ok(found)
            }
            Err(e) => Err(e),
        }
    }
}

/// Daily values of insights series, each named `<prefix>.<metric>`.
pub(crate) fn daily(series: Vec<Value>, prefix: &str) -> Vec<DailyMetric> {
    let mut out = Vec::new();
    for s in series {
        let Some(name) = s["name"].as_str() else {
            continue;
        };
        for point in s["values"].as_array().into_iter().flatten() {
            if let (Some(day), Some(value)) = (
                parse_time(point["end_time"].as_str()),
                count(&point["value"]),
            ) {
                out.push(DailyMetric {
                    metric: format!("{prefix}.{name}"),
                    day,
                    value: value as f64,
                });
            }
        }
    }
    out
}

/// Graph answers a metric it no longer supports with error #100 (a refused request).
fn refused_metric(e: &SyncError) -> bool {
    e.code == ErrorCode::SyncRequestRefused && e.message.contains("metric")
}

fn series(mut v: Value) -> Vec<Value> {
    match v["data"].take() {
        Value::Array(a) => a,
        _ => Vec::new(),
    }
}
