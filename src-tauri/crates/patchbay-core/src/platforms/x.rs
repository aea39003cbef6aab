//! X API v2: `/users/me` with public metrics, and the user's posts timeline with
//! `public_metrics`, paged by `pagination_token`. Field names follow the published contract
//! (`post_count`, `repost_count`), with the older `tweet_count`/`retweet_count` still read.

use super::limits::{Window, header};
use super::pager::{Page, Resume, walk};
use super::{Sink, parse_time};
use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError, count, text};
use chrono::{DateTime, Utc};
use patchbay_types::records::{Metrics, Post, Profile};
use reqwest::header::HeaderMap;
use serde_json::Value;

fn either(v: &Value, new: &str, old: &str) -> Option<i64> {
    count(&v[new]).or_else(|| count(&v[old]))
}

pub async fn profile(api: &Api) -> Result<(Profile, Value), SyncError> {
    let v = api
        .get(
            "/users/me",
            &[(
                "user.fields",
                "public_metrics,verified,username,name".into(),
            )],
        )
        .await?;
    let u = &v["data"];
    let Some(external_id) = text(&u["id"]) else {
        return Err(SyncError::new(
            ErrorCode::SyncMalformedResponse,
            "X's /users/me answer has no user id.",
        ));
    };
    let m = &u["public_metrics"];
    Ok((
        Profile {
            external_id,
            handle: text(&u["username"]),
            display_name: text(&u["name"]),
            followers: count(&m["followers_count"]),
            following: count(&m["following_count"]),
            posts_count: either(m, "post_count", "tweet_count"),
            verified: u["verified"].as_bool().unwrap_or(false),
        },
        v,
    ))
}

pub async fn posts(
    api: &Api,
    profile: &Profile,
    stop_before: Option<DateTime<Utc>>,
    resume: &mut Resume,
    sink: Sink<'_>,
) -> Result<(), SyncError> {
    let handle = profile.handle.clone().unwrap_or_else(|| "i".into());
    let path = format!("/users/{}/tweets", profile.external_id);
    walk(stop_before, resume, sink, |token: Option<String>| {
        let (path, handle) = (&path, &handle);
        async move {
            let mut query = vec![
                ("max_results", "100".to_owned()),
                ("tweet.fields", "created_at,public_metrics".to_owned()),
            ];
            if let Some(t) = token {
                query.push(("pagination_token", t));
            }
            let page = api.get(path, &query).await?;
            Ok(Page {
                posts: page["data"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|t| post(t, handle))
                    .collect(),
                next: text(&page["meta"]["next_token"]),
            })
        }
    })
    .await?;
    Ok(())
}

fn post(t: &Value, handle: &str) -> Option<Post> {
    let id = text(&t["id"])?;
    let posted_at = parse_time(t["created_at"].as_str())?;
    let m = &t["public_metrics"];
    let reposts = either(m, "repost_count", "retweet_count");
    Some(Post {
        permalink: Some(format!("https://x.com/{handle}/status/{id}")),
        platform_id: id,
        caption: text(&t["text"]),
        media_type: Some("POST".into()),
        media_url: None,
        thumbnail_url: None,
        posted_at,
        metrics: Metrics {
            views: count(&m["impression_count"]),
            likes: count(&m["like_count"]),
            comments: count(&m["reply_count"]),
            shares: reposts.map(|r| r + count(&m["quote_count"]).unwrap_or(0)),
            saves: count(&m["bookmark_count"]),
            reach: None,
        },
    })
}

/// X's window: a limit, what remains, and the reset as a Unix time.
pub(crate) fn limits(headers: &HeaderMap) -> Window {
    let (Some(limit), Some(remaining)) = (
        header(headers, "x-rate-limit-limit"),
        header(headers, "x-rate-limit-remaining"),
    ) else {
        return Window::default();
    };
    if limit <= 0.0 {
        return Window::default();
    }
    Window {
        used_percent: Some((limit - remaining) / limit * 100.0),
        regain_minutes: None,
        reset_at: header(headers, "x-rate-limit-reset")
            .and_then(|t| DateTime::from_timestamp(t as i64, 0)),
    }
}
