//! `report://localhost/<name>`: a saved report from `<data dir>/exports/`, for the Reports view's
//! preview. Only `report-*.html` files answer, with a policy that allows no request at all.

use crate::state::Shell;
use std::borrow::Cow;
use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, UriSchemeContext, Wry};

pub const SCHEME: &str = "report";

pub fn respond(
    ctx: UriSchemeContext<'_, Wry>,
    request: Request<Vec<u8>>,
) -> Response<Cow<'static, [u8]>> {
    let name = request.uri().path().trim_start_matches('/').to_owned();
    let safe = name.starts_with("report-")
        && name.ends_with(".html")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let found = ctx
        .app_handle()
        .state::<Shell>()
        .workspace()
        .ok()
        .filter(|_| safe)
        .and_then(|ws| std::fs::read(patchbay_core::exports::dir(ws).join(&name)).ok());
    let response = match found {
        Some(bytes) => Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .header(
                "Content-Security-Policy",
                "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
            )
            .body(Cow::Owned(bytes)),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Cow::Borrowed(&[][..])),
    };
    response.unwrap_or_else(|_| Response::new(Cow::Borrowed(&[][..])))
}
