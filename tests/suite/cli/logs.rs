//! What Patchbay did, readable the next morning, and a diagnostics bundle with no secret in it.

use patchbay_core::Workspace;
use patchbay_core::vault::{Secret, Vault};
use patchbay_tests::workspace::{TestWorkspace, text};

const PASSPHRASE: &str = "logs-test-passphrase";

#[test]
fn syncs_are_logged_and_the_diagnostics_bundle_holds_no_secret() {
    let ws = TestWorkspace::new();
    let demo = ws
        .cli()
        .env("PATCHBAY_VAULT_PASSPHRASE", PASSPHRASE)
        .args(["demo", "--json"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{:?}", text(&demo));

    let logs = ws.run(&["logs", "--lines", "500"]);
    let (log, _) = text(&logs);
    assert!(logs.status.success());
    assert!(
        log.contains("sync started") && log.contains("sync finished"),
        "{log}"
    );
    assert!(
        log.contains("connection="),
        "events name their connection: {log}"
    );

    let bundle = ws
        .cli()
        .env("PATCHBAY_VAULT_PASSPHRASE", PASSPHRASE)
        .arg("diagnostics")
        .output()
        .unwrap();
    assert!(bundle.status.success(), "{:?}", text(&bundle));
    let (bundle, _) = text(&bundle);
    assert!(
        bundle.contains("doctor:") && bundle.contains("recent log:"),
        "{bundle}"
    );
    assert!(bundle.contains(patchbay_core::VERSION));

    // Every secret the demo stored (tokens, client secrets) is planted in the vault: none of
    // them, nor any long piece of one, may be in the log or the bundle.
    let workspace = Workspace::open(&ws.data_dir()).unwrap();
    let vault = Vault::unlock(
        workspace.database(),
        workspace.id(),
        Some(Secret::new(PASSPHRASE)),
    )
    .unwrap();
    let sql = workspace.database().lock();
    let mut planted = 0;
    for c in patchbay_core::store::connections::list(&sql, None, None).unwrap() {
        for field in patchbay_core::store::secrets::fields(&sql, &c.id).unwrap() {
            let secret = vault.get(&sql, &c.id, &field).unwrap().unwrap();
            let value = secret.expose();
            planted += 1;
            for piece in [value, &value[value.len().saturating_sub(12)..]] {
                assert!(
                    !bundle.contains(piece),
                    "{field} of {} is in the bundle",
                    c.id
                );
                assert!(!log.contains(piece), "{field} of {} is in the log", c.id);
            }
        }
    }
    assert!(planted >= 12, "only {planted} secrets were checked");
}
