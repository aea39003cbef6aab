//! Instagram (Instagram Login, graph.instagram.com): `/me`, `/{id}/media` with cursor paging,
//! per-post insights in one request per post (falling back to one metric per request only to
//! find a metric Instagram refuses), and daily account insights.

use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError, count, text};
use crate::platforms::graph::{GraphInsights, GraphPages, daily};
use crate::platforms::{Resume, Sink, parse_time};
use chrono::{DateTime, Duration, Utc};
use patchbay_types::records::{DailyMetric, Metrics, Post, Profile};
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
            ErrorCode::SyncMalformedResponse,
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

/// A post's insight metrics, from one request (see `GraphInsights`).
async fn post_insights(
    insights: &mut GraphInsights,
    api: &Api,
    id: &str,
) -> Result<Metrics, SyncError> {
    let series = insights
        .fetch(api, &format!("/{id}/insights"), &POST_METRICS, &[])
        .await?;
    let get = |name: &str| {
        series.iter().find(|s| s["name"] == name).and_then(|s| {
            s["values"]
                .as_array()?
                .first()
                .and_then(|x| count(&x["value"]))
        })
    };
    Ok(Metrics {
        views: get("views"),
        reach: get("reach"),
        saves: get("saved"),
        shares: get("shares"),
        ..Default::default()
    })
}

pub async fn posts(
    api: &Api,
    profile: &Profile,
    stop_before: Option<DateTime<Utc>>,
    resume: &mut Resume,
    sink: Sink<'_>,
) -> Result<(), SyncError> {
    let mut pages = GraphPages::resuming(
        api,
        resume.from.as_deref(),
        format!("/{}/media", profile.external_id),
        vec![("fields", MEDIA_FIELDS.into()), ("limit", "50".into())],
    );
    let recent = Utc::now() - Duration::days(INSIGHTS_WINDOW_DAYS);
    let mut insights = GraphInsights::default();
    while let Some(page) = pages.next_resumable(api, resume).await? {
        let mut posts = Vec::new();
        let mut reached = false;
        for m in page["data"].as_array().into_iter().flatten() {
            let Some(posted_at) = parse_time(m["timestamp"].as_str()) else {
                continue;
            };
            let Some(id) = text(&m["id"]) else { continue };
            let mut metrics = if posted_at >= recent || stop_before.is_none() {
                post_insights(&mut insights, api, &id).await?
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
            resume.left = None;
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
    let query = [
        ("period", "day".to_owned()),
        ("since", since.timestamp().to_string()),
        ("until", Utc::now().timestamp().to_string()),
    ];
    let series = GraphInsights::default()
        .fetch(
            api,
            &format!("/{}/insights", profile.external_id),
            &ACCOUNT_METRICS,
            &query,
        )
        .await?;
    Ok(daily(series, "instagram"))
}
