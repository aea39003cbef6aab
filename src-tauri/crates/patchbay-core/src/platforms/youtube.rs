//! YouTube: `channels.list mine=true` (counts arrive as strings), the uploads playlist paged by
//! `pageToken`, `videos.list` for statistics (50 ids per call), and YouTube Analytics daily
//! reports, backfilled on the first sync. Never `search.list` (100 quota units).

use super::pager::{Page, Resume, walk};
use super::{Sink, parse_time};
use crate::error::ErrorCode;
use crate::platforms::api::{Api, SyncError, count, text};
use chrono::{DateTime, Duration, Utc};
use patchbay_types::records::{DailyMetric, Metrics, Post, Profile};
use serde_json::Value;

const REPORT_METRICS: &str =
    "views,estimatedMinutesWatched,likes,comments,shares,subscribersGained,subscribersLost";

pub async fn profile(api: &Api) -> Result<(Profile, Value), SyncError> {
    let v = api
        .get(
            "/channels",
            &[
                ("part", "snippet,statistics,contentDetails".into()),
                ("mine", "true".into()),
            ],
        )
        .await?;
    let c = &v["items"][0];
    let Some(external_id) = text(&c["id"]) else {
        return Err(SyncError::new(
            ErrorCode::SyncMalformedResponse,
            "YouTube returned no channel for this account.",
        ));
    };
    Ok((
        Profile {
            external_id,
            handle: text(&c["snippet"]["customUrl"]),
            display_name: text(&c["snippet"]["title"]),
            followers: count(&c["statistics"]["subscriberCount"]),
            following: None,
            posts_count: count(&c["statistics"]["videoCount"]),
            verified: false,
        },
        v,
    ))
}

fn uploads_playlist(profile: &Profile) -> String {
    // The uploads playlist of channel UCxxxx is UUxxxx.
    format!("UU{}", profile.external_id.get(2..).unwrap_or_default())
}

pub async fn posts(
    api: &Api,
    profile: &Profile,
    stop_before: Option<DateTime<Utc>>,
    resume: &mut Resume,
    sink: Sink<'_>,
) -> Result<(), SyncError> {
    let playlist = uploads_playlist(profile);
    walk(stop_before, resume, sink, |token: Option<String>| {
        let playlist = playlist.clone();
        async move {
            let mut query = vec![
                ("part", "contentDetails".to_owned()),
                ("playlistId", playlist),
                ("maxResults", "50".into()),
            ];
            if let Some(t) = token {
                query.push(("pageToken", t));
            }
            let page = api.get("/playlistItems", &query).await?;
            let ids: Vec<String> = page["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| text(&i["contentDetails"]["videoId"]))
                .collect();
            if ids.is_empty() {
                return Ok(Page::last(Vec::new()));
            }
            let videos = api
                .get(
                    "/videos",
                    &[("part", "statistics,snippet".into()), ("id", ids.join(","))],
                )
                .await?;
            Ok(Page {
                posts: videos["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(video)
                    .collect(),
                next: text(&page["nextPageToken"]),
            })
        }
    })
    .await?;
    Ok(())
}

fn video(v: &Value) -> Option<Post> {
    let id = text(&v["id"])?;
    let posted_at = parse_time(v["snippet"]["publishedAt"].as_str())?;
    Some(Post {
        permalink: Some(format!("https://www.youtube.com/watch?v={id}")),
        platform_id: id,
        caption: text(&v["snippet"]["title"]),
        media_type: Some("VIDEO".into()),
        media_url: None,
        thumbnail_url: text(&v["snippet"]["thumbnails"]["medium"]["url"]),
        posted_at,
        metrics: Metrics {
            views: count(&v["statistics"]["viewCount"]),
            likes: count(&v["statistics"]["likeCount"]),
            comments: count(&v["statistics"]["commentCount"]),
            ..Default::default()
        },
    })
}

/// The YouTube Analytics reports endpoint beside the Data API base.
fn reports_url(api: &Api) -> String {
    let base = api.base.trim_end_matches('/');
    if base.starts_with("https://www.googleapis.com")
        || base.starts_with("https://youtube.googleapis.com")
    {
        "https://youtubeanalytics.googleapis.com/v2/reports".to_owned()
    } else {
        format!(
            "{}/analytics/v2/reports",
            base.trim_end_matches("/youtube/v3")
        )
    }
}

pub async fn insights(api: &Api, since: DateTime<Utc>) -> Result<Vec<DailyMetric>, SyncError> {
    let end = Utc::now() - Duration::days(1);
    let query = [
        ("ids", "channel==MINE".to_owned()),
        ("startDate", since.format("%Y-%m-%d").to_string()),
        ("endDate", end.format("%Y-%m-%d").to_string()),
        ("metrics", REPORT_METRICS.into()),
        ("dimensions", "day".into()),
        ("sort", "day".into()),
    ];
    let v = api.get(&reports_url(api), &query).await?;
    let names: Vec<String> = v["columnHeaders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| text(&h["name"]))
        .collect();
    let mut out = Vec::new();
    for row in v["rows"].as_array().into_iter().flatten() {
        let Some(cells) = row.as_array() else {
            continue;
        };
        let Some(day) = cells
            .first()
            .and_then(Value::as_str)
            .and_then(|d| parse_time(Some(&format!("{d}T00:00:00Z"))))
        else {
            continue;
        };
        for (name, cell) in names.iter().zip(cells).skip(1) {
            if let Some(value) = cell.as_f64() {
                out.push(DailyMetric {
                    metric: format!("youtube.{name}"),
                    day,
                    value,
                });
            }
        }
    }
    Ok(out)
}

/// How Google words a refusal: `error.errors[0].reason`. A spent daily quota comes back at
/// midnight Pacific time.
pub(crate) fn refusal(body: &Value) -> Option<super::Refusal> {
    match body
        .pointer("/error/errors/0/reason")
        .and_then(Value::as_str)?
    {
        "quotaExceeded" => Some(super::Refusal::QuotaExhausted),
        "rateLimitExceeded" => Some(super::Refusal::RateLimited),
        _ => None,
    }
}
