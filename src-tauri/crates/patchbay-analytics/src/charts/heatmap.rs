//! The posting-time heatmap: weekdays down, hours across, darker where posts did better.

use super::figure::{Anchor, Figure, message};
use super::{Theme, compact};
use crate::Heatmap;

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

pub(crate) fn heatmap_chart(h: &Heatmap, theme: Theme, title: &str) -> Figure {
    let (w, ht, left, top, cell_w, cell_h) = (720.0, 250.0, 44.0, 34.0, 27.0, 27.0);
    let posts: u32 = h.counts.iter().flatten().sum();
    if posts < 5 {
        return message(
            w,
            ht,
            theme,
            title,
            "Too few posts yet to say when your audience engages most.",
        );
    }
    let max = h
        .cells
        .iter()
        .flatten()
        .flatten()
        .fold(0.0f64, |a, b| a.max(*b))
        .max(1.0);
    let p = theme.palette();
    let mix = |t: f64| {
        let (a, b) = (p.heat_low, p.heat_high);
        let c = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
        format!("#{:02x}{:02x}{:02x}", c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
    };
    let mut fig = Figure::new(w, ht, p.background, title);
    fig.text(left, 18.0, title, p.text, 13.0, Anchor::Start);
    for (d, row) in h.cells.iter().enumerate() {
        fig.text(
            left - 8.0,
            top + d as f64 * cell_h + 18.0,
            DAYS[d],
            p.muted,
            11.0,
            Anchor::End,
        );
        for (hour, cell) in row.iter().enumerate() {
            let (fill, label) = match cell {
                Some(v) => (
                    mix(v / max),
                    format!(
                        "{} {hour:02}:00 — {} interactions per post ({} posts)",
                        DAYS[d],
                        compact(*v),
                        h.counts[d][hour]
                    ),
                ),
                None => (
                    p.grid.to_owned(),
                    format!("{} {hour:02}:00 — no posts", DAYS[d]),
                ),
            };
            fig.rect(
                left + hour as f64 * cell_w,
                top + d as f64 * cell_h,
                cell_w - 2.0,
                cell_h - 2.0,
                &fill,
                Some(label),
            );
        }
    }
    for hour in (0..24).step_by(3) {
        fig.text(
            left + hour as f64 * cell_w + cell_w / 2.0,
            top + 7.0 * cell_h + 16.0,
            &format!("{hour:02}h"),
            p.muted,
            11.0,
            Anchor::Middle,
        );
    }
    fig
}
