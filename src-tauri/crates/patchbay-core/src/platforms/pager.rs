//! The one page loop every platform's posts go through: newest first, each page handed to the
//! sink as it arrives, stopping at the incremental boundary, after `MAX_PAGES`, or when the
//! platform offers a cursor it already gave (a repeated `nextPageToken` would otherwise be
//! followed until the page limit, re-fetching the same posts and spending the budget).

use super::{MAX_PAGES, Sink};
use crate::platforms::api::SyncError;
use chrono::{DateTime, Utc};
use patchbay_types::records::Post;
use std::collections::HashSet;
use std::hash::Hash;

/// One page of posts and the cursor of the next, if the platform offers one.
#[derive(Debug)]
pub(crate) struct Page<C> {
    pub posts: Vec<Post>,
    pub next: Option<C>,
}

impl<C> Page<C> {
    /// A page after which there is nothing more to fetch.
    pub fn last(posts: Vec<Post>) -> Self {
        Self { posts, next: None }
    }
}

/// Fetches the first page (cursor `None`), then follows each new cursor. Returns how many pages
/// were fetched.
pub(crate) async fn walk<C, F, Fut>(
    stop_before: Option<DateTime<Utc>>,
    sink: Sink<'_>,
    mut fetch: F,
) -> Result<usize, SyncError>
where
    C: Eq + Hash + Clone,
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<C>, SyncError>>,
{
    let mut followed = Followed::default();
    let mut cursor = None;
    let mut pages = 0;
    while pages < MAX_PAGES {
        let page = fetch(cursor.take()).await?;
        pages += 1;
        let reached = stop_before.is_some_and(|b| page.posts.iter().any(|p| p.posted_at < b));
        sink(page.posts)?;
        match page.next {
            Some(next) if !reached && followed.is_new(&next) => cursor = Some(next),
            _ => break,
        }
    }
    Ok(pages)
}

/// The cursors already followed in one walk.
#[derive(Debug)]
pub(crate) struct Followed<C>(HashSet<C>);

impl<C> Default for Followed<C> {
    fn default() -> Self {
        Self(HashSet::new())
    }
}

impl<C: Eq + Hash + Clone> Followed<C> {
    /// True the first time a cursor is offered; false when the platform repeats one.
    pub fn is_new(&mut self, cursor: &C) -> bool {
        self.0.insert(cursor.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn post(day: i64) -> Post {
        Post {
            platform_id: format!("p{day}"),
            caption: None,
            media_type: None,
            media_url: None,
            thumbnail_url: None,
            permalink: None,
            posted_at: DateTime::from_timestamp(day * 86_400, 0).expect("a valid day"),
            metrics: Default::default(),
        }
    }

    async fn run(
        stop_before: Option<DateTime<Utc>>,
        pages: impl Fn(Option<u32>) -> Page<u32>,
    ) -> (usize, usize) {
        let fetched = AtomicUsize::new(0);
        let mut received = 0;
        let mut sink = |posts: Vec<Post>| {
            received += posts.len();
            Ok(())
        };
        let walked = walk(stop_before, &mut sink, |cursor| {
            fetched.fetch_add(1, Ordering::SeqCst);
            let page = pages(cursor);
            async move { Ok(page) }
        })
        .await
        .expect("the walk succeeds");
        assert_eq!(walked, fetched.load(Ordering::SeqCst));
        (walked, received)
    }

    #[tokio::test]
    async fn a_repeated_cursor_ends_the_walk_instead_of_looping_to_the_page_limit() {
        let (pages, posts) = run(None, |_| Page {
            posts: vec![post(100)],
            next: Some(7),
        })
        .await;
        assert_eq!(pages, 2, "the first page, then the page at cursor 7 once");
        assert_eq!(posts, 2);
    }

    #[tokio::test]
    async fn a_cursor_that_comes_back_later_in_the_walk_also_ends_it() {
        let (pages, _) = run(None, |cursor| Page {
            posts: vec![post(100)],
            next: Some(match cursor {
                None => 1,
                Some(1) => 2,
                Some(_) => 1,
            }),
        })
        .await;
        assert_eq!(pages, 3);
    }

    #[tokio::test]
    async fn the_walk_follows_new_cursors_until_the_platform_offers_none() {
        let (pages, posts) = run(None, |cursor| {
            let n = cursor.unwrap_or(0);
            Page {
                posts: vec![post(200 - i64::from(n))],
                next: (n < 4).then_some(n + 1),
            }
        })
        .await;
        assert_eq!((pages, posts), (5, 5));
    }

    #[tokio::test]
    async fn the_walk_stops_after_the_page_that_reaches_the_boundary() {
        let boundary = DateTime::from_timestamp(150 * 86_400, 0);
        let (pages, _) = run(boundary, |cursor| {
            let n = cursor.unwrap_or(0);
            Page {
                posts: vec![post(200 - 20 * i64::from(n))],
                next: Some(n + 1),
            }
        })
        .await;
        assert_eq!(
            pages, 4,
            "days 200, 180, 160, then 140 is before the boundary"
        );
    }

    #[tokio::test]
    async fn a_platform_that_always_offers_more_is_cut_at_the_page_limit() {
        let (pages, _) = run(None, |cursor| Page {
            posts: vec![post(100)],
            next: Some(cursor.unwrap_or(0) + 1),
        })
        .await;
        assert_eq!(pages, MAX_PAGES);
    }
}
