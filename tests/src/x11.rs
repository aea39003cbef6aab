//! What a window manager does to the app's window, done over the X display the tests run on:
//! find it by title, ask it to close (WM_DELETE_WINDOW, as a title bar's close button does), and
//! tell whether it is shown.

use anyhow::{Context, Result};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState, Window,
};
use x11rb::rust_connection::RustConnection;

fn connect() -> Result<(RustConnection, Window)> {
    let (conn, screen) = x11rb::connect(None).context("no X display")?;
    let root = conn.setup().roots[screen].root;
    Ok((conn, root))
}

fn atom(conn: &RustConnection, name: &str) -> Result<u32> {
    Ok(conn.intern_atom(false, name.as_bytes())?.reply()?.atom)
}

/// The top-level windows whose title is `title` (WM_NAME).
fn windows(conn: &RustConnection, root: Window, title: &str) -> Result<Vec<Window>> {
    let mut found = Vec::new();
    for child in conn.query_tree(root)?.reply()?.children {
        let name = conn
            .get_property(false, child, AtomEnum::WM_NAME, AtomEnum::STRING, 0, 256)?
            .reply()?
            .value;
        if name == title.as_bytes() {
            found.push(child);
        }
    }
    Ok(found)
}

/// Asks every window titled `title` to close, as the window manager's close button does.
pub fn request_close(title: &str) -> Result<usize> {
    let (conn, root) = connect()?;
    let protocols = atom(&conn, "WM_PROTOCOLS")?;
    let delete = atom(&conn, "WM_DELETE_WINDOW")?;
    let targets = windows(&conn, root, title)?;
    for &window in &targets {
        let event = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        conn.send_event(false, window, EventMask::NO_EVENT, event)?;
    }
    conn.flush()?;
    Ok(targets.len())
}

/// Whether any window titled `title` is shown on the screen.
pub fn shown(title: &str) -> Result<bool> {
    let (conn, root) = connect()?;
    for window in windows(&conn, root, title)? {
        if conn.get_window_attributes(window)?.reply()?.map_state == MapState::VIEWABLE {
            return Ok(true);
        }
    }
    Ok(false)
}
