//! The registry against its manifests: every bundled one, a corpus of broken ones, and user
//! manifests in a data directory.

#![allow(clippy::unwrap_used)]
use patchbay_registry::{
    self as registry, Category, ConnectorFilter, Registry, Status, config_schema,
};
use std::path::{Path, PathBuf};

fn manifests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/manifests")
}

#[test]
fn every_bundled_manifest_loads_without_problems() {
    let registry = Registry::bundled();
    assert!(registry.problems().is_empty(), "{:#?}", registry.problems());
    assert_eq!(registry.len(), 23);
}

#[test]
fn bundled_connectors_cover_every_platform_patchbay_promises() {
    let registry = Registry::bundled();
    for id in [
        "gmail",
        "twilio-sms",
        "twilio-whatsapp",
        "reddit",
        "instagram",
        "facebook-pages",
        "x",
        "youtube",
        "tiktok",
        "google-ads",
        "shopify",
        "stripe",
        "slack",
        "discord",
        "linkedin",
        "notion",
        "trello",
        "asana",
        "hubspot",
        "google-sheets",
        "smtp",
        "http",
    ] {
        assert!(registry.get(id).is_ok(), "{id} is missing");
    }
}

#[test]
fn every_config_schema_is_valid_draft_2020_12_json_schema() {
    let registry = Registry::bundled();
    for summary in registry.list(&ConnectorFilter::default()) {
        let schema = config_schema(registry.get(&summary.id).unwrap());
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{}: invalid schema: {e}", summary.id);
        }
        let secrets = registry
            .get(&summary.id)
            .unwrap()
            .config
            .iter()
            .filter(|f| f.kind == registry::manifest::FieldKind::Secret);
        for field in secrets {
            let prop = &schema["properties"][&field.name];
            assert_eq!(prop["writeOnly"], true, "{}.{}", summary.id, field.name);
            assert_eq!(prop["format"], "password", "{}.{}", summary.id, field.name);
        }
    }
}

#[test]
fn every_broken_manifest_gives_its_expected_precise_problem() {
    let dir = manifests_dir().join("broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus has {} files", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let expect = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("# expect-{key}: ")))
                .unwrap_or_else(|| panic!("{} has no expect-{key} line", file.display()))
                .to_owned()
        };
        let (path, reason) = (expect("path"), expect("reason"));
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let problems = registry::check_manifest(&name, &text)
            .expect_err(&format!("{name} should be rejected"));
        assert!(
            problems
                .iter()
                .any(|p| p.file == name && p.path == path && p.reason.contains(&reason)),
            "{name}: expected `{path}: …{reason}…`, got {problems:#?}"
        );
    }
}

#[test]
fn the_valid_example_passes_so_the_corpus_breaks_one_thing_each() {
    let text = std::fs::read_to_string(manifests_dir().join("valid-acme.toml")).unwrap();
    registry::check_manifest("valid-acme.toml", &text).unwrap();
}

fn data_dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("connectors");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    tmp
}

#[test]
fn user_manifests_load_beside_the_bundled_ones_and_bad_ones_are_skipped() {
    let valid = std::fs::read_to_string(manifests_dir().join("valid-acme.toml")).unwrap();
    let broken =
        std::fs::read_to_string(manifests_dir().join("broken/unknown-category.toml")).unwrap();
    let tmp = data_dir_with(&[
        ("acme.toml", &valid),
        ("bad.toml", &broken),
        ("notes.txt", "ignored"),
    ]);
    let registry = Registry::load(tmp.path());
    assert_eq!(registry.len(), 24);
    assert_eq!(registry.get("acme-crm").unwrap().name, "Acme CRM");
    assert_eq!(registry.source("acme-crm"), Some(registry::Source::User));
    let problems = registry.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].file.ends_with("bad.toml"));
    assert_eq!(problems[0].path, "category");
}

#[test]
fn a_user_manifest_never_replaces_a_bundled_connector() {
    let valid = std::fs::read_to_string(manifests_dir().join("valid-acme.toml")).unwrap();
    let impostor = valid.replace("id = \"acme-crm\"", "id = \"slack\"");
    let tmp = data_dir_with(&[("slack.toml", &impostor)]);
    let registry = Registry::load(tmp.path());
    assert_eq!(registry.get("slack").unwrap().name, "Slack");
    let problem = &registry.problems()[0];
    assert_eq!(problem.path, "id");
    assert!(
        problem
            .reason
            .contains("already used by a bundled connector"),
        "{problem}"
    );
}

#[test]
fn duplicate_user_ids_are_rejected() {
    let valid = std::fs::read_to_string(manifests_dir().join("valid-acme.toml")).unwrap();
    let tmp = data_dir_with(&[("a.toml", &valid), ("b.toml", &valid)]);
    let registry = Registry::load(tmp.path());
    assert_eq!(registry.len(), 24);
    let problem = &registry.problems()[0];
    assert!(problem.file.ends_with("b.toml"));
    assert!(
        problem
            .reason
            .contains("already used by another user manifest"),
        "{problem}"
    );
}

#[test]
fn filters_combine_and_search_covers_name_summary_and_tags() {
    let registry = Registry::bundled();
    let social = registry.list(&ConnectorFilter {
        category: Some(Category::Social),
        ..Default::default()
    });
    let ids: Vec<_> = social.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "facebook-pages",
            "instagram",
            "linkedin",
            "reddit",
            "tiktok",
            "x",
            "youtube"
        ]
    );

    let soon = registry.list(&ConnectorFilter {
        status: Some(Status::ComingSoon),
        ..Default::default()
    });
    assert!(soon.iter().all(|c| c.status == Status::ComingSoon) && !soon.is_empty());

    let oauth_social = registry.list(&ConnectorFilter {
        category: Some(Category::Social),
        auth: Some("oauth2".into()),
        capability: Some("read_insights".into()),
        ..Default::default()
    });
    let ids: Vec<_> = oauth_social.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["facebook-pages", "instagram", "youtube"]);

    let by_tag = registry.list(&ConnectorFilter {
        search: Some("KANBAN".into()),
        ..Default::default()
    });
    assert_eq!(by_tag.len(), 1);
    assert_eq!(by_tag[0].id, "trello");
    let by_words = registry.list(&ConnectorFilter {
        search: Some("send whatsapp".into()),
        ..Default::default()
    });
    assert_eq!(
        by_words.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["twilio-whatsapp"]
    );
}

#[test]
fn config_validation_names_each_bad_field_and_never_echoes_a_value() {
    let registry = Registry::bundled();
    let smtp = registry.get("smtp").unwrap();
    let config = serde_json::json!({
        "host": "mail.example.com",
        "port": "five-eight-seven",
        "security": "ssl-please",
        "password": "hunter2-very-secret",
        "from_address": "not-an-email",
        "colour": "blue"
    });
    let errors = registry::validate_config(smtp, &config).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["colour", "from_address", "port", "security", "username"],
        "{errors:#?}"
    );
    let message = |f: &str| &errors.iter().find(|e| e.field == f).unwrap().message;
    assert_eq!(message("username"), "Username is required.");
    assert_eq!(
        message("from_address"),
        "From address must be a valid email address."
    );
    assert_eq!(message("port"), "Port has the wrong type.");
    assert!(message("colour").contains("not a setting of SMTP"));
    for e in &errors {
        assert!(!e.message.contains("hunter2"), "{e:?}");
    }
}

#[test]
fn config_validation_applies_patterns_and_accepts_a_good_config() {
    let registry = Registry::bundled();
    let slack = registry.get("slack").unwrap();
    let errors = registry::validate_config(
        slack,
        &serde_json::json!({"bot_token": concat!("xo", "xp-user-token")}),
    )
    .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "bot_token");
    assert!(
        errors[0].message.starts_with("Bot token must match"),
        "{:?}",
        errors[0]
    );
    assert!(!errors[0].message.contains(concat!("xo", "xp-user-token")));
    let empty =
        registry::validate_config(slack, &serde_json::json!({"bot_token": ""})).unwrap_err();
    assert_eq!(empty[0].field, "bot_token");
    registry::validate_config(
        slack,
        &serde_json::json!({"bot_token": concat!("xo", "xb-123-456-abc")}),
    )
    .unwrap();
}

#[test]
fn rate_limit_windows_parse_to_seconds() {
    assert_eq!(registry::window_seconds("1s"), Some(1));
    assert_eq!(registry::window_seconds("15m"), Some(900));
    assert_eq!(registry::window_seconds("24h"), Some(86_400));
    assert_eq!(registry::window_seconds("1d"), Some(86_400));
    for bad in ["", "m", "0m", "01m", "1w", "1.5h", "-1s"] {
        assert_eq!(registry::window_seconds(bad), None, "{bad}");
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_a_device_or_a_huge_file_named_toml_is_refused_without_hanging() {
    let valid = std::fs::read_to_string(manifests_dir().join("valid-acme.toml")).unwrap();
    let tmp = data_dir_with(&[("acme.toml", &valid)]);
    let dir = tmp.path().join("connectors");
    let fifo = dir.join("pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).unwrap();
    std::fs::write(dir.join("huge.toml"), vec![b'#'; 60 * 1024 * 1024]).unwrap();

    // Loading would block forever on the pipe, or read /dev/zero until memory runs out.
    let (done, wait) = std::sync::mpsc::channel();
    let data = tmp.path().to_path_buf();
    std::thread::spawn(move || done.send(Registry::load(&data)).unwrap());
    let registry = wait
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the registry loads without blocking");
    assert_eq!(
        registry.source("acme-crm"),
        Some(registry::Source::User),
        "the good manifest still loads"
    );
    for name in ["pipe.toml", "zero.toml", "huge.toml"] {
        let problem = registry
            .problems()
            .iter()
            .find(|p| p.file.ends_with(name))
            .unwrap_or_else(|| panic!("{name} is reported"));
        assert!(
            problem.reason.contains("regular file") || problem.reason.contains("at most"),
            "{name}: {}",
            problem.reason
        );
    }
}
