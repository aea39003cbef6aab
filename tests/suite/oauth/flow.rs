use super::{connect, fixture, follow, sandbox_connection};
use patchbay_core::connections::{self, ConnectionStatus};
use patchbay_core::oauth;
use std::time::Duration;

#[tokio::test]
async fn instagram_tiktok_and_youtube_connect_through_the_sandbox_and_tokens_live_only_in_the_vault()
 {
    let f = fixture();
    for connector in ["instagram", "tiktok", "youtube"] {
        let c = sandbox_connection(&f.ws, connector);
        let view = connect(&f.ws, &c.id)
            .await
            .unwrap_or_else(|e| panic!("{connector}: {e}"));
        assert_eq!(view.status, ConnectionStatus::Active, "{connector}");
        assert!(
            view.account_handle
                .as_deref()
                .unwrap_or_default()
                .contains(connector),
            "{connector}: {view:?}"
        );
        assert!(view.secrets.contains_key("access_token"), "{connector}");
        assert!(view.token_expires_at.is_some(), "{connector}");
        assert!(!view.scopes.is_empty(), "{connector}");
    }
    // TikTok and YouTube (offline access) hand out refresh tokens; Instagram refreshes its own.
    let all = connections::list(&f.ws, &Default::default()).unwrap();
    let has_refresh = |c: &str| {
        all.iter()
            .find(|v| v.connector_id == c)
            .unwrap()
            .secrets
            .contains_key("refresh_token")
    };
    assert!(has_refresh("tiktok") && has_refresh("youtube") && !has_refresh("instagram"));
    // No token is in the database file in plaintext.
    let mut bytes = std::fs::read(f.ws.data_dir().join("patchbay.sqlite3")).unwrap();
    bytes.extend(std::fs::read(f.ws.data_dir().join("patchbay.sqlite3-wal")).unwrap_or_default());
    for marker in ["-at-", "-rt-"] {
        assert!(
            !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
            "a sandbox token ({marker}) is in the database in plaintext"
        );
    }
}

#[tokio::test]
async fn reconnecting_the_same_account_updates_the_connection_and_another_account_is_refused() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    let first = connect(&f.ws, &c.id).await.unwrap();
    let again = connect(&f.ws, &c.id).await.unwrap();
    assert_eq!(first.account_id, again.account_id);
    assert_eq!(
        connections::list(&f.ws, &Default::default()).unwrap().len(),
        1,
        "no duplicate connection"
    );

    // Sign in as the sandbox's second account.
    let request = oauth::begin(&f.ws, &c.id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    let back = follow(&format!("{}&login_hint=1", request.url)).await;
    let err = oauth::complete(&f.ws, &back, false).await.unwrap_err();
    assert_eq!(err.code(), "oauth.different_account");
    assert!(
        err.to_string().contains("maya_tiktok1") && err.to_string().contains("leo_tiktok2"),
        "{err}"
    );
    assert_eq!(
        connections::get(&f.ws, &c.id)
            .unwrap()
            .account_handle
            .as_deref(),
        Some("maya_tiktok1")
    );

    // With permission it replaces.
    let request = oauth::begin(&f.ws, &c.id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    let back = follow(&format!("{}&login_hint=1", request.url)).await;
    let replaced = oauth::complete(&f.ws, &back, true).await.unwrap();
    assert_eq!(replaced.account_handle.as_deref(), Some("leo_tiktok2"));
}

#[tokio::test]
async fn wrong_replayed_expired_and_error_callbacks_are_rejected_and_change_nothing() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "youtube");
    let request = oauth::begin(&f.ws, &c.id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    let back = follow(&request.url).await;

    let forged = back.replace(&request.state, "forged-state-value");
    let err = oauth::complete(&f.ws, &forged, false).await.unwrap_err();
    assert_eq!(err.code(), "oauth.bad_state");
    assert!(err.to_string().contains("unknown state"), "{err}");

    oauth::complete(&f.ws, &back, false).await.unwrap();
    let replay = oauth::complete(&f.ws, &back, false).await.unwrap_err();
    assert!(replay.to_string().contains("already used"), "{replay}");

    let request = oauth::begin(&f.ws, &c.id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    f.ws.oauth()
        .pending
        .age(&request.state, Duration::from_secs(601));
    let late = follow(&request.url).await;
    let expired = oauth::complete(&f.ws, &late, false).await.unwrap_err();
    assert!(expired.to_string().contains("expired"), "{expired}");

    let request = oauth::begin(&f.ws, &c.id, "http://127.0.0.1:9/oauth/callback")
        .await
        .unwrap();
    let denied = format!(
        "http://127.0.0.1:9/oauth/callback?error=access_denied&error_description=The+user+declined&state={}",
        request.state
    );
    let err = oauth::complete(&f.ws, &denied, false).await.unwrap_err();
    assert_eq!(err.code(), "oauth.denied");
    assert!(err.to_string().contains("The user declined"), "{err}");

    let after = connections::get(&f.ws, &c.id).unwrap();
    assert_eq!(
        after.status,
        ConnectionStatus::Active,
        "the one good callback is what counts"
    );
}

#[tokio::test]
async fn the_loopback_listener_ignores_a_forged_callback_and_takes_the_real_one() {
    let listener = oauth::loopback::Loopback::bind(None).await.unwrap();
    let uri = listener.redirect_uri();
    let waiting = tokio::spawn(async move {
        listener
            .wait("the-real-state", Duration::from_secs(10))
            .await
    });
    let forged = super::browser()
        .get(format!("{uri}?code=x&state=forged"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 400);
    let real = super::browser()
        .get(format!("{uri}?code=c0de&state=the-real-state"))
        .send()
        .await
        .unwrap();
    assert_eq!(real.status().as_u16(), 200);
    assert!(
        real.text()
            .await
            .unwrap()
            .contains("You can close this window")
    );
    let url = waiting.await.unwrap().unwrap();
    assert!(url.contains("code=c0de"));
}

#[tokio::test]
async fn the_loopback_listener_gives_up_after_its_timeout() {
    let listener = oauth::loopback::Loopback::bind(None).await.unwrap();
    let err = listener
        .wait("s", Duration::from_millis(200))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "oauth.timeout");
}

#[tokio::test]
async fn a_different_account_waits_for_the_users_answer_before_replacing() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "x");
    let first = connect(&f.ws, &c.id).await.unwrap();
    let token_before = first.secrets["access_token"].clone();
    let second = |ws: patchbay_core::Workspace, id: String| async move {
        let request = oauth::begin(&ws, &id, "http://127.0.0.1:9/oauth/callback")
            .await
            .unwrap();
        let back = follow(&format!("{}&login_hint=1", request.url)).await;
        oauth::complete(&ws, &back, false).await.unwrap_err()
    };

    // "No": nothing changes, and a late "yes" finds nothing to apply.
    let err = second(f.ws.clone(), c.id.clone()).await;
    assert_eq!(err.code(), "oauth.different_account");
    let finished: oauth::Finished = Err(err).into();
    assert_eq!(finished.connection_id.as_deref(), Some(c.id.as_str()));
    oauth::discard_replace(&f.ws, &c.id).unwrap();
    assert!(oauth::confirm_replace(&f.ws, &c.id).is_err());
    let kept = connections::get(&f.ws, &c.id).unwrap();
    assert_eq!(kept.account_id, first.account_id);
    assert_eq!(
        kept.secrets["access_token"], token_before,
        "tokens untouched"
    );

    // "Yes": the held sign-in replaces the account, without signing in again.
    second(f.ws.clone(), c.id.clone()).await;
    let replaced = oauth::confirm_replace(&f.ws, &c.id).unwrap();
    assert_eq!(replaced.account_handle.as_deref(), Some("leo_x2"));
    assert_ne!(replaced.secrets["access_token"], token_before);
    assert!(oauth::confirm_replace(&f.ws, &c.id).is_err(), "used once");
}
