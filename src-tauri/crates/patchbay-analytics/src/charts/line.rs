//! Follower trends (a line per account) and card sparklines.

use super::figure::{Anchor, Figure, message, ticks};
use super::{Theme, compact};
use crate::TrendPoint;
use chrono::NaiveDate;

/// One account's curve.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub points: Vec<TrendPoint>,
}

const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

fn day(p: &TrendPoint) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&p.day, "%Y-%m-%d").ok()
}

pub(crate) fn follower_trend(series: &[Series], theme: Theme, title: &str) -> Figure {
    let points: Vec<(NaiveDate, f64)> = series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| day(p).map(|d| (d, p.value))))
        .collect();
    let days: std::collections::BTreeSet<NaiveDate> = points.iter().map(|(d, _)| *d).collect();
    if days.len() < 2 {
        return message(
            W,
            H,
            theme,
            title,
            "Not enough history yet: the curve starts after a second day of syncing.",
        );
    }
    let p = theme.palette();
    let (first, last) = (
        *days.iter().next().unwrap_or(&NaiveDate::MIN),
        *days.iter().last().unwrap_or(&NaiveDate::MIN),
    );
    let span = (last - first).num_days().max(1) as f64;
    let lo = points.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|(_, v)| *v)
        .fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if hi - lo < 1.0 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05)
    };
    let x = |d: NaiveDate| LEFT + (d - first).num_days() as f64 / span * (W - LEFT - RIGHT);
    let y = |v: f64| TOP + (1.0 - (v - lo) / (hi - lo)) * (H - TOP - BOTTOM);
    let mut fig = Figure::new(W, H, p.background, title);
    fig.text(LEFT, 18.0, title, p.text, 13.0, Anchor::Start);
    for t in ticks(lo, hi, 4) {
        fig.line((LEFT, y(t)), (W - RIGHT, y(t)), p.grid, 1.0);
        fig.text(
            LEFT - 8.0,
            y(t) + 4.0,
            &compact(t),
            p.muted,
            11.0,
            Anchor::End,
        );
    }
    for d in [
        first,
        first + chrono::Duration::days((span / 2.0) as i64),
        last,
    ] {
        // The first and last labels sit inside the frame instead of centred past its edges.
        let anchor = if d == first {
            Anchor::Start
        } else if d == last {
            Anchor::End
        } else {
            Anchor::Middle
        };
        fig.text(
            x(d),
            H - 14.0,
            &d.format("%b %-d").to_string(),
            p.muted,
            11.0,
            anchor,
        );
    }
    for (i, s) in series.iter().enumerate() {
        let color = p.series[i % p.series.len()];
        let pts: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter_map(|pt| day(pt).map(|d| (x(d), y(pt.value))))
            .collect();
        for pt in &s.points {
            if let Some(d) = day(pt) {
                let name = if series.len() > 1 {
                    format!("{}, ", s.label)
                } else {
                    String::new()
                };
                fig.point(
                    x(d),
                    y(pt.value),
                    format!(
                        "{name}{}: {} followers",
                        d.format("%b %-d, %Y"),
                        super::grouped(pt.value)
                    ),
                );
            }
        }
        let last_value = s.points.last().map_or(0.0, |pt| pt.value);
        fig.path(
            pts,
            color,
            2.0,
            format!(
                "{}: {} followers on the last day",
                s.label,
                compact(last_value)
            ),
        );
        if series.len() > 1 {
            fig.rect(
                W - RIGHT - 150.0,
                TOP + i as f64 * 16.0,
                10.0,
                10.0,
                color,
                None,
            );
            fig.text(
                W - RIGHT - 134.0,
                TOP + 9.0 + i as f64 * 16.0,
                &s.label,
                p.text,
                11.0,
                Anchor::Start,
            );
        }
    }
    fig
}

/// A 120×32 line without axes, for cards.
pub(crate) fn sparkline(points: &[TrendPoint], theme: Theme) -> Figure {
    let (w, h) = (120.0, 32.0);
    if points.len() < 2 {
        let mut fig = message(w, h, theme, "trend", "—");
        fig.fluid = false;
        return fig;
    }
    let p = theme.palette();
    let lo = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max);
    let range = if hi - lo < 1e-9 { 1.0 } else { hi - lo };
    let n = (points.len() - 1) as f64;
    let pts: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, pt)| {
            (
                2.0 + i as f64 / n * (w - 4.0),
                2.0 + (1.0 - (pt.value - lo) / range) * (h - 4.0),
            )
        })
        .collect();
    let mut fig = Figure::new(w, h, p.background, "trend");
    fig.fluid = false;
    let (first, last) = (points[0].value, points[points.len() - 1].value);
    fig.path(
        pts,
        p.series[0],
        1.5,
        format!("from {} to {}", compact(first), compact(last)),
    );
    fig
}
