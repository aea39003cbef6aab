//! `media://localhost/<name>`: the thumbnails Patchbay keeps, served to the window from the
//! data dir. Only stored images answer; anything else is a 404.

use crate::state::Shell;
use std::borrow::Cow;
use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, UriSchemeContext, Wry};

pub const SCHEME: &str = "media";

pub fn respond(
    ctx: UriSchemeContext<'_, Wry>,
    request: Request<Vec<u8>>,
) -> Response<Cow<'static, [u8]>> {
    let name = request.uri().path().trim_start_matches('/').to_owned();
    let found = ctx
        .app_handle()
        .state::<Shell>()
        .workspace()
        .ok()
        .and_then(|ws| patchbay_core::media::read(ws.data_dir(), &name));
    let response = match found {
        Some((bytes, kind)) => Response::builder()
            .header(header::CONTENT_TYPE, kind)
            .header(header::CACHE_CONTROL, "max-age=86400")
            .body(Cow::Owned(bytes)),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Cow::Borrowed(&[][..])),
    };
    response.unwrap_or_else(|_| Response::new(Cow::Borrowed(&[][..])))
}
