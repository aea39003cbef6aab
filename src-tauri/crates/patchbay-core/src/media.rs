//! Thumbnails kept on this machine. A platform's thumbnail links expire and need the network;
//! after each sync Patchbay downloads the ones it lacks (images only, size-capped, checked by
//! their bytes) into `<data dir>/media/`, named by a hash of the post, and the window shows them
//! from there. Export copies them; deleting a connection's data deletes them.

use crate::error::{Error, Result};
use crate::store::reads;
use crate::workspace::Workspace;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const DIR: &str = "media";
/// The most a thumbnail may weigh.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Thumbnails fetched per sync at most; the rest come with the next ones.
pub const PER_SYNC: usize = 200;

/// The file name of a post's thumbnail: 64 hex digits, nothing a path could escape with.
pub fn key(connection_id: &str, platform_id: &str) -> String {
    let digest = Sha256::digest(format!("{connection_id}/{platform_id}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_key(name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

pub fn path(data_dir: &Path, key: &str) -> PathBuf {
    data_dir.join(DIR).join(key)
}

/// The image type its first bytes show, if it is one Patchbay keeps.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("image/webp"),
        _ => None,
    }
}

/// A stored thumbnail and its type, for the window; None for anything else.
pub fn read(data_dir: &Path, key: &str) -> Option<(Vec<u8>, &'static str)> {
    if !is_key(key) {
        return None;
    }
    let bytes = std::fs::read(path(data_dir, key)).ok()?;
    let kind = image_type(&bytes)?;
    Some((bytes, kind))
}

/// Whether a post's thumbnail is stored.
pub fn has(data_dir: &Path, connection_id: &str, platform_id: &str) -> bool {
    path(data_dir, &key(connection_id, platform_id)).is_file()
}

/// The top posts of a connection, each with its stored thumbnail when there is one.
pub fn top_posts(
    ws: &Workspace,
    connection_id: &str,
    days: i64,
    limit: i64,
) -> Result<Vec<crate::analytics::TopPost>> {
    let mut posts = crate::analytics::top_posts(ws.database(), connection_id, days, limit)?;
    for post in &mut posts {
        let name = key(connection_id, &post.platform_id);
        if path(ws.data_dir(), &name).is_file() {
            post.thumbnail_file = Some(name);
        }
    }
    Ok(posts)
}

/// Only https, or http to this machine (a local emulator), is fetched.
fn allowed(link: &str) -> bool {
    match url::Url::parse(link) {
        Ok(u) if u.scheme() == "https" => true,
        Ok(u) if u.scheme() == "http" => {
            matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
        }
        _ => false,
    }
}

/// Downloads the thumbnails a connection lacks; answers how many were stored. A thumbnail that
/// cannot be fetched is skipped (the next sync tries again); it never fails the sync.
pub async fn fetch_missing(ws: &Workspace, connection_id: &str) -> Result<usize> {
    let wanted: Vec<(String, String)> = reads::thumbnails(&ws.database().lock(), connection_id)?
        .into_iter()
        .filter(|(post, link)| allowed(link) && !has(ws.data_dir(), connection_id, post))
        .take(PER_SYNC)
        .collect();
    if wanted.is_empty() {
        return Ok(0);
    }
    let dir = ws.data_dir().join(DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io {
        path: dir.clone(),
        action: "created",
        reason: e.to_string(),
    })?;
    let mut stored = 0;
    for (post, link) in wanted {
        match fetch(ws, &link).await {
            Some(bytes) => {
                write_private(&path(ws.data_dir(), &key(connection_id, &post)), &bytes)?;
                stored += 1;
            }
            None => tracing::debug!(connection = connection_id, post = %post, "thumbnail skipped"),
        }
    }
    Ok(stored)
}

async fn fetch(ws: &Workspace, link: &str) -> Option<Vec<u8>> {
    let response = ws.http().client().get(link).send().await.ok()?;
    if !response.status().is_success() {
        return None;
    }
    let declared = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if !declared.starts_with("image/") {
        return None;
    }
    let bytes = crate::http::read_body(response, MAX_BYTES).await.ok()?;
    image_type(&bytes).map(|_| bytes)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: path.to_owned(),
        action: "written",
        reason: e.to_string(),
    };
    let partial = path.with_extension("part");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(&partial).map_err(io)?, bytes).map_err(io)?;
    std::fs::rename(&partial, path).map_err(io)
}

/// Copies a connection's thumbnails into `<dir>/thumbnails/<post id>.<ext>`; answers how many.
pub fn export(ws: &Workspace, connection_id: &str, dir: &Path) -> Result<usize> {
    let target = dir.join("thumbnails");
    let mut copied = 0;
    for (post, _) in reads::thumbnails(&ws.database().lock(), connection_id)? {
        let Some((bytes, kind)) = read(ws.data_dir(), &key(connection_id, &post)) else {
            continue;
        };
        if copied == 0 {
            std::fs::create_dir_all(&target).map_err(|e| Error::Io {
                path: target.clone(),
                action: "created",
                reason: e.to_string(),
            })?;
        }
        let ext = kind.trim_start_matches("image/");
        let safe: String = post
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        write_private(&target.join(format!("{safe}.{ext}")), &bytes)?;
        copied += 1;
    }
    Ok(copied)
}

/// Deletes a connection's thumbnails (before its posts go, while their ids are known).
pub fn delete(ws: &Workspace, connection_id: &str) -> Result<()> {
    for (post, _) in reads::thumbnails(&ws.database().lock(), connection_id)? {
        let _ = std::fs::remove_file(path(ws.data_dir(), &key(connection_id, &post)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_fixed_length_hex_and_nothing_else_is_read() {
        let k = key("my-tiktok", "7301");
        assert!(is_key(&k), "{k}");
        assert!(!is_key("../patchbay.sqlite3"));
        assert!(read(Path::new("/"), "../../etc/passwd").is_none());
    }

    #[test]
    fn only_images_are_kept_by_their_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_type(b"<html>not an image"), None);
        assert!(allowed("https://cdn.example/x.jpg"));
        assert!(allowed("http://127.0.0.1:4510/__sandbox/media/a.png"));
        assert!(
            !allowed("http://cdn.example/x.jpg"),
            "plain http to another machine"
        );
        assert!(!allowed("file:///etc/passwd"));
    }
}
