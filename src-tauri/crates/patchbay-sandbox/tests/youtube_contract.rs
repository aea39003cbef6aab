//! The YouTube emulator's answers validate against the published YouTube Data API v3 contract.

#![allow(clippy::unwrap_used)]

use patchbay_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

mod common;

use common::client;

/// A validator for one response schema of the spec, with the spec's components in reach.
fn validator(spec: &Value, schema: &str) -> jsonschema::Validator {
    let root =
        json!({"$ref": format!("#/components/schemas/{schema}"), "components": spec["components"]});
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&root)
        .unwrap()
}

fn check(spec: &Value, schema: &str, body: &Value) {
    let v = validator(spec, schema);
    let errors: Vec<String> = v
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema}: {errors:#?}");
}

#[tokio::test]
async fn channels_playlist_items_and_videos_match_the_published_contract() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/conformance/youtube_v3_openapi.yaml"
    ))
    .unwrap();
    let spec: Value = serde_yaml::from_str(&text).unwrap();
    let sb = Sandbox::start(
        SandboxConfig {
            max_posts: 60,
            ..Default::default()
        },
        0,
    )
    .await
    .unwrap();
    let tokens = common::youtube_tokens(&sb).await;
    let token = tokens["access_token"].as_str().unwrap();
    let base = sb.url();
    let get = |path: String| {
        let (base, token) = (base.clone(), token.to_owned());
        async move {
            let resp = client()
                .get(format!("{base}/youtube/youtube/v3{path}"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert!(resp.status().is_success(), "{path}: {}", resp.status());
            resp.json::<Value>().await.unwrap()
        }
    };

    let channels = get("/channels?part=snippet,statistics,contentDetails&mine=true".into()).await;
    check(&spec, "ChannelListResponse", &channels);
    assert!(
        channels["items"][0]["statistics"]["subscriberCount"].is_string(),
        "counts are strings, as documented"
    );
    // The check has teeth: a count sent as a number breaks the contract.
    let mut broken = channels.clone();
    broken["items"][0]["statistics"]["viewCount"] = json!(12);
    assert!(!validator(&spec, "ChannelListResponse").is_valid(&broken));

    let uploads = channels["items"][0]["contentDetails"]["relatedPlaylists"]["uploads"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = get(format!(
        "/playlistItems?part=contentDetails,snippet&playlistId={uploads}&maxResults=50"
    ))
    .await;
    check(&spec, "PlaylistItemListResponse", &page);
    assert!(
        page["nextPageToken"].is_string(),
        "60 uploads need a second page"
    );

    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["contentDetails"]["videoId"].as_str().unwrap())
        .collect();
    let videos = get(format!(
        "/videos?part=statistics,snippet,contentDetails&id={}",
        ids.join(",")
    ))
    .await;
    check(&spec, "VideoListResponse", &videos);
    assert_eq!(videos["items"].as_array().unwrap().len(), ids.len());

    // The contract's rules the emulator enforces, as Prism does for the real one.
    let missing_part = client()
        .get(format!(
            "{}/youtube/youtube/v3/channels?mine=true",
            sb.url()
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(missing_part.status().as_u16(), 400);
    let too_many = client()
        .get(format!(
            "{}/youtube/youtube/v3/playlistItems?part=id&playlistId={uploads}&maxResults=51",
            sb.url()
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(too_many.status().as_u16(), 400);
}
