//! Google OAuth (PKCE, offline access) and YouTube: `channels.list` with `mine=true`,
//! `playlistItems` on the uploads playlist paged by `pageToken`, `videos.list` with statistics as
//! strings, YouTube Analytics reports, and the 10,000-unit daily quota.

use super::common::{bearer, cursor, offset, split_scopes};
use crate::data::{Account, Post};
use crate::faults::FaultKind;
use crate::state::{Refusal, State};
use axum::Router;
use axum::extract::{Query, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

mod google_oauth;

const P: &str = "youtube";

type Params = Query<HashMap<String, String>>;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/o/oauth2/v2/auth", get(google_oauth::authorize))
        .route("/token", post(google_oauth::token))
        .route("/revoke", post(google_oauth::revoke))
        .route("/youtube/v3/channels", get(channels))
        .route("/youtube/v3/playlistItems", get(playlist_items))
        .route("/youtube/v3/videos", get(videos))
        .route("/analytics/v2/reports", get(reports))
}

pub fn channel_id(a: &Account) -> String {
    format!("UC{:0>22}", &a.id[a.id.len().saturating_sub(22)..])
}

pub fn video_id(p: &Post) -> String {
    p.id[p.id.len().saturating_sub(11)..].to_owned()
}

fn google_error(status: StatusCode, reason: &str, domain: &str, message: &str) -> Response {
    let status_text = match status.as_u16() {
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        429 => "RESOURCE_EXHAUSTED",
        400 => "INVALID_ARGUMENT",
        _ => "INTERNAL",
    };
    let body = json!({"error": {"code": status.as_u16(), "message": message, "errors": [{"message": message, "domain": domain, "reason": reason}], "status": status_text}});
    (status, Json(body)).into_response()
}

fn refused(r: Refusal) -> Response {
    match r {
        Refusal::QuotaExceeded | Refusal::Fault(FaultKind::Quota) => google_error(
            StatusCode::FORBIDDEN,
            "quotaExceeded",
            "youtube.quota",
            "The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.",
        ),
        Refusal::RateLimited { retry_after }
        | Refusal::Fault(FaultKind::RateLimit {
            retry_after_secs: retry_after,
        }) => {
            let mut resp = google_error(
                StatusCode::TOO_MANY_REQUESTS,
                "rateLimitExceeded",
                "youtube.quota",
                "The request cannot be completed because you have exceeded your rate limit.",
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, retry_after.into());
            resp
        }
        Refusal::Fault(FaultKind::UsageExhausted) => google_error(
            StatusCode::FORBIDDEN,
            "rateLimitExceeded",
            "youtube.quota",
            "Rate limit exceeded.",
        ),
        Refusal::Fault(FaultKind::ExpiredToken | FaultKind::InvalidGrant) => google_error(
            StatusCode::UNAUTHORIZED,
            "authError",
            "global",
            "Request had invalid authentication credentials. Expected OAuth 2 access token.",
        ),
        Refusal::Fault(FaultKind::MalformedJson) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            "{\"kind\": \"youtube#channelListResponse\", \"items\": [",
        )
            .into_response(),
        Refusal::Fault(_) => google_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "backendError",
            "global",
            "Backend Error",
        ),
    }
}

fn admit(state: &State, headers: &HeaderMap, path: &str, cost: u32) -> Result<usize, Response> {
    let token = bearer(headers).unwrap_or_default();
    let account = state
        .oauth()
        .check(P, &token, state.now())
        .map(|t| t.account);
    let account = account.map_err(|_| {
        google_error(
            StatusCode::UNAUTHORIZED,
            "authError",
            "global",
            "Request had invalid authentication credentials. Expected OAuth 2 access token.",
        )
    })?;
    state.admit(P, path, &token, cost).map_err(refused)?;
    Ok(account)
}

fn require_part(q: &HashMap<String, String>) -> Result<Vec<String>, Response> {
    let parts = split_scopes(q.get("part").map_or("", String::as_str), ',');
    if parts.is_empty() {
        return Err(google_error(
            StatusCode::BAD_REQUEST,
            "required",
            "global",
            "Required parameter: part",
        ));
    }
    Ok(parts)
}

fn max_results(q: &HashMap<String, String>) -> Result<usize, Response> {
    match q.get("maxResults").map(|m| m.parse::<usize>()) {
        None => Ok(5),
        Some(Ok(n)) if n <= 50 => Ok(n),
        _ => Err(google_error(
            StatusCode::BAD_REQUEST,
            "invalidParameter",
            "youtube.parameter",
            "Invalid value for parameter maxResults: it must be between 0 and 50",
        )),
    }
}

async fn channels(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    let account = match admit(&state, &headers, "/channels", 1) {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let parts = match require_part(&q) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    if q.get("mine").map(String::as_str) != Some("true") && !q.contains_key("id") {
        return google_error(
            StatusCode::BAD_REQUEST,
            "missingRequiredParameter",
            "youtube.parameter",
            "No filter selected. Expected one of: mine, id, forHandle",
        );
    }
    let Some(a) = state.account(P, account) else {
        return google_error(
            StatusCode::NOT_FOUND,
            "channelNotFound",
            "youtube.channel",
            "Channel not found",
        );
    };
    let now = state.now();
    let views: u64 = a.visible(now).map(|p| p.metrics_at(now).views).sum();
    let subscribers = a.followers_at(now);
    let rounded = round3(subscribers);
    let mut item = json!({"kind": "youtube#channel", "etag": "sandbox", "id": channel_id(a)});
    for part in &parts {
        let value = match part.as_str() {
            "snippet" => {
                json!({"title": a.display_name, "description": "Sandbox channel", "customUrl": format!("@{}", a.username), "publishedAt": (a.anchor - Duration::days(900)).to_rfc3339(), "thumbnails": {"default": {"url": "https://sandbox.invalid/yt.jpg", "width": 88, "height": 88}}})
            }
            "statistics" => {
                json!({"viewCount": views.to_string(), "subscriberCount": rounded.to_string(), "hiddenSubscriberCount": false, "videoCount": a.media_count(now).to_string()})
            }
            "contentDetails" => {
                json!({"relatedPlaylists": {"likes": "", "uploads": format!("UU{}", &channel_id(a)[2..])}})
            }
            "id" => continue,
            _ => {
                return google_error(
                    StatusCode::BAD_REQUEST,
                    "unknownPart",
                    "youtube.part",
                    &format!("Unknown part: {part}"),
                );
            }
        };
        item[part.as_str()] = value;
    }
    Json(json!({"kind": "youtube#channelListResponse", "etag": "sandbox", "pageInfo": {"totalResults": 1, "resultsPerPage": 5}, "items": [item]})).into_response()
}

/// Public subscriber counts are rounded to three significant figures.
fn round3(n: u64) -> u64 {
    if n < 1000 {
        return n;
    }
    let digits = (n as f64).log10().floor() as u32;
    let scale = 10u64.pow(digits - 2);
    n / scale * scale
}

async fn playlist_items(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    let account = match admit(&state, &headers, "/playlistItems", 1) {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    if let Err(resp) = require_part(&q) {
        return resp;
    }
    let max = match max_results(&q) {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let Some(a) = state.account(P, account) else {
        return google_error(
            StatusCode::NOT_FOUND,
            "playlistNotFound",
            "youtube.playlistItem",
            "Playlist not found",
        );
    };
    if q.get("playlistId").map(String::as_str) != Some(&format!("UU{}", &channel_id(a)[2..])) {
        return google_error(
            StatusCode::NOT_FOUND,
            "playlistNotFound",
            "youtube.playlistItem",
            "The playlist identified with the request's playlistId parameter cannot be found.",
        );
    }
    let Some(start) = offset(q.get("pageToken").map(String::as_str)) else {
        return google_error(
            StatusCode::BAD_REQUEST,
            "invalidPageToken",
            "youtube.parameter",
            "The request specifies an invalid page token.",
        );
    };
    let now = state.now();
    let all: Vec<_> = a.visible(now).collect();
    let items: Vec<Value> = all.iter().skip(start).take(max).map(|p| json!({
        "kind": "youtube#playlistItem", "etag": "sandbox", "id": format!("PLI{}", video_id(p)),
        "snippet": {"publishedAt": p.posted_at.to_rfc3339(), "title": p.caption, "resourceId": {"kind": "youtube#video", "videoId": video_id(p)}},
        "contentDetails": {"videoId": video_id(p), "videoPublishedAt": p.posted_at.to_rfc3339()},
    })).collect();
    let end = start + items.len();
    let mut body = json!({"kind": "youtube#playlistItemListResponse", "etag": "sandbox", "pageInfo": {"totalResults": all.len(), "resultsPerPage": max}, "items": items});
    if end < all.len() {
        body["nextPageToken"] = json!(cursor(end));
    }
    Json(body).into_response()
}

async fn videos(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    let account = match admit(&state, &headers, "/videos", 1) {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let parts = match require_part(&q) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let ids = split_scopes(q.get("id").map_or("", String::as_str), ',');
    if ids.len() > 50 {
        return google_error(
            StatusCode::BAD_REQUEST,
            "invalidParameter",
            "youtube.parameter",
            "At most 50 ids per request",
        );
    }
    let Some(a) = state.account(P, account) else {
        return Json(json!({"items": []})).into_response();
    };
    let now = state.now();
    let items: Vec<Value> = a.visible(now).filter(|p| ids.contains(&video_id(p))).map(|p| {
        let m = p.metrics_at(now);
        let mut item = json!({"kind": "youtube#video", "etag": "sandbox", "id": video_id(p)});
        for part in &parts {
            item[part.as_str()] = match part.as_str() {
                "statistics" => json!({"viewCount": m.views.to_string(), "likeCount": m.likes.to_string(), "favoriteCount": "0", "commentCount": m.comments.to_string()}),
                "snippet" => json!({"publishedAt": p.posted_at.to_rfc3339(), "channelId": channel_id(a), "title": p.caption, "description": "", "thumbnails": {"medium": {"url": state.media_url(&format!("yt-{}", video_id(p))), "width": 320, "height": 180}}}),
                "contentDetails" => json!({"duration": format!("PT{}M{}S", p.duration_secs / 60, p.duration_secs % 60), "definition": "hd"}),
                _ => continue,
            };
        }
        item
    }).collect();
    Json(json!({"kind": "youtube#videoListResponse", "etag": "sandbox", "pageInfo": {"totalResults": items.len(), "resultsPerPage": items.len()}, "items": items})).into_response()
}

async fn reports(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    let account = match admit(&state, &headers, "/reports", 0) {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let date = |k: &str| {
        q.get(k)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let (Some(start), Some(end)) = (date("startDate"), date("endDate")) else {
        return google_error(
            StatusCode::BAD_REQUEST,
            "required",
            "global",
            "Required parameters: startDate and endDate (YYYY-MM-DD)",
        );
    };
    if q.get("ids").map(String::as_str) != Some("channel==MINE") {
        return google_error(
            StatusCode::BAD_REQUEST,
            "invalid",
            "global",
            "ids must be channel==MINE",
        );
    }
    let metrics = split_scopes(q.get("metrics").map_or("", String::as_str), ',');
    let Some(a) = state.account(P, account) else {
        return google_error(
            StatusCode::NOT_FOUND,
            "notFound",
            "global",
            "Channel not found",
        );
    };
    // Analytics data lags two days.
    let last = (state.now() - Duration::days(2)).date_naive().min(end);
    let mut rows = Vec::new();
    let mut day = start;
    while day <= last {
        let t = day
            .and_hms_opt(23, 59, 59)
            .map(|d| d.and_utc())
            .unwrap_or_default();
        let prev = t - Duration::days(1);
        let views: u64 = a
            .visible(t)
            .map(|p| {
                p.metrics_at(t)
                    .views
                    .saturating_sub(p.metrics_at(prev).views)
            })
            .sum();
        let likes: u64 = a
            .visible(t)
            .map(|p| {
                p.metrics_at(t)
                    .likes
                    .saturating_sub(p.metrics_at(prev).likes)
            })
            .sum();
        let mut row = vec![json!(day.format("%Y-%m-%d").to_string())];
        for m in &metrics {
            row.push(json!(match m.as_str() {
                "views" => views,
                "estimatedMinutesWatched" => views * 3 / 2,
                "averageViewDuration" => 95,
                "likes" => likes,
                "comments" => likes / 20,
                "shares" => likes / 12,
                "subscribersGained" =>
                    a.followers_at(t).saturating_sub(a.followers_at(prev)) + views / 2000,
                "subscribersLost" => views / 2000,
                _ => 0,
            }));
        }
        rows.push(Value::Array(row));
        day += Duration::days(1);
    }
    let mut headers_json =
        vec![json!({"name": "day", "columnType": "DIMENSION", "dataType": "STRING"})];
    headers_json.extend(
        metrics
            .iter()
            .map(|m| json!({"name": m, "columnType": "METRIC", "dataType": "INTEGER"})),
    );
    Json(json!({"kind": "youtubeAnalytics#resultTable", "columnHeaders": headers_json, "rows": rows})).into_response()
}
