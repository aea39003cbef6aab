//! Sync and the dashboards: sync now, the sync log, overviews, top posts and charts.

use crate::state::Shell;
use patchbay_core::ErrorPayload;
use patchbay_core::analytics::{self, Comparison, EngagementFormula, Overview, TopPost};
use patchbay_core::charts::{self, ChartKind, Theme};
use patchbay_core::store::sync_runs::SyncRun;
use patchbay_core::sync::{self, SyncSummary};
use tauri::State;

type Answer<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn sync_now(shell: State<'_, Shell>, id: Option<String>) -> Answer<Vec<SyncSummary>> {
    Ok(patchbay_core::background::sync_now(shell.workspace()?, id.as_deref()).await?)
}

/// Syncs a chosen group now: a multi-selection in Connections, or a tag's connections.
#[tauri::command]
pub async fn sync_group(shell: State<'_, Shell>, ids: Vec<String>) -> Answer<Vec<SyncSummary>> {
    Ok(patchbay_core::background::sync_group_now(shell.workspace()?, &ids).await?)
}

/// Creates, connects and syncs the sandbox sample accounts (the first-run "Try it" button).
#[tauri::command]
pub async fn try_sample_accounts(shell: State<'_, Shell>) -> Answer<Vec<SyncSummary>> {
    Ok(patchbay_core::samples::try_them(shell.workspace()?).await?)
}

/// The Overview's figures for a period: totals, per-platform subtotals and per-account rows
/// over `ids` (every account Patchbay syncs when empty).
#[tauri::command]
pub fn period_summary(
    shell: State<'_, Shell>,
    period: String,
    ids: Vec<String>,
) -> Answer<patchbay_core::analytics::report::ReportData> {
    Ok(patchbay_core::reports::data(
        shell.workspace()?,
        &period,
        &ids,
    )?)
}

#[tauri::command]
pub fn sync_log(shell: State<'_, Shell>, id: Option<String>, limit: i64) -> Answer<Vec<SyncRun>> {
    Ok(sync::log(shell.workspace()?, id.as_deref(), limit)?)
}

#[tauri::command]
pub fn account_overview(
    shell: State<'_, Shell>,
    id: String,
    days: i64,
    formula: EngagementFormula,
) -> Answer<Overview> {
    Ok(analytics::overview(
        shell.workspace()?.database(),
        &id,
        days,
        formula,
    )?)
}

/// The Overview's cards (figures and sparkline per account) in one call.
#[tauri::command]
pub fn account_cards(
    shell: State<'_, Shell>,
    ids: Vec<String>,
    days: i64,
    formula: EngagementFormula,
    theme: Theme,
) -> Answer<Vec<analytics::AccountCard>> {
    Ok(analytics::account_cards(
        shell.workspace()?.database(),
        &ids,
        days,
        formula,
        theme,
    )?)
}

#[tauri::command]
pub fn compare_accounts(shell: State<'_, Shell>, days: i64) -> Answer<Vec<Comparison>> {
    Ok(analytics::compare(shell.workspace()?.database(), days)?)
}

#[tauri::command]
pub fn top_posts(
    shell: State<'_, Shell>,
    id: String,
    days: i64,
    limit: i64,
) -> Answer<Vec<TopPost>> {
    Ok(patchbay_core::media::top_posts(
        shell.workspace()?,
        &id,
        days,
        limit,
    )?)
}

#[tauri::command]
pub fn chart(
    shell: State<'_, Shell>,
    kind: ChartKind,
    ids: Vec<String>,
    days: i64,
    theme: Theme,
    utc_offset: i32,
) -> Answer<String> {
    Ok(charts::render(
        shell.workspace()?.database(),
        kind,
        &ids,
        days,
        theme,
        utc_offset,
    )?
    .svg())
}

/// Insights from the stored history, for one connection or all.
#[tauri::command]
pub fn insights(
    shell: State<'_, Shell>,
    id: Option<String>,
    tag: Option<String>,
    days: i64,
    utc_offset: i32,
) -> Answer<patchbay_core::insights::Insights> {
    Ok(patchbay_core::insights::compute(
        shell.workspace()?,
        patchbay_core::insights::Scope::of(id.as_deref(), tag.as_deref()),
        days,
        utc_offset,
    )?)
}

/// Builds a report for `period` over `ids` (every account when empty) and saves it in the
/// exports folder as HTML, or PDF when `pdf`; answers its file name.
#[tauri::command]
pub fn save_report(
    shell: State<'_, Shell>,
    period: String,
    ids: Vec<String>,
    pdf: bool,
) -> Answer<String> {
    use patchbay_core::reports::{Format, save};
    let format = if pdf { Format::Pdf } else { Format::Html };
    Ok(save(shell.workspace()?, &period, &ids, format)?)
}

/// Saves a chart as SVG (or PNG) into `<data dir>/exports/charts/`; answers the file's path.
#[tauri::command]
pub fn save_chart(
    shell: State<'_, Shell>,
    kind: ChartKind,
    ids: Vec<String>,
    days: i64,
    theme: Theme,
    utc_offset: i32,
    png: bool,
) -> Answer<String> {
    let ws = shell.workspace()?;
    let path = patchbay_core::data::save_chart(ws, kind, &ids, days, theme, utc_offset, png)?;
    Ok(path.display().to_string())
}
