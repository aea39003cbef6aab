//! Offline review: thumbnails are downloaded once into the data dir (images only), shown from
//! there, exported with the data and deleted with it.

use crate::oauth::{connect, fixture, sandbox_connection};
use patchbay_core::sync::sync_connection;
use patchbay_core::{data, media};

fn db(ws: &patchbay_core::Workspace) -> rusqlite::Connection {
    patchbay_tests::workspace::sqlite(ws.data_dir())
}

#[tokio::test]
async fn thumbnails_are_kept_locally_exported_and_deleted_with_the_data() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    sync_connection(&f.ws, &c.id).await.unwrap();
    let posts: i64 = db(&f.ws)
        .query_row(
            "SELECT count(*) FROM posts WHERE connection_id = ?1",
            [&c.id],
            |r| r.get(0),
        )
        .unwrap();
    let dir = f.ws.data_dir().join(media::DIR);
    let stored: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(stored.len() as i64, posts, "one thumbnail per post");
    for file in &stored {
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(media::image_type(&bytes), Some("image/png"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(file).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
    let top = media::top_posts(&f.ws, &c.id, 36_500, 5).unwrap();
    assert!(
        top.iter().all(|p| p.thumbnail_file.is_some()),
        "the window gets local names"
    );
    let name = top[0].thumbnail_file.clone().unwrap();
    assert!(media::read(f.ws.data_dir(), &name).is_some());

    let out = tempfile::tempdir().unwrap();
    data::export_to(&f.ws, &c.id, out.path()).unwrap();
    let exported = std::fs::read_dir(out.path().join("thumbnails"))
        .unwrap()
        .count() as i64;
    assert_eq!(exported, posts, "the export carries the thumbnails");

    data::delete(&f.ws, &c.id).unwrap();
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "deleting the data deletes them"
    );
}

#[tokio::test]
async fn only_images_are_stored_and_a_failed_one_is_tried_again_later() {
    let f = fixture();
    let c = sandbox_connection(&f.ws, "tiktok");
    connect(&f.ws, &c.id).await.unwrap();
    sync_connection(&f.ws, &c.id).await.unwrap();
    let base = f.ws.sandbox_url().unwrap();
    let dir = f.ws.data_dir().join(media::DIR);
    std::fs::remove_dir_all(&dir).unwrap();
    // One post's link answers JSON, another a 404, another sits on a plain-http remote host.
    let links = [
        format!("{base}/__sandbox/clock"),
        format!("{base}/__sandbox/media/missing.txt"),
        "http://cdn.example.com/x.jpg".to_owned(),
    ];
    let ids: Vec<String> = db(&f.ws)
        .prepare("SELECT platform_id FROM posts WHERE connection_id = ?1 LIMIT 3")
        .unwrap()
        .query_map([&c.id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, link) in ids.iter().zip(&links) {
        db(&f.ws)
            .execute(
                "UPDATE posts SET thumbnail_url = ?1 WHERE connection_id = ?2 AND platform_id = ?3",
                [link, &c.id, id],
            )
            .unwrap();
    }
    let posts: i64 = db(&f.ws)
        .query_row(
            "SELECT count(*) FROM posts WHERE connection_id = ?1",
            [&c.id],
            |r| r.get(0),
        )
        .unwrap();
    let stored = media::fetch_missing(&f.ws, &c.id).await.unwrap();
    assert_eq!(
        stored as i64,
        posts - 3,
        "everything but the three that are not images"
    );
    for id in &ids {
        assert!(
            !media::has(f.ws.data_dir(), &c.id, id),
            "{id} was not stored"
        );
    }
}
