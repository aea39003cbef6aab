//! The vault against a real Secret Service and a real SQLite file.

use patchbay_core::Workspace;
use patchbay_core::connections::{self, ConnectionPatch, NewConnection};
use patchbay_core::vault::{Secret, Vault, keyring_store};
use serde_json::json;

const TOKEN: &str = concat!("xo", "xb-4242-1337-SuperSecretTokenValue");

struct Fixture {
    _tmp: tempfile::TempDir,
    ws: Workspace,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = keyring_store::delete(self.ws.id());
    }
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&tmp.path().join("data")).unwrap();
    Fixture { _tmp: tmp, ws }
}

fn add_slack(ws: &Workspace) -> String {
    let view = connections::create(
        ws,
        NewConnection {
            connector_id: "slack".into(),
            name: "Acme Slack".into(),
            mode: Default::default(),
            settings: json!({"bot_token": TOKEN, "default_channel": "general"})
                .as_object()
                .unwrap()
                .clone(),
            app_id: None,
        },
    )
    .unwrap();
    view.connection.id
}

fn database_bytes(ws: &Workspace) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let path = ws.data_dir().join(format!("patchbay.sqlite3{suffix}"));
        if let Ok(b) = std::fs::read(path) {
            bytes.extend(b);
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_secret_round_trips_through_the_os_keyring_key_and_shows_masked() {
    let f = fixture();
    let id = add_slack(&f.ws);
    let view = connections::get(&f.ws, &id).unwrap();
    assert_eq!(view.secrets["bot_token"], "xoxb…alue");
    assert!(!view.connection.config.contains_key("bot_token"));
    assert_eq!(view.connection.config["default_channel"], "general");
    // The key is in the keyring, and a second workspace handle (a new process) reads the secret.
    assert!(keyring_store::load(f.ws.id()).unwrap().is_some());
    let again = Workspace::open(f.ws.data_dir()).unwrap();
    assert_eq!(
        connections::get(&again, &id).unwrap().secrets["bot_token"],
        "xoxb…alue"
    );
}

#[test]
fn no_byte_of_a_stored_secret_is_in_the_database_file_or_its_wal() {
    let f = fixture();
    let id = add_slack(&f.ws);
    let rotated = concat!("xo", "xb-9999-8888-AnotherSecretValue");
    let mut settings = serde_json::Map::new();
    settings.insert("bot_token".into(), json!(rotated));
    connections::update(
        &f.ws,
        &id,
        ConnectionPatch {
            settings,
            ..Default::default()
        },
    )
    .unwrap();
    let bytes = database_bytes(&f.ws);
    assert!(bytes.len() > 4096, "the database files were read");
    for secret in [
        TOKEN,
        rotated,
        "SuperSecretTokenValue",
        "AnotherSecretValue",
    ] {
        assert!(
            !contains(&bytes, secret.as_bytes()),
            "{secret} found in plaintext"
        );
    }
    // The non-secret setting is there, so the scan does look at the right bytes.
    assert!(contains(&bytes, b"general"));
}

#[test]
fn a_tampered_ciphertext_gives_a_clear_error_never_garbage() {
    let f = fixture();
    let id = add_slack(&f.ws);
    let db = rusqlite::Connection::open(f.ws.data_dir().join("patchbay.sqlite3")).unwrap();
    db.execute(
        "UPDATE secrets SET ciphertext = CAST(zeroblob(length(ciphertext)) AS BLOB) WHERE connection_id = ?1",
        [&id],
    )
    .unwrap();
    let vault = f.ws.vault().unwrap();
    let err = vault.get(&db, &id, "bot_token").unwrap_err();
    assert_eq!(err.code(), "vault.corrupt");
    assert!(err.to_string().contains("could not be decrypted"), "{err}");
    // Listing still works and shows the field fully masked rather than failing.
    assert_eq!(
        connections::get(&f.ws, &id).unwrap().secrets["bot_token"],
        "••••••••"
    );
}

#[test]
fn a_wrong_key_is_refused_before_any_secret_is_read() {
    let f = fixture();
    add_slack(&f.ws);
    // Replace the keyring's key with another one: the stored key check no longer matches.
    let other = patchbay_core::vault::cipher::DataKey::random();
    keyring_store::store(f.ws.id(), &other).unwrap();
    let fresh = Workspace::open(f.ws.data_dir()).unwrap();
    let err = fresh.vault().unwrap_err();
    assert_eq!(err.code(), "vault.key_mismatch");
}

#[test]
fn the_passphrase_fallback_derives_a_stable_key_and_rejects_a_wrong_one() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::open(tmp.path()).unwrap();
    let db = ws.database();
    let vault = Vault::unlock(
        db,
        "no-keyring-here",
        Some(Secret::new("correct horse battery staple")),
    )
    .unwrap();
    assert_eq!(vault.source(), patchbay_core::vault::KeySource::Passphrase);
    let again = Vault::unlock(
        db,
        "no-keyring-here",
        Some(Secret::new("correct horse battery staple")),
    );
    assert!(again.is_ok());
    let wrong = Vault::unlock(db, "no-keyring-here", Some(Secret::new("wrong"))).unwrap_err();
    assert_eq!(wrong.code(), "vault.key_mismatch");
    // A workspace locked by passphrase does not silently switch to the keyring.
    let switched = Vault::unlock(db, "no-keyring-here", None).unwrap_err();
    assert_eq!(switched.code(), "vault.source_mismatch");
    assert!(keyring_store::load("no-keyring-here").unwrap().is_none());
}

#[test]
fn removing_a_connection_removes_its_secrets_and_purging_removes_the_row() {
    let f = fixture();
    let kept = add_slack(&f.ws);
    let purged = add_slack(&f.ws);
    connections::remove(&f.ws, &kept, false).unwrap();
    connections::remove(&f.ws, &purged, true).unwrap();
    let db = rusqlite::Connection::open(f.ws.data_dir().join("patchbay.sqlite3")).unwrap();
    let secrets: i64 = db
        .query_row("SELECT count(*) FROM secrets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(secrets, 0);
    let rows: Vec<(String, Option<String>)> = db
        .prepare("SELECT id, removed_at FROM connections")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1, "the purged row is gone");
    assert_eq!(rows[0].0, kept);
    assert!(rows[0].1.is_some(), "the kept row is hidden, not deleted");
    assert!(
        connections::list(&f.ws, &Default::default())
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        connections::get(&f.ws, &kept).unwrap_err().code(),
        "connection.unknown"
    );
}

#[test]
fn update_keeps_omitted_secrets_and_clears_named_ones() {
    let f = fixture();
    let view = connections::create(
        &f.ws,
        NewConnection {
            connector_id: "x".into(),
            name: "Maya on X".into(),
            mode: Default::default(),
            settings: json!({"client_id": "abc123", "client_secret": "cs-0123456789abcdef", "bearer_token": "AAAA-bearer-0000-ffff"})
                .as_object()
                .unwrap()
                .clone(),
            app_id: None,
        },
    )
    .unwrap();
    let id = view.connection.id;
    let mut settings = serde_json::Map::new();
    settings.insert("client_id".into(), json!("new-client"));
    let patch = ConnectionPatch {
        name: Some("Maya (X)".into()),
        settings,
        clear: vec!["bearer_token".into()],
        ..Default::default()
    };
    let after = connections::update(&f.ws, &id, patch).unwrap();
    assert_eq!(after.connection.name, "Maya (X)");
    assert_eq!(after.connection.config["client_id"], "new-client");
    assert_eq!(
        after.secrets["client_secret"],
        patchbay_core::vault::mask::FULL_MASK,
        "kept, and too short to show any of it"
    );
    assert!(!after.secrets.contains_key("bearer_token"));
}

#[test]
fn invalid_settings_are_refused_per_field_and_nothing_is_stored() {
    let f = fixture();
    let err = connections::create(
        &f.ws,
        NewConnection {
            connector_id: "twilio-sms".into(),
            name: "SMS".into(),
            mode: Default::default(),
            settings: json!({"account_sid": "not-a-sid", "auth_token": "tok-secret-123456"})
                .as_object()
                .unwrap()
                .clone(),
            app_id: None,
        },
    )
    .unwrap_err();
    let payload = err.payload();
    assert_eq!(payload.code, "connection.invalid_config");
    let fields: Vec<_> = payload.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["account_sid", "from_number"]);
    assert!(!payload.message.contains("tok-secret"));
    assert!(
        connections::list(&f.ws, &Default::default())
            .unwrap()
            .is_empty()
    );
}
