//! Developer apps: entered once, used by every account of a platform; rotating an app's secret
//! changes it for all of them; existing connections are gathered into apps without signing in.

use crate::oauth::{connect, fixture, settings};
use patchbay_core::apps::{self, AppPatch, NewApp};
use patchbay_core::connections::{self, Mode, NewConnection};
use serde_json::json;

#[tokio::test]
async fn two_accounts_share_one_app_and_a_rotated_secret_reaches_both() {
    let f = fixture();
    let app = apps::create(
        &f.ws,
        NewApp {
            connector_id: "tiktok".into(),
            name: "Agency TikTok app".into(),
            client_id: "agency-client-key".into(),
            client_secret: Some("first-secret-1111".into()),
        },
    )
    .unwrap();
    assert_eq!(
        app.client_secret.as_deref(),
        Some("••••••••"),
        "masked, never shown"
    );
    let mut ids = Vec::new();
    for name in ["Client A", "Client B"] {
        // No client fields: the app holds them.
        let c = connections::create(
            &f.ws,
            NewConnection {
                connector_id: "tiktok".into(),
                name: name.into(),
                mode: Mode::Sandbox,
                settings: settings(json!({})),
                app_id: Some(app.id.clone()),
            },
        )
        .unwrap();
        connect(&f.ws, &c.connection.id).await.unwrap();
        assert_eq!(c.app_id.as_deref(), Some(app.id.as_str()));
        ids.push(c.connection.id.clone());
    }
    for id in &ids {
        let (client, secret) = patchbay_core::oauth::credentials(&f.ws, id).unwrap();
        assert_eq!(
            (client.as_str(), secret.unwrap().expose()),
            ("agency-client-key", "first-secret-1111")
        );
    }

    let rotated = apps::update(
        &f.ws,
        &app.id,
        AppPatch {
            client_secret: Some("second-secret-2222".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(rotated.connections.len(), 2);
    for id in &ids {
        assert_eq!(
            patchbay_core::oauth::credentials(&f.ws, id)
                .unwrap()
                .1
                .unwrap()
                .expose(),
            "second-secret-2222"
        );
        // The refresh goes out with the rotated secret and keeps the account connected.
        patchbay_core::oauth::refresh_now(&f.ws, id).await.unwrap();
    }
    let plain = std::fs::read(f.ws.data_dir().join("patchbay.sqlite3")).unwrap();
    assert!(
        !plain.windows(18).any(|w| w == b"second-secret-2222"),
        "the app's secret is sealed in the database"
    );
    // One account moves back to client fields of its own; the app keeps the other.
    apps::assign(&f.ws, &ids[0], None).unwrap();
    assert_eq!(
        apps::list(&f.ws, Some("tiktok")).unwrap()[0].connections,
        [ids[1].clone()]
    );
    let refused = apps::remove(&f.ws, &app.id).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("Move them to another app first"),
        "{refused}"
    );
}

#[test]
fn an_app_for_another_platform_is_refused() {
    let f = fixture();
    let app = apps::create(
        &f.ws,
        NewApp {
            connector_id: "x".into(),
            name: String::new(),
            client_id: "x-client".into(),
            client_secret: None,
        },
    )
    .unwrap();
    assert_eq!(app.name, "X app");
    let refused = connections::create(
        &f.ws,
        NewConnection {
            connector_id: "tiktok".into(),
            name: "Wrong".into(),
            mode: Mode::Sandbox,
            settings: settings(json!({})),
            app_id: Some(app.id.clone()),
        },
    )
    .unwrap_err();
    assert!(refused.to_string().contains("is an app for x"), "{refused}");
}
