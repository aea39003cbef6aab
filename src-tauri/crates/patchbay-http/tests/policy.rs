//! The client's policy against real servers on loopback: two ports are two origins.
#![allow(clippy::unwrap_used)]

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use patchbay_http::{BodyError, Http, read_body};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

type Seen = Arc<Mutex<Vec<HeaderMap>>>;

async fn serve(router: Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    url
}

/// A server that records every request's headers.
async fn recorder() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let router = Router::new()
        .route(
            "/{*rest}",
            any(|State(seen): State<Seen>, headers: HeaderMap| async move {
                seen.lock().unwrap().push(headers);
                "recorded"
            }),
        )
        .with_state(seen.clone());
    (serve(router).await, seen)
}

fn redirect_to(status: StatusCode, target: String) -> Router {
    Router::new().route(
        "/{*rest}",
        any(move || {
            let target = target.clone();
            async move { (status, [(header::LOCATION, target)]).into_response() }
        }),
    )
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed_with_the_credentials() {
    let (elsewhere, seen) = recorder().await;
    let start = serve(redirect_to(
        StatusCode::FOUND,
        format!("{elsewhere}/collect"),
    ))
    .await;
    let http = Http::new();
    let response = http
        .client()
        .get(format!("{start}/admin/api/shop.json"))
        .header("X-Shopify-Access-Token", "shpat_not_for_you")
        .bearer_auth("bearer-not-for-you")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::FOUND,
        "the redirect is reported, not followed"
    );
    assert!(
        seen.lock().unwrap().is_empty(),
        "the other origin was never called"
    );
}

#[tokio::test]
async fn a_token_request_body_is_never_resent_to_another_origin() {
    let (elsewhere, seen) = recorder().await;
    let start = serve(redirect_to(
        StatusCode::TEMPORARY_REDIRECT,
        format!("{elsewhere}/token"),
    ))
    .await;
    let response = Http::new()
        .client()
        .post(format!("{start}/oauth/token"))
        .form(&[
            ("client_secret", "cs-secret"),
            ("refresh_token", "rt-secret"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_without_a_referer() {
    let seen: Seen = Arc::default();
    let router = Router::new()
        .route(
            "/old",
            get(|| async { (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, "/new")]) }),
        )
        .route(
            "/new",
            get(|State(seen): State<Seen>, headers: HeaderMap| async move {
                seen.lock().unwrap().push(headers);
                "moved here"
            }),
        )
        .with_state(seen.clone());
    let base = serve(router).await;
    let response = Http::new()
        .client()
        .get(format!("{base}/old?access_token=tok-in-query"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "moved here");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].get(header::REFERER).is_none(),
        "the previous URL (and its token) is not sent on"
    );
}

/// A raw server answering `body_len` bytes, chunked (no Content-Length) or declared.
async fn heavy(body_len: usize, declared: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let head = if declared {
                format!("HTTP/1.1 200 OK\r\nContent-Length: {body_len}\r\n\r\n")
            } else {
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_owned()
            };
            if socket.write_all(head.as_bytes()).await.is_err() {
                continue;
            }
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < body_len {
                let n = chunk.len().min(body_len - sent);
                let frame = if declared {
                    chunk[..n].to_vec()
                } else {
                    [format!("{n:x}\r\n").as_bytes(), &chunk[..n], b"\r\n"].concat()
                };
                if socket.write_all(&frame).await.is_err() {
                    break;
                }
                sent += n;
            }
            if !declared {
                let _ = socket.write_all(b"0\r\n\r\n").await;
            }
        }
    });
    url
}

#[tokio::test]
async fn an_answer_past_the_cap_is_refused_whether_or_not_it_says_its_size() {
    let limit = 1024 * 1024;
    for declared in [false, true] {
        let url = heavy(8 * limit, declared).await;
        let response = Http::new().client().get(&url).send().await.unwrap();
        assert_eq!(
            read_body(response, limit).await,
            Err(BodyError::TooLarge { limit }),
            "declared: {declared}"
        );
    }
    let small = heavy(1000, false).await;
    let response = Http::new().client().get(&small).send().await.unwrap();
    assert_eq!(read_body(response, limit).await.unwrap().len(), 1000);
}

#[test]
fn origins_differ_by_scheme_host_or_port() {
    let u = |s: &str| url::Url::parse(s).unwrap();
    assert!(patchbay_http::same_origin(
        &u("https://graph.instagram.com/v21/me"),
        &u("https://graph.instagram.com/v21/123/media?after=x")
    ));
    for other in [
        "http://graph.instagram.com/v21/me",
        "https://graph.instagram.com:8443/v21/me",
        "https://evil.example/v21/me",
    ] {
        assert!(!patchbay_http::same_origin(
            &u("https://graph.instagram.com/v21/me"),
            &u(other)
        ));
    }
}

/// Answers 503 `failures` times, then 200; counts what it received.
async fn flaky(failures: usize) -> (String, Arc<Mutex<usize>>) {
    let seen: Arc<Mutex<usize>> = Arc::default();
    let router = Router::new()
        .route(
            "/{*rest}",
            any(move |State(seen): State<Arc<Mutex<usize>>>| async move {
                let mut n = seen.lock().unwrap();
                *n += 1;
                if *n <= failures {
                    (StatusCode::SERVICE_UNAVAILABLE, "try later").into_response()
                } else {
                    "fine".into_response()
                }
            }),
        )
        .with_state(seen.clone());
    (serve(router).await, seen)
}

#[tokio::test]
async fn an_idempotent_request_is_retried_through_passing_server_errors() {
    let (url, seen) = flaky(2).await;
    let http = Http::new();
    let request = http.client().get(format!("{url}/me")).build().unwrap();
    let response = http.send(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(*seen.lock().unwrap(), 3);
}

#[tokio::test]
async fn a_token_request_is_never_sent_twice() {
    let (url, seen) = flaky(2).await;
    let http = Http::new();
    let request = http
        .client()
        .post(format!("{url}/oauth/token"))
        .form(&[("grant_type", "authorization_code"), ("code", "works-once")])
        .build()
        .unwrap();
    let response = http.send(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(*seen.lock().unwrap(), 1);
}

#[tokio::test]
async fn retries_stop_after_the_last_attempt_with_the_last_answer() {
    let (url, seen) = flaky(10).await;
    let http = Http::new();
    let request = http.client().get(format!("{url}/me")).build().unwrap();
    let response = http.send(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        *seen.lock().unwrap(),
        patchbay_http::retry::ATTEMPTS as usize
    );
}

#[tokio::test]
async fn token_revoke_and_verify_requests_follow_no_redirect_at_all() {
    let (target, seen) = recorder().await;
    // Even a redirect within what looks like the same service is not followed.
    let start = serve(redirect_to(
        StatusCode::TEMPORARY_REDIRECT,
        format!("{target}/token"),
    ))
    .await;
    let http = Http::new();
    let request = http
        .strict()
        .post(format!("{start}/token"))
        .form(&[("refresh_token", "rt-secret")])
        .build()
        .unwrap();
    let response = http.send_strict(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    assert!(seen.lock().unwrap().is_empty());
}
