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
        conn.send_event(false, window, EventMask::NO_EVENT, event)?
            .check()?;
    }
    // A round trip: the server has handled the events before this connection goes.
    conn.get_input_focus()?.reply()?;
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

/// Every window titled `title`: its id, the process that drew it and whether it is shown, for
/// a failure message.
pub fn describe(title: &str) -> String {
    let Ok((conn, root)) = connect() else {
        return "no X display".into();
    };
    let pid_atom = atom(&conn, "_NET_WM_PID").unwrap_or(0);
    let mut out = Vec::new();
    for window in windows(&conn, root, title).unwrap_or_default() {
        let pid = conn
            .get_property(false, window, pid_atom, AtomEnum::CARDINAL, 0, 1)
            .ok()
            .and_then(|c| c.reply().ok())
            .and_then(|r| r.value32().and_then(|mut v| v.next()));
        let state = conn
            .get_window_attributes(window)
            .ok()
            .and_then(|c| c.reply().ok())
            .map(|a| format!("{:?}", a.map_state));
        out.push(format!("window {window:#x} pid {pid:?} {state:?}"));
    }
    out.join("; ")
}

/// Answers the system dialog titled `title` as a user does with the keyboard: waits for it,
/// focuses it, replaces the text in its focused field with `text` and presses Enter. Typing
/// goes through the X server's XTEST input (`xdotool`), which GTK treats as real keys.
pub fn answer_dialog(title: &str, text: &str) -> Result<()> {
    focus(title)?;
    // `type` takes every argument after it as text, so Enter is a second command.
    xdotool(
        title,
        &[
            "key",
            "--clearmodifiers",
            "ctrl+a",
            "type",
            "--delay",
            "15",
            text,
        ],
    )?;
    xdotool(
        title,
        &["sleep", "0.3", "key", "--clearmodifiers", "Return"],
    )
}

/// Answers the system's folder picker titled `title` with `folder`, as a user does with the
/// keyboard: typing a path opens the picker's location field, Enter goes into that folder, and
/// Enter again chooses the folder shown.
pub fn answer_folder_dialog(title: &str, folder: &std::path::Path) -> Result<()> {
    let path = format!("{}/", folder.display());
    focus(title)?;
    // The first "/" opens the location field (keys typed while it appears can be lost), so
    // the whole path is typed again into it once it is there.
    xdotool(title, &["type", "/"])?;
    xdotool(
        title,
        &[
            "sleep",
            "0.8",
            "key",
            "--clearmodifiers",
            "ctrl+a",
            "type",
            "--delay",
            "15",
            &path,
        ],
    )?;
    xdotool(
        title,
        &["sleep", "0.5", "key", "--clearmodifiers", "Return"],
    )?;
    xdotool(
        title,
        &["sleep", "0.8", "key", "--clearmodifiers", "Return"],
    )
}

/// Waits for the dialog titled `title` to be shown and gives it the keyboard.
fn focus(title: &str) -> Result<()> {
    let name = format!("^{}$", regex_escape(title));
    let find = ["search", "--sync", "--onlyvisible", "--name", &name];
    xdotool(
        title,
        &[&find[..], &["windowfocus", "--sync", "sleep", "0.5"]].concat(),
    )
}

fn xdotool(title: &str, args: &[&str]) -> Result<()> {
    let status = std::process::Command::new("timeout")
        .arg("30")
        .arg("xdotool")
        .args(args)
        .status()
        .context("xdotool could not be started (scripts/deps.sh installs it)")?;
    anyhow::ensure!(
        status.success(),
        "the dialog titled {title:?} was not answered ({status})"
    );
    Ok(())
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\^$.|?*+()[]{}".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}
