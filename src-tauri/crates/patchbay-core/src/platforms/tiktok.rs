//! TikTok v2: `/user/info/` for the profile and `/video/list/` for videos, newest first, paged
//! by a millisecond cursor with `has_more`. TikTok keeps no history, so Patchbay's snapshots are
//! the only follower curve.

use super::Sink;
use super::pager::{Page, Resume, walk};
use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError, count, text};
use chrono::{DateTime, Utc};
use patchbay_types::records::{Metrics, Post, Profile};
use serde_json::{Value, json};

const USER_FIELDS: &str = "open_id,username,display_name,is_verified,follower_count,following_count,likes_count,video_count";
const VIDEO_FIELDS: &str = "id,title,video_description,create_time,cover_image_url,share_url,duration,view_count,like_count,comment_count,share_count";

fn check(v: &Value) -> Result<(), SyncError> {
    match v.pointer("/error/code").and_then(Value::as_str) {
        None | Some("ok") => Ok(()),
        Some(code) => Err(SyncError::new(
            ErrorCode::SyncRequestRefused,
            format!("TikTok answered {code}."),
        )),
    }
}

pub async fn profile(api: &Api) -> Result<(Profile, Value), SyncError> {
    let v = api
        .get("/user/info/", &[("fields", USER_FIELDS.into())])
        .await?;
    check(&v)?;
    let u = &v["data"]["user"];
    let Some(external_id) = text(&u["open_id"]) else {
        return Err(SyncError::new(
            ErrorCode::SyncMalformedResponse,
            "TikTok's user info has no open_id.",
        ));
    };
    Ok((
        Profile {
            external_id,
            handle: text(&u["username"]),
            display_name: text(&u["display_name"]),
            followers: count(&u["follower_count"]),
            following: count(&u["following_count"]),
            posts_count: count(&u["video_count"]),
            verified: u["is_verified"].as_bool().unwrap_or(false),
        },
        v,
    ))
}

pub async fn posts(
    api: &Api,
    stop_before: Option<DateTime<Utc>>,
    resume: &mut Resume,
    sink: Sink<'_>,
) -> Result<(), SyncError> {
    walk(
        stop_before,
        resume,
        sink,
        |cursor: Option<i64>| async move {
            let mut body = json!({"max_count": 20});
            if let Some(c) = cursor {
                body["cursor"] = json!(c);
            }
            let v = api
                .post_json("/video/list/", &[("fields", VIDEO_FIELDS.into())], body)
                .await?;
            check(&v)?;
            let posts = v["data"]["videos"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(video)
                .collect();
            let more = v["data"]["has_more"].as_bool().unwrap_or(false);
            Ok(Page {
                posts,
                next: count(&v["data"]["cursor"]).filter(|_| more),
            })
        },
    )
    .await?;
    Ok(())
}

fn video(video: &Value) -> Option<Post> {
    let (id, created) = (text(&video["id"])?, count(&video["create_time"])?);
    Some(Post {
        platform_id: id,
        caption: text(&video["title"]).or_else(|| text(&video["video_description"])),
        media_type: Some("VIDEO".into()),
        media_url: None,
        thumbnail_url: text(&video["cover_image_url"]),
        permalink: text(&video["share_url"]),
        posted_at: DateTime::from_timestamp(created, 0)?,
        metrics: Metrics {
            views: count(&video["view_count"]),
            likes: count(&video["like_count"]),
            comments: count(&video["comment_count"]),
            shares: count(&video["share_count"]),
            ..Default::default()
        },
    })
}

/// How TikTok words a refusal: `error.code` strings, sometimes with a 200.
pub(crate) fn refusal(body: &Value) -> Option<super::Refusal> {
    match body.pointer("/error/code").and_then(Value::as_str)? {
        "rate_limit_exceeded" => Some(super::Refusal::RateLimited),
        "access_token_invalid" => Some(super::Refusal::TokenRejected),
        _ => None,
    }
}
