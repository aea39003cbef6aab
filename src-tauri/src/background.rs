//! What runs while the window is open: the sync scheduler, the tray icon with "Sync now" and
//! the last sync's status, and desktop notifications when a connection needs re-auth or a
//! token that cannot be refreshed expires soon.

use patchbay_core::Workspace;
use patchbay_core::background::{Scheduler, TICK};
use patchbay_core::oauth::engine::expiring_soon;
use patchbay_core::sync::SyncSummary;
use std::sync::Mutex;
use tauri::menu::{Menu, MenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_notification::NotificationExt;

use crate::{SYNC_FINISHED, SYNC_PROGRESS};
/// Warn this many days before a token that cannot be refreshed expires.
pub const WARN_DAYS: i64 = 7;

#[derive(Default)]
pub struct Background {
    scheduler: Mutex<Option<Scheduler>>,
    status_item: Mutex<Option<MenuItem<Wry>>>,
    /// "Sync a client": one item per tag in use.
    tags_menu: Mutex<Option<Submenu<Wry>>>,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Background")
    }
}

fn notify(app: &AppHandle, title: &str, body: &str) {
    let _ = app.notification().builder().title(title).body(body).show();
}

const TAG_ITEM: &str = "sync-tag:";

/// Rewrites the tray's "Sync a client" with the tags in use now.
pub fn refresh_tags(app: &AppHandle, ws: &Workspace) {
    let Some(menu) = app.try_state::<Background>().and_then(|b| {
        b.tags_menu
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }) else {
        return;
    };
    let tags = patchbay_core::connections::tags::in_use(ws).unwrap_or_default();
    if let Ok(items) = menu.items() {
        for item in items {
            let _ = menu.remove(&item);
        }
    }
    if tags.is_empty()
        && let Ok(none) = MenuItem::with_id(app, "no-tags", "No tags yet", false, None::<&str>)
    {
        let _ = menu.append(&none);
    }
    for t in tags {
        let label = format!("{} ({})", t.tag, t.connections);
        if let Ok(item) = MenuItem::with_id(
            app,
            format!("{TAG_ITEM}{}", t.tag),
            label,
            true,
            None::<&str>,
        ) {
            let _ = menu.append(&item);
        }
    }
}

/// Hands a command to the running scheduler, if there is one.
fn ask(app: &AppHandle, command: patchbay_core::background::Command) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let scheduler = app.try_state::<Background>().and_then(|b| {
            b.scheduler
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
                .map(Scheduler::sender)
        });
        if let Some(sender) = scheduler {
            let _ = sender.send(command).await;
        }
    });
}

fn report(app: &AppHandle, ws: &Workspace, summaries: Vec<SyncSummary>) {
    let failed = summaries
        .iter()
        .filter(|s| s.status != "ok" && s.status != "skipped")
        .count();
    let status = match (summaries.len(), failed) {
        (0, _) => "Last sync: nothing to sync".to_owned(),
        (n, 0) => format!(
            "Last sync: {n} account(s) OK at {}",
            chrono::Local::now().format("%H:%M")
        ),
        (_, f) => format!("Last sync: {f} account(s) need attention"),
    };
    if let Some(item) = app
        .state::<Background>()
        .status_item
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
    {
        let _ = item.set_text(&status);
    }
    for s in summaries.iter().filter(|s| s.status == "needs_reauth") {
        notify(
            app,
            &format!("{} needs reconnecting", s.name),
            s.errors
                .first()
                .map_or("Open Patchbay and press Reconnect.", String::as_str),
        );
    }
    if let Ok(expiring) = expiring_soon(ws, WARN_DAYS) {
        for e in expiring {
            notify(
                app,
                &format!("{}: token expires in {} day(s)", e.name, e.days_left),
                "This platform's tokens cannot be refreshed. Reconnect the account before it expires.",
            );
        }
    }
    refresh_tags(app, ws);
    let _ = app.emit(SYNC_FINISHED, summaries);
}

fn tray(app: &AppHandle) -> tauri::Result<(MenuItem<Wry>, Submenu<Wry>)> {
    let sync_now = MenuItem::with_id(app, "sync-now", "Sync now", true, None::<&str>)?;
    let tags = Submenu::with_id(app, "sync-tags", "Sync a client", true)?;
    let status = MenuItem::with_id(app, "status", "Last sync: not yet", false, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Patchbay", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&sync_now, &tags, &status, &open, &quit])?;
    let mut builder = TrayIconBuilder::with_id("patchbay")
        .tooltip("Patchbay")
        .menu(&menu);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder
        .on_menu_event(|app, event| match event.id.as_ref() {
            "sync-now" => ask(app, patchbay_core::background::Command::SyncNow(None)),
            id if id.starts_with(TAG_ITEM) => ask(
                app,
                patchbay_core::background::Command::SyncTag(id[TAG_ITEM.len()..].to_owned()),
            ),
            "open" => {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.show();
                    let _ = w.set_focus();
                }
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .build(app)?;
    Ok((status, tags))
}

/// Whether the tray icon is up (closing the window then hides it instead of quitting).
pub fn has_tray(app: &AppHandle) -> bool {
    app.try_state::<Background>().is_some_and(|b| {
        b.status_item
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    })
}

/// Asks the scheduler to sync one connection now (a connection syncs right after it connects).
pub fn sync_soon(app: &AppHandle, id: String) {
    ask(app, patchbay_core::background::Command::SyncNow(Some(id)));
}

/// Starts the tray and the scheduler. Neither is essential: a desktop without a tray area or a
/// notification service still gets a working window.
pub fn start(app: &AppHandle, ws: Option<Workspace>) {
    app.manage(Background::default());
    match tray(app) {
        Ok((item, tags)) => {
            let state = app.state::<Background>();
            *state.status_item.lock().unwrap_or_else(|p| p.into_inner()) = Some(item);
            *state.tags_menu.lock().unwrap_or_else(|p| p.into_inner()) = Some(tags);
        }
        Err(e) => eprintln!("patchbay: no tray icon ({e})"),
    }
    let Some(ws) = ws else { return };
    refresh_tags(app, &ws);
    let mut progress = ws.subscribe_progress();
    let forward = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match progress.recv().await {
                Ok(p) => {
                    let _ = forward.emit(SYNC_PROGRESS, p);
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let reporter = handle.clone();
        let ws_for_report = ws.clone();
        let scheduler = Scheduler::start(ws, TICK, move |summaries| {
            report(&reporter, &ws_for_report, summaries)
        });
        *handle
            .state::<Background>()
            .scheduler
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(scheduler);
    });
}
