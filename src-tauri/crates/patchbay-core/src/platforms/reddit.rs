//! Reddit: `/api/v1/me` (karma, and the profile's subscribers as followers) and the user's
//! submissions, a Listing paged by `after`. Score stands for likes; there are no views.

use super::Sink;
use super::limits::{Window, header};
use super::pager::{Page, Resume, walk};
use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError, count, text};
use chrono::{DateTime, Utc};
use patchbay_types::records::{Metrics, Post, Profile};
use patchbay_types::time::{RATE_LIMIT_CAP, after_secs};
use reqwest::header::HeaderMap;
use serde_json::Value;

pub async fn profile(api: &Api) -> Result<(Profile, Value), SyncError> {
    let v = api.get("/api/v1/me", &[]).await?;
    let (Some(external_id), Some(name)) = (text(&v["id"]), text(&v["name"])) else {
        return Err(SyncError::new(
            ErrorCode::SyncMalformedResponse,
            "Reddit's /api/v1/me answer has no id or name.",
        ));
    };
    Ok((
        Profile {
            external_id,
            handle: Some(name),
            display_name: text(&v["subreddit"]["title"]).filter(|t| !t.is_empty()),
            followers: count(&v["subreddit"]["subscribers"]),
            following: None,
            posts_count: None,
            verified: v["verified"].as_bool().unwrap_or(false),
        },
        v,
    ))
}

fn post(child: &Value) -> Option<Post> {
    let d = &child["data"];
    let created = d["created_utc"].as_f64()?;
    let thumbnail = text(&d["thumbnail"]).filter(|t| t.starts_with("http"));
    Some(Post {
        platform_id: text(&d["name"]).or_else(|| text(&d["id"]))?,
        caption: text(&d["title"]),
        media_type: Some(
            if d["is_video"].as_bool() == Some(true) {
                "VIDEO"
            } else {
                "LINK"
            }
            .into(),
        ),
        media_url: text(&d["url"]),
        thumbnail_url: thumbnail,
        permalink: text(&d["permalink"]).map(|p| format!("https://www.reddit.com{p}")),
        posted_at: DateTime::from_timestamp(created as i64, 0)?,
        metrics: Metrics {
            views: count(&d["view_count"]),
            likes: count(&d["score"]),
            comments: count(&d["num_comments"]),
            shares: count(&d["num_crossposts"]),
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
    let path = format!(
        "/user/{}/submitted",
        profile.handle.clone().unwrap_or_default()
    );
    walk(stop_before, resume, sink, |after: Option<String>| {
        let path = &path;
        async move {
            let mut query = vec![("limit", "100".to_owned()), ("raw_json", "1".to_owned())];
            if let Some(a) = after {
                query.push(("after", a));
            }
            let page = api.get(path, &query).await?;
            Ok(Page {
                posts: page["data"]["children"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(post)
                    .collect(),
                next: text(&page["data"]["after"]),
            })
        }
    })
    .await?;
    Ok(())
}

/// Reddit's window: used and remaining, and the seconds until it resets.
pub(crate) fn limits(headers: &HeaderMap, now: DateTime<Utc>) -> Window {
    let (Some(spent), Some(remaining)) = (
        header(headers, "x-ratelimit-used"),
        header(headers, "x-ratelimit-remaining"),
    ) else {
        return Window::default();
    };
    if spent + remaining <= 0.0 {
        return Window::default();
    }
    Window {
        used_percent: Some(spent / (spent + remaining) * 100.0),
        regain_minutes: None,
        reset_at: header(headers, "x-ratelimit-reset")
            .map(|s| after_secs(now, s as i64, RATE_LIMIT_CAP)),
    }
}
