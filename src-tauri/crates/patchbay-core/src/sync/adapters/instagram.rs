//! Instagram (Instagram Login, graph.instagram.com): `/me`, `/{id}/media` with cursor paging,
//! per-post insights in one request per post (falling back to one metric per request only to
//! find a metric Instagram refuses), and daily account insights.

use super::{GraphPages, Sink, parse_time};
use crate::sync::fetch::{Api, SyncError, count, text};
use crate::sync::model::{DailyMetric, Metrics, Post, Profile};
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

const MEDIA_FIELDS: &str = "id,caption,media_type,media_product_type,permalink,thumbnail_url,media_url,timestamp,like_count,comments_count";
/// Per-post insights; `likes` and `comments` come with the media list.
const POST_METRICS: [&str; 4] = ["views", "reach", "saved", "shares"];
const ACCOUNT_METRICS: [&str; 4] = ["reach", "views", "accounts_engaged", "follower_count"];
/// Insights are fetched for posts this recent (their numbers still move).
const INSIGHTS_WINDOW_DAYS: i64 = 30;

pub async fn profile(api: &Api) -> Result<(Profile, Value), SyncError> {
    let v = api
        .get(
            "/me",
            &[(
                "fields",
                "user_id,username,name,followers_count,follows_count,media_count".into(),
            )],
        )
        .await?;
    let id = v
        .get("user_id")
        .or_else(|| v.get("id"))
        .and_then(|i| text(i).or_else(|| count(i).map(|n| n.to_string())));
    let Some(external_id) = id else {
        return Err(SyncError::new(
            "sync.malformed_response",
            "Instagram's /me answer has no user_id.",
        ));
    };
    Ok((
        Profile {
            external_id,
            handle: text(&v["username"]),
            display_name: text(&v["name"]),
            followers: count(&v["followers_count"]),
            following: count(&v["follows_count"]),
            posts_count: count(&v["media_count"]),
            verified: false,
        },
        v,
    ))
}

/// A post's insights, asked for all at once. When Instagram refuses a metric (it deprecates
/// them from time to time, and one refused metric fails the whole request), the metrics are
/// asked one by one to find the refused ones, which are then left out for the rest of the sync.
/// Any other failure (a rate limit, a refused token) stops the stream.
#[derive(Debug, Default)]
struct PostInsights {
    refused: Vec<&'static str>,
}

impl PostInsights {
    async fn fetch(&mut self, api: &Api, id: &str) -> Result<Metrics, SyncError> {
        let wanted: Vec<&'static str> = POST_METRICS
            .into_iter()
            .filter(|m| !self.refused.contains(m))
            .collect();
        if wanted.is_empty() {
            return Ok(Metrics::default());
        }
        let path = format!("/{id}/insights");
        let values = match api.get(&path, &[("metric", wanted.join(","))]).await {
            Ok(v) => values(&v),
            Err(e) if refused_metric(&e) => {
                let mut found = Vec::new();
                for metric in wanted {
                    match api.get(&path, &[("metric", metric.to_owned())]).await {
                        Ok(v) => found.extend(values(&v)),
                        Err(e) if refused_metric(&e) => self.refused.push(metric),
                        Err(e) => return Err(e),
                    }
                }
                found
            }
            Err(e) => return Err(e),
        };
        let get = |name: &str| values.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        Ok(Metrics {
            views: get("views"),
            reach: get("reach"),
            saves: get("saved"),
            shares: get("shares"),
            ..Default::default()
        })
    }
}

/// Graph answers a metric it no longer supports with error #100 (a refused request).
fn refused_metric(e: &SyncError) -> bool {
    e.code == "sync.request_refused" && e.message.contains("metric")
}

/// `(name, value)` for each metric in an insights answer.
fn values(v: &Value) -> Vec<(String, i64)> {
    v["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let value = d["values"]
                .as_array()?
                .first()
                .and_then(|x| count(&x["value"]))?;
            Some((text(&d["name"])?, value))
        })
        .collect()
}

pub async fn posts(
    api: &Api,
    profile: &Profile,
    stop_before: Option<DateTime<Utc>>,
    sink: Sink<'_>,
) -> Result<(), SyncError> {
    let mut pages = GraphPages::new(
        format!("/{}/media", profile.external_id),
        vec![("fields", MEDIA_FIELDS.into()), ("limit", "50".into())],
    );
    let recent = Utc::now() - Duration::days(INSIGHTS_WINDOW_DAYS);
    let mut insights = PostInsights::default();
    while let Some(page) = pages.next(api).await? {
        let mut posts = Vec::new();
        let mut reached = false;
        for m in page["data"].as_array().into_iter().flatten() {
            let Some(posted_at) = parse_time(m["timestamp"].as_str()) else {
                continue;
            };
            let Some(id) = text(&m["id"]) else { continue };
            let mut metrics = if posted_at >= recent || stop_before.is_none() {
                insights.fetch(api, &id).await?
            } else {
                Metrics::default()
            };
            metrics.likes = count(&m["like_count"]);
            metrics.comments = count(&m["comments_count"]);
            reached |= stop_before.is_some_and(|b| posted_at < b);
            posts.push(Post {
                platform_id: id,
                caption: text(&m["caption"]),
                media_type: text(&m["media_type"]),
                media_url: text(&m["media_url"]),
                thumbnail_url: text(&m["thumbnail_url"]).or_else(|| text(&m["media_url"])),
                permalink: text(&m["permalink"]),
                posted_at,
                metrics,
            });
        }
        sink(posts)?;
        if reached {
            break;
        }
    }
    Ok(())
}

pub async fn insights(
    api: &Api,
    profile: &Profile,
    since: DateTime<Utc>,
) -> Result<Vec<DailyMetric>, SyncError> {
    let mut out = Vec::new();
    for metric in ACCOUNT_METRICS {
        // Each metric on its own: one unsupported metric must not fail the others.
        let query = [
            ("metric", metric.to_owned()),
            ("period", "day".into()),
            ("since", since.timestamp().to_string()),
            ("until", Utc::now().timestamp().to_string()),
        ];
        let Ok(v) = api
            .get(&format!("/{}/insights", profile.external_id), &query)
            .await
        else {
            continue;
        };
        for series in v["data"].as_array().into_iter().flatten() {
            for point in series["values"].as_array().into_iter().flatten() {
                if let (Some(day), Some(value)) = (
                    parse_time(point["end_time"].as_str()),
                    count(&point["value"]),
                ) {
                    out.push(DailyMetric {
                        metric: format!("instagram.{metric}"),
                        day,
                        value: value as f64,
                    });
                }
            }
        }
    }
    Ok(out)
}
