//! What the sandbox's tests share: a browser that shows redirects, and the sign-in dances.

#![allow(dead_code, clippy::unwrap_used)]

use patchbay_sandbox::Sandbox;
use patchbay_sandbox::oauth::Challenge;
use serde_json::Value;

pub const VERIFIER: &str = "sandbox-test-verifier-0123456789-abcdefghijklmnop";
pub const LOOPBACK: &str = "http://127.0.0.1:53682/oauth/callback";
pub const GOOGLE_CLIENT: &str = "1-a.apps.googleusercontent.com";

/// A client that shows redirects instead of following them, like a test browser would.
#[allow(clippy::disallowed_methods)]
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Follows the auto-approving authorize endpoint and returns the `code` of the redirect.
pub async fn authorize(url: &str) -> Result<String, (u16, String)> {
    let resp = client().get(url).send().await.unwrap();
    let status = resp.status().as_u16();
    if status != 302 {
        return Err((status, resp.text().await.unwrap()));
    }
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let parsed = url::Url::parse(&location).unwrap();
    Ok(parsed
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned())
}

/// Signs in to the YouTube emulator with PKCE and offline access; the token answer.
pub async fn youtube_tokens(sb: &Sandbox) -> Value {
    let code = authorize(&format!(
        "{}/youtube/o/oauth2/v2/auth?client_id={GOOGLE_CLIENT}&redirect_uri={LOOPBACK}&response_type=code&scope=https://www.googleapis.com/auth/youtube.readonly&code_challenge={}&code_challenge_method=S256&access_type=offline&prompt=consent",
        sb.url(),
        Challenge::S256.of(VERIFIER)
    ))
    .await
    .unwrap();
    client()
        .post(format!("{}/youtube/token", sb.url()))
        .form(&[
            ("client_id", GOOGLE_CLIENT),
            ("client_secret", "s"),
            ("code", code.as_str()),
            ("grant_type", "authorization_code"),
            ("redirect_uri", LOOPBACK),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}
