//! Connecting from the window: the core starts the flow; the shell opens the browser, waits in
//! the background, and reports the outcome to the window as one typed event.

use crate::OAUTH_FINISHED;
use patchbay_core::connections::ConnectionView;
use patchbay_core::oauth::{self, AuthorizeRequest, Finished};
use patchbay_core::registry::manifest::RedirectStyle;
use patchbay_core::{Error, ErrorPayload, Workspace};
use std::time::Duration;
use tauri::{AppHandle, Emitter};
use tauri_plugin_opener::OpenerExt;

const WAIT: Duration = Duration::from_secs(600);

fn report(app: &AppHandle, result: Result<ConnectionView, Error>) {
    // A newer sign-in took over: that one reports; this one ends quietly.
    if matches!(result, Err(Error::OAuthSuperseded)) {
        return;
    }
    if let Ok(view) = &result {
        crate::background::sync_soon(app, view.id.clone());
    }
    let _ = app.emit(OAUTH_FINISHED, Finished::from(result));
}

/// Starts a flow and returns the URL the browser was sent to.
pub async fn start(
    app: AppHandle,
    ws: Workspace,
    id: String,
    style: Option<RedirectStyle>,
) -> Result<AuthorizeRequest, ErrorPayload> {
    let started = oauth::start(&ws, &id, style, None, None).await?;
    let request = started.request.clone();
    if std::env::var_os("PATCHBAY_NO_BROWSER").is_none() {
        let _ = app.opener().open_url(&request.url, None::<&str>);
    }
    if let Some(listener) = started.listener {
        let state = request.state.clone();
        tauri::async_runtime::spawn(async move {
            let result = oauth::finish_loopback(&ws, listener, &state, WAIT, false).await;
            report(&app, result);
        });
    }
    Ok(request)
}

/// A connection finished from the window (a pasted address, a confirmed replacement): it
/// syncs at once, as after any sign-in.
pub fn connected(app: &AppHandle, view: ConnectionView) -> ConnectionView {
    crate::background::sync_soon(app, view.id.clone());
    view
}

/// A `patchbay://oauth/callback` link the OS handed to the app (directly, or forwarded by a
/// second instance).
pub fn on_deep_link(app: &AppHandle, ws: Workspace, url: String) {
    if oauth::callback::parse_deep_link(&url).is_none() {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let result = oauth::complete(&ws, &url, false).await;
        report(&app, result);
    });
}
