//! TypeScript declarations for every type the UI receives, generated from the Rust types with
//! ts-rs. The generated files are committed under `ui/src/bindings/`; a test fails when they
//! drift, and `make bindings` rewrites them.

use crate::connections as c;
use crate::registry::{self, manifest as m};
use ts_rs::{Config, TS};

/// One generated file: its name under `ui/src/bindings/` and its content.
#[derive(Debug)]
pub struct Binding {
    pub file: String,
    pub content: String,
}

fn binding<T: TS + 'static + ?Sized>(cfg: &Config) -> Binding {
    Binding {
        file: format!("{}.ts", T::ident(cfg)),
        content: T::export_to_string(cfg).expect("every exported type renders to TypeScript"),
    }
}

/// Every binding the UI imports.
pub fn all() -> Vec<Binding> {
    let cfg = Config::default();
    vec![
        binding::<crate::ErrorPayload>(&cfg),
        binding::<crate::error::ErrorCode>(&cfg),
        binding::<crate::AppInfo>(&cfg),
        binding::<crate::doctor::Check>(&cfg),
        binding::<crate::doctor::DoctorReport>(&cfg),
        binding::<registry::ConnectorSummary>(&cfg),
        binding::<registry::ConnectorFilter>(&cfg),
        binding::<registry::Source>(&cfg),
        binding::<registry::ManifestProblem>(&cfg),
        binding::<registry::FieldError>(&cfg),
        binding::<m::Manifest>(&cfg),
        binding::<m::Category>(&cfg),
        binding::<m::Status>(&cfg),
        binding::<m::Auth>(&cfg),
        binding::<m::OAuth2>(&cfg),
        binding::<m::Pkce>(&cfg),
        binding::<m::TokenAuth>(&cfg),
        binding::<m::RedirectStyle>(&cfg),
        binding::<crate::oauth::Route>(&cfg),
        binding::<crate::apps::AppView>(&cfg),
        binding::<crate::actions::ActionView>(&cfg),
        binding::<crate::store::action_log::ActionCall>(&cfg),
        binding::<crate::sandbox::OutboxItem>(&cfg),
        binding::<crate::store::stream_records::StreamRecord>(&cfg),
        binding::<crate::workflows::WorkflowView>(&cfg),
        binding::<crate::insights::Insights>(&cfg),
        binding::<crate::analytics::insights::Insight>(&cfg),
        binding::<crate::analytics::insights::Evidence>(&cfg),
        binding::<crate::workflows::RunView>(&cfg),
        binding::<crate::store::workflows::RunRow>(&cfg),
        binding::<crate::store::workflows::StepRow>(&cfg),
        binding::<crate::apps::NewApp>(&cfg),
        binding::<crate::apps::AppPatch>(&cfg),
        binding::<crate::sync::SyncSummary>(&cfg),
        binding::<crate::sync::schedule::ScheduleView>(&cfg),
        binding::<crate::sync::progress::Progress>(&cfg),
        binding::<crate::sync::progress::Stage>(&cfg),
        binding::<crate::store::sync_runs::SyncRun>(&cfg),
        binding::<crate::analytics::Overview>(&cfg),
        binding::<crate::analytics::EngagementFormula>(&cfg),
        binding::<crate::analytics::TopPost>(&cfg),
        binding::<crate::analytics::Comparison>(&cfg),
        binding::<crate::analytics::TrendPoint>(&cfg),
        binding::<crate::analytics::Heatmap>(&cfg),
        binding::<crate::charts::ChartKind>(&cfg),
        binding::<crate::charts::Theme>(&cfg),
        binding::<crate::preferences::Preferences>(&cfg),
        binding::<crate::preferences::VaultStatus>(&cfg),
        binding::<crate::preferences::Appearance>(&cfg),
        binding::<crate::oauth::engine::Expiring>(&cfg),
        binding::<m::ApiKey>(&cfg),
        binding::<m::KeyLocation>(&cfg),
        binding::<m::Basic>(&cfg),
        binding::<m::BotToken>(&cfg),
        binding::<m::Smtp>(&cfg),
        binding::<m::ConfigField>(&cfg),
        binding::<m::FieldKind>(&cfg),
        binding::<m::SetupStep>(&cfg),
        binding::<m::Api>(&cfg),
        binding::<m::Verify>(&cfg),
        binding::<m::SuccessRule>(&cfg),
        binding::<m::Identity>(&cfg),
        binding::<m::RateLimit>(&cfg),
        binding::<m::RateUnit>(&cfg),
        binding::<m::Action>(&cfg),
        binding::<m::ActionRequest>(&cfg),
        binding::<m::Encoding>(&cfg),
        binding::<m::Repeat>(&cfg),
        binding::<m::Stream>(&cfg),
        binding::<m::RecordStream>(&cfg),
        binding::<m::Paging>(&cfg),
        binding::<m::Since>(&cfg),
        binding::<c::Connection>(&cfg),
        binding::<c::ConnectionView>(&cfg),
        binding::<c::Mode>(&cfg),
        binding::<c::ConnectionStatus>(&cfg),
        binding::<c::Overrides>(&cfg),
        binding::<c::NewConnection>(&cfg),
        binding::<c::ConnectionPatch>(&cfg),
        binding::<c::ConnectionFilter>(&cfg),
        binding::<c::verify::VerifyReport>(&cfg),
        binding::<c::verify::VerifyOutcome>(&cfg),
        binding::<crate::oauth::AuthorizeRequest>(&cfg),
        binding::<crate::oauth::Finished>(&cfg),
        binding::<c::tags::TagCount>(&cfg),
        binding::<crate::analytics::report::ReportData>(&cfg),
        binding::<crate::analytics::AccountCard>(&cfg),
        binding::<crate::analytics::report::Period>(&cfg),
        binding::<crate::analytics::report::Totals>(&cfg),
        binding::<crate::analytics::report::Account>(&cfg),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn bindings_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/bindings")
    }

    #[test]
    fn every_import_in_a_binding_is_itself_a_binding() {
        let files: Vec<String> = all().into_iter().map(|b| b.file).collect();
        for b in all() {
            for line in b.content.lines().filter(|l| l.starts_with("import type")) {
                let target = line
                    .split('"')
                    .nth(1)
                    .and_then(|p| p.strip_prefix("./"))
                    .map(|name| format!("{name}.ts"))
                    .unwrap_or_default();
                assert!(
                    files.contains(&target),
                    "{} imports {target}, which is not exported",
                    b.file
                );
            }
        }
    }

    /// Set PATCHBAY_UPDATE_BINDINGS=1 (as `make bindings` does) to rewrite the files instead.
    #[test]
    fn committed_ui_bindings_match_the_rust_types() {
        let dir = bindings_dir();
        let update = std::env::var_os("PATCHBAY_UPDATE_BINDINGS").is_some();
        if update {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let mut drifted = Vec::new();
        for b in all() {
            let path = dir.join(&b.file);
            if update {
                std::fs::write(&path, &b.content).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(b.content.as_str()) {
                drifted.push(b.file);
            }
        }
        assert!(
            drifted.is_empty(),
            "ui/src/bindings is out of date for {drifted:?}: run `make bindings` and commit the result"
        );
    }
}
