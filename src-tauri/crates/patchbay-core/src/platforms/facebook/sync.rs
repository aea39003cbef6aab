//! Facebook Pages (Graph API, with the Page's own token): the Page from `/me`, its
//! `published_posts` with reactions, comments and shares, paged by `paging.next`, and daily Page
//! Insights (follows, unfollows, post engagements) in windows of at most 93 days.

use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError, count, text};
use crate::platforms::graph::{GraphInsights, GraphPages, daily};
use crate::platforms::{Resume, Sink, parse_time};
use chrono::{DateTime, Duration, Utc};
use patchbay_types::records::{DailyMetric, Metrics, Post, Profile};
use serde_json::Value;

const PAGE_FIELDS: &str = "id,name,username,followers_count,fan_count,verification_status";
const POST_FIELDS: &str = "id,message,created_time,permalink_url,full_picture,shares,reactions.summary(true),comments.summary(true)";

pub async fn profile(api: &Api) -> Result<(Profile, Value), SyncError> {
    let v = api.get("/me", &[("fields", PAGE_FIELDS.into())]).await?;
    let Some(external_id) = text(&v["id"]) else {
        return Err(SyncError::new(
            ErrorCode::SyncMalformedResponse,
            "Facebook's /me answer has no Page id.",
        ));
    };
    Ok((
        Profile {
            external_id,
            handle: text(&v["username"]).or_else(|| text(&v["name"])),
            display_name: text(&v["name"]),
            // Followers is what Facebook shows today; fans (Page likes) is the older figure.
            followers: count(&v["followers_count"]).or_else(|| count(&v["fan_count"])),
            following: None,
            posts_count: None,
            verified: v["verification_status"]
                .as_str()
                .is_some_and(|s| s.ends_with("verified") && s != "not_verified"),
        },
        v,
    ))
}

fn post(p: &Value) -> Option<Post> {
    Some(Post {
        platform_id: text(&p["id"])?,
        caption: text(&p["message"]),
        media_type: Some(
            if p["full_picture"].is_string() {
                "IMAGE"
            } else {
                "STATUS"
            }
            .into(),
        ),
        media_url: text(&p["full_picture"]),
        thumbnail_url: text(&p["full_picture"]),
        permalink: text(&p["permalink_url"]),
        posted_at: parse_time(p["created_time"].as_str())?,
        metrics: Metrics {
            likes: count(&p["reactions"]["summary"]["total_count"]),
            comments: count(&p["comments"]["summary"]["total_count"]),
            // Facebook leaves `shares` out of a post nobody shared.
            shares: Some(count(&p["shares"]["count"]).unwrap_or(0)),
            ..Default::default()
        },
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
        format!("/{}/published_posts", profile.external_id),
        vec![("fields", POST_FIELDS.into()), ("limit", "100".into())],
    );
    while let Some(page) = pages.next_resumable(api, resume).await? {
        let posts: Vec<Post> = page["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(post)
            .collect();
        let reached = stop_before.is_some_and(|b| posts.iter().any(|p| p.posted_at < b));
        sink(posts)?;
        if reached {
            resume.left = None;
            break;
        }
    }
    Ok(())
}

/// Daily Page Insights; the daily follows and unfollows let Patchbay draw the follower curve
/// back before its first sync.
const PAGE_METRICS: [&str; 3] = [
    "page_daily_follows_unique",
    "page_daily_unfollows_unique",
    "page_post_engagements",
];
/// Page Insights answer at most 93 days per request.
const WINDOW_DAYS: i64 = 92;

pub async fn insights(
    api: &Api,
    profile: &Profile,
    since: DateTime<Utc>,
) -> Result<Vec<DailyMetric>, SyncError> {
    let now = Utc::now();
    let path = format!("/{}/insights", profile.external_id);
    let mut asked = GraphInsights::default();
    let mut out = Vec::new();
    let mut from = since;
    while from < now {
        let until = (from + Duration::days(WINDOW_DAYS)).min(now);
        let query = [
            ("period", "day".to_owned()),
            ("since", from.timestamp().to_string()),
            ("until", until.timestamp().to_string()),
        ];
        let series = asked.fetch(api, &path, &PAGE_METRICS, &query).await?;
        out.extend(daily(series, "facebook"));
        from = until;
    }
    Ok(out)
}
