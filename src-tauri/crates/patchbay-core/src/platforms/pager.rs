//! The one page loop every platform's posts go through: newest first, each page handed to the
//! sink as it arrives, stopping at the incremental boundary, after `MAX_PAGES`, or when the
//! platform offers a cursor it already gave (a repeated `nextPageToken` would otherwise be
//! followed until the page limit, re-fetching the same posts and spending the budget).
//! A walk can start at a stored cursor and says where the next one should start: history
//! longer than one sync's pages is fetched over several syncs (the backfill).

use super::{MAX_PAGES, Sink};
use crate::platforms::api::SyncError;
use chrono::{DateTime, Utc};
use patchbay_types::records::Post;
use std::collections::HashSet;
use std::hash::Hash;
use std::str::FromStr;

/// Where a walk starts (`from`: a cursor kept from an earlier sync, or the newest page) and
/// where the next walk should start (`left`): set when the walk stopped at the page limit, or at
/// the page whose fetch failed; None once the platform offered nothing older.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resume {
    pub from: Option<String>,
    pub left: Option<String>,
}

impl Resume {
    pub fn at(from: Option<String>) -> Self {
        Self { from, left: None }
    }
}

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

/// Fetches the page at `resume.from` (the newest when None), then follows each new cursor.
/// Returns how many pages were fetched; `resume.left` says where to go on next time.
pub(crate) async fn walk<C, F, Fut>(
    stop_before: Option<DateTime<Utc>>,
    resume: &mut Resume,
    sink: Sink<'_>,
    mut fetch: F,
) -> Result<usize, SyncError>
where
    C: Eq + Hash + Clone + ToString + FromStr,
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<C>, SyncError>>,
{
    let mut followed = Followed::default();
    let mut cursor: Option<C> = resume.from.as_deref().and_then(|c| c.parse().ok());
    let mut pages = 0;
    loop {
        // Should this fetch fail, the next walk starts again here.
        resume.left = cursor.as_ref().map(ToString::to_string);
        let page = fetch(cursor.take()).await?;
        pages += 1;
        let reached = stop_before.is_some_and(|b| page.posts.iter().any(|p| p.posted_at < b));
        sink(page.posts)?;
        match page.next {
            Some(next) if !reached && followed.is_new(&next) => {
                if pages >= MAX_PAGES {
                    resume.left = Some(next.to_string());
                    return Ok(pages);
                }
                cursor = Some(next);
            }
            _ => {
                resume.left = None;
                return Ok(pages);
            }
        }
    }
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
        let (pages, posts, _) = resume_run(stop_before, None, pages).await;
        (pages, posts)
    }

    async fn resume_run(
        stop_before: Option<DateTime<Utc>>,
        from: Option<&str>,
        pages: impl Fn(Option<u32>) -> Page<u32>,
    ) -> (usize, usize, Option<String>) {
        let mut resume = Resume::at(from.map(str::to_owned));
        let fetched = AtomicUsize::new(0);
        let mut received = 0;
        let mut sink = |posts: Vec<Post>| {
            received += posts.len();
            Ok(())
        };
        let walked = walk(stop_before, &mut resume, &mut sink, |cursor| {
            fetched.fetch_add(1, Ordering::SeqCst);
            let page = pages(cursor);
            async move { Ok(page) }
        })
        .await
        .expect("the walk succeeds");
        assert_eq!(walked, fetched.load(Ordering::SeqCst));
        (walked, received, resume.left)
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

    #[tokio::test]
    async fn a_walk_cut_at_the_page_limit_says_where_the_next_one_goes_on() {
        let endless = |cursor: Option<u32>| Page {
            posts: vec![post(100)],
            next: (cursor.unwrap_or(0) < 100).then_some(cursor.unwrap_or(0) + 1),
        };
        let (_, _, left) = resume_run(None, None, endless).await;
        assert_eq!(left.as_deref(), Some("60"), "page 60 was not fetched");
        // The next walk starts there and reaches the end of history.
        let (pages, _, left) = resume_run(None, Some("60"), endless).await;
        assert_eq!(
            (pages, left),
            (41, None),
            "pages 60 to 100, then nothing older"
        );
    }

    #[tokio::test]
    async fn a_failed_fetch_leaves_its_own_cursor_to_start_from() {
        let mut resume = Resume::default();
        let mut sink = |_: Vec<Post>| Ok(());
        let failed = walk(
            None,
            &mut resume,
            &mut sink,
            |cursor: Option<u32>| async move {
                match cursor {
                    Some(3) => Err(SyncError::new(
                        crate::error::ErrorCode::SyncRateLimited,
                        "429",
                    )),
                    n => Ok(Page {
                        posts: vec![post(100)],
                        next: Some(n.unwrap_or(0) + 1),
                    }),
                }
            },
        )
        .await;
        assert!(failed.is_err());
        assert_eq!(resume.left.as_deref(), Some("3"));
    }
}
