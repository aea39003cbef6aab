//! Engagement per post: one bar per post, oldest to newest.

use super::figure::{Anchor, Figure, message, ticks};
use super::{Theme, compact};
use crate::TopPost;

pub(crate) fn engagement_bars(posts: &[TopPost], theme: Theme, title: &str) -> Figure {
    let (w, h, left, right, top, bottom) = (720.0, 260.0, 56.0, 16.0, 28.0, 40.0);
    let mut posts: Vec<&TopPost> = posts
        .iter()
        .filter(|p| p.likes.is_some() || p.comments.is_some())
        .collect();
    if posts.is_empty() {
        return message(
            w,
            h,
            theme,
            title,
            "No posts with engagement in this period.",
        );
    }
    posts.sort_by(|a, b| a.posted_at.cmp(&b.posted_at));
    let value = |p: &TopPost| p.interactions() as f64;
    let hi = posts.iter().map(|p| value(p)).fold(0.0, f64::max).max(1.0);
    let pal = theme.palette();
    let mut fig = Figure::new(w, h, pal.background, title);
    fig.text(left, 18.0, title, pal.text, 13.0, Anchor::Start);
    let y = |v: f64| top + (1.0 - v / hi) * (h - top - bottom);
    for t in ticks(0.0, hi, 4) {
        fig.line((left, y(t)), (w - right, y(t)), pal.grid, 1.0);
        fig.text(
            left - 8.0,
            y(t) + 4.0,
            &compact(t),
            pal.muted,
            11.0,
            Anchor::End,
        );
    }
    let slot = (w - left - right) / posts.len() as f64;
    for (i, p) in posts.iter().enumerate() {
        let v = value(p);
        let label = format!(
            "{}: {} interactions",
            &p.posted_at[..10.min(p.posted_at.len())],
            compact(v)
        );
        fig.rect(
            left + i as f64 * slot + slot * 0.15,
            y(v),
            slot * 0.7,
            y(0.0) - y(v),
            pal.series[0],
            Some(label),
        );
    }
    let ends = [
        (left, posts[0], Anchor::Start),
        (w - right, posts[posts.len() - 1], Anchor::End),
    ];
    for (x, p, anchor) in ends {
        fig.text(
            x,
            h - 14.0,
            &p.posted_at[..10.min(p.posted_at.len())],
            pal.muted,
            11.0,
            anchor,
        );
    }
    fig
}
