//! Facebook Pages through Facebook Login: the OAuth dialog, code exchange for a short-lived
//! user token, `fb_exchange_token` for a long-lived one, `/me/accounts` with Page tokens (which
//! do not expire when taken from a long-lived user token), the Page object and its
//! `published_posts` with cursor paging, Graph error bodies and usage headers.

use super::common::{cursor, split_scopes};
use super::graph::{self, error, pick, token_of};
use crate::data::Account;
use crate::oauth::Token;
use crate::state::{Refusal, State};
use axum::Router;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

mod login;

const P: &str = "facebook";
/// Page tokens are signed under their own name, so a user token cannot pass for one.
const PAGE: &str = "fbpage";
/// A Page token taken from a long-lived user token has no expiry; the sandbox gives it a century.
const NEVER_SECS: i64 = 100 * 365 * 86_400;

type Params = Query<HashMap<String, String>>;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/dialog/oauth", get(login::dialog))
        .route(
            "/graph/oauth/access_token",
            get(login::token_query).post(login::token_form),
        )
        .route("/graph/me", get(me))
        .route("/graph/me/accounts", get(accounts))
        .route("/graph/{id}", get(page))
        .route("/graph/{id}/published_posts", get(published_posts))
        .route("/graph/{id}/insights", get(insights))
}

/// Page Insights metrics with a daily value.
const PAGE_METRICS: [&str; 3] = [
    "page_daily_follows_unique",
    "page_daily_unfollows_unique",
    "page_post_engagements",
];
/// The longest `since`..`until` range one Page Insights request may cover.
const MAX_RANGE_DAYS: i64 = 93;

fn refused(r: Refusal) -> Response {
    graph::refused(r, "Page", &[])
}

/// The Pages user `index` manages: their own and the next one, so choosing a Page matters.
fn managed(state: &State, index: usize) -> Vec<usize> {
    let n = state.accounts(P).len();
    let mut pages = vec![index];
    if n > 1 {
        pages.push((index + 1) % n);
    }
    pages
}

fn user_id(index: usize) -> String {
    format!("10{:013}", index + 1)
}

/// Who is calling: a user (with the token) or a Page (with a Page token).
enum Caller {
    User(Token),
    Page(Token),
}

fn admit(
    state: &State,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
    path: &str,
) -> Result<Caller, Response> {
    let token = token_of(headers, q);
    state.admit(P, path, &token, 0).map_err(refused)?;
    let now = state.now();
    let oauth = state.oauth();
    if let Ok(t) = oauth.check(PAGE, &token, now) {
        return Ok(Caller::Page(t));
    }
    match oauth.check(P, &token, now) {
        Ok(t) => Ok(Caller::User(t)),
        Err(why) => Err(graph::token_refused(why)),
    }
}

fn usage(state: &State, resp: Response, caller: &Caller, page_id: &str) -> Response {
    let percent = state.reported_usage(P).unwrap_or(1);
    match caller {
        Caller::Page(_) => graph::business_usage(resp, page_id, "pages", percent),
        Caller::User(_) => graph::app_usage(resp, percent),
    }
}

fn page_json(a: &Account, now: chrono::DateTime<chrono::Utc>) -> Value {
    let followers = a.followers_at(now);
    json!({
        "id": a.id, "name": a.display_name, "username": a.username,
        "followers_count": followers, "fan_count": followers * 9 / 10,
        "link": format!("https://www.facebook.com/{}", a.username), "category": "Digital creator",
        "verification_status": if followers > 1_000_000 { "blue_verified" } else { "not_verified" },
    })
}

async fn me(Shared(state): Shared<Arc<State>>, headers: HeaderMap, Query(q): Params) -> Response {
    let caller = match admit(&state, &headers, &q, "/me") {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let now = state.now();
    let (body, id) = match &caller {
        Caller::Page(t) => match state.account(P, t.account) {
            Some(a) => (pick(q.get("fields"), page_json(a, now)), a.id.clone()),
            None => return error(StatusCode::BAD_REQUEST, 100, None, "Unknown Page"),
        },
        Caller::User(t) => {
            let id = user_id(t.account);
            let name = format!("Sandbox User {}", t.account + 1);
            (pick(q.get("fields"), json!({"id": id, "name": name})), id)
        }
    };
    usage(&state, Json(body).into_response(), &caller, &id)
}

async fn accounts(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    let user = match admit(&state, &headers, &q, "/me/accounts") {
        Ok(Caller::User(t)) => t,
        Ok(Caller::Page(_)) => {
            return error(
                StatusCode::BAD_REQUEST,
                100,
                None,
                "(#100) Tried accessing nonexisting field (accounts) on node type (Page)",
            );
        }
        Err(resp) => return resp,
    };
    if !user.scopes.iter().any(|s| s == "pages_show_list") {
        return error(
            StatusCode::FORBIDDEN,
            200,
            None,
            "(#200) The pages_show_list permission is required to list Pages.",
        );
    }
    let now = state.now();
    // Page tokens live as long as the user token they came from; a long-lived one never expires.
    let lifetime = if user.short_lived {
        (user.expires_at - now).num_seconds()
    } else {
        NEVER_SECS
    };
    let data: Vec<Value> = managed(&state, user.account)
        .into_iter()
        .filter_map(|i| state.account(P, i).map(|a| (i, a)))
        .map(|(i, a)| {
            let (token, _) =
                state
                    .oauth()
                    .issue_access(PAGE, i, user.scopes.clone(), now, lifetime, false);
            json!({"access_token": token, "category": "Digital creator", "name": a.display_name, "id": a.id,
                   "tasks": ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]})
        })
        .collect();
    let after = cursor(data.len());
    let resp =
        Json(json!({"data": data, "paging": {"cursors": {"before": cursor(0), "after": after}}}))
            .into_response();
    graph::app_usage(resp, state.reported_usage(P).unwrap_or(1))
}

/// The Page `id`, if the caller may read it: its own Page token, or a user who manages it.
fn readable<'s>(state: &'s State, caller: &Caller, id: &str) -> Result<&'s Account, Response> {
    let index = state.accounts(P).iter().position(|a| a.id == id);
    let allowed = match (caller, index) {
        (Caller::Page(t), Some(i)) => t.account == i,
        (Caller::User(t), Some(i)) => managed(state, t.account).contains(&i),
        _ => false,
    };
    match index.and_then(|i| state.account(P, i)) {
        Some(a) if allowed => Ok(a),
        _ => Err(error(
            StatusCode::BAD_REQUEST,
            100,
            Some(33),
            &format!(
                "Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
            ),
        )),
    }
}

async fn page(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Params,
) -> Response {
    let caller = match admit(&state, &headers, &q, "/page") {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let a = match readable(&state, &caller, &id) {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let body = pick(q.get("fields"), page_json(a, state.now()));
    usage(&state, Json(body).into_response(), &caller, &id)
}

/// What Page edges check first: the token, that it is the Page's own, and that it may read `id`.
fn page_request<'s>(
    state: &'s State,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
    id: &str,
    path: &str,
) -> Result<(Caller, &'s Account), Response> {
    let caller = admit(state, headers, q, path)?;
    if matches!(caller, Caller::User(_)) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            190,
            None,
            "(#190) This method must be called with a Page Access Token",
        ));
    }
    let a = readable(state, &caller, id)?;
    Ok((caller, a))
}

async fn published_posts(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Params,
) -> Response {
    let (caller, a) = match page_request(&state, &headers, &q, &id, "/published_posts") {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let now = state.now();
    let posts: Vec<_> = a.visible(now).collect();
    let path = format!("/facebook/graph/{id}/published_posts");
    let (range, paging) = match graph::page(&q, posts.len(), &path) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let page: Vec<Value> = posts[range]
        .iter()
        .map(|p| {
            let m = p.metrics_at(now);
            let mut all = json!({
                "id": format!("{}_{}", a.id, p.id), "message": p.caption,
                "created_time": p.posted_at.format("%Y-%m-%dT%H:%M:%S+0000").to_string(),
                "permalink_url": format!("https://www.facebook.com/{}/posts/{}", a.id, p.id),
                "full_picture": state.media_url(&format!("fb-{}", p.id)),
                "reactions": {"data": [], "summary": {"total_count": m.likes, "viewer_reaction": "NONE"}},
                "comments": {"data": [], "summary": {"order": "ranked", "total_count": m.comments, "can_comment": true}},
            });
            // Facebook leaves `shares` out when a post has none.
            if m.shares > 0 {
                all["shares"] = json!({"count": m.shares});
            }
            pick(q.get("fields"), all)
        })
        .collect();
    let resp = Json(json!({"data": page, "paging": paging})).into_response();
    usage(&state, resp, &caller, &id)
}

fn unix_or_date(v: Option<&String>) -> Option<chrono::DateTime<chrono::Utc>> {
    let v = v?;
    if let Ok(secs) = v.parse::<i64>() {
        return chrono::DateTime::from_timestamp(secs, 0);
    }
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// Page Insights by day: follows, unfollows and post engagements, at most 93 days a request.
async fn insights(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Params,
) -> Response {
    let (caller, a) = match page_request(&state, &headers, &q, &id, "/insights") {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let metrics = split_scopes(q.get("metric").map_or("", String::as_str), ',');
    if let Some(bad) = metrics
        .iter()
        .find(|m| !PAGE_METRICS.contains(&m.as_str()))
        .or(metrics.is_empty().then_some(&String::new()))
    {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            &format!(
                "(#100) The value must be a valid insights metric: {bad} is not one of {}",
                PAGE_METRICS.join(", ")
            ),
        );
    }
    let now = state.now();
    let until = unix_or_date(q.get("until")).unwrap_or(now).min(now);
    let since = unix_or_date(q.get("since")).unwrap_or(until - chrono::Duration::days(2));
    if until - since > chrono::Duration::days(MAX_RANGE_DAYS) {
        return error(
            StatusCode::BAD_REQUEST,
            100,
            None,
            "(#100) There cannot be more than 93 days (8035200 s) between since and until",
        );
    }
    let days: Vec<chrono::DateTime<chrono::Utc>> = (1..=(until - since).num_days())
        .map(|d| since + chrono::Duration::days(d))
        .collect();
    let data: Vec<Value> = metrics
        .iter()
        .map(|m| {
            let values: Vec<Value> = days
                .iter()
                .map(|day| {
                    let gained = a
                        .followers_at(*day)
                        .saturating_sub(a.followers_at(*day - chrono::Duration::days(1)));
                    // A tenth as many people leave as the net gain; follows make up both.
                    let unfollows = gained / 10;
                    let value = match m.as_str() {
                        "page_daily_follows_unique" => gained + unfollows,
                        "page_daily_unfollows_unique" => unfollows,
                        _ => a
                            .visible(*day)
                            .take_while(|p| *day - p.posted_at < chrono::Duration::days(7))
                            .map(|p| {
                                let x = p.metrics_at(*day);
                                x.likes + x.comments + x.shares
                            })
                            .sum::<u64>()
                            / 7,
                    };
                    json!({"value": value, "end_time": day.format("%Y-%m-%dT08:00:00+0000").to_string()})
                })
                .collect();
            json!({"name": m, "period": "day", "values": values, "title": m, "description": format!("Daily {m}"),
                   "id": format!("{}/insights/{m}/day", a.id)})
        })
        .collect();
    let resp = Json(json!({"data": data, "paging": {}})).into_response();
    usage(&state, resp, &caller, &id)
}
