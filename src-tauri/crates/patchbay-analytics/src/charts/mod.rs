//! Charts drawn in Rust: the follower trend (several accounts at once), engagement per post, the
//! posting-time heatmap, and sparklines for cards. Themed for light and dark, axis labels in K/M
//! notation and dates; when data is missing or too sparse they say so instead of drawing an
//! empty frame.
//!
//! Each chart is computed once as a `Figure` (marks in pixel coordinates) and drawn with
//! plotters: as SVG for the window (every bar, cell and series carries a `<title>`, presentation
//! attributes only, so it renders under the app's strict CSP) and as PNG for email and reports,
//! with text set in a font embedded in the binary so images are the same on every machine.

mod bars;
mod figure;
mod heatmap;
mod line;
mod paint;
pub mod render;
mod svg_backend;

pub use line::Series;
pub use render::{ChartKind, render};

/// A drawn chart, ready to be written as SVG or PNG.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart(figure::Figure);

impl Chart {
    /// SVG for the window: scales to the width it is given, and names every mark.
    pub fn svg(&self) -> String {
        paint::svg(&self.0)
    }

    /// PNG at `scale` × the chart's size (1 to 4), for email and reports.
    pub fn png(&self, scale: u32) -> Result<Vec<u8>, ChartError> {
        paint::png(&self.0, scale).map_err(ChartError)
    }

    /// The chart's size in CSS pixels.
    pub fn size(&self) -> (f64, f64) {
        (self.0.width, self.0.height)
    }
}

/// A chart could not be turned into an image.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The chart could not be drawn as an image: {0}.")]
pub struct ChartError(String);

/// Follower curves, one line per account.
pub fn follower_trend(series: &[Series], theme: Theme, title: &str) -> Chart {
    Chart(line::follower_trend(series, theme, title))
}

/// A small line for a card.
pub fn sparkline(points: &[crate::TrendPoint], theme: Theme) -> Chart {
    Chart(line::sparkline(points, theme))
}

/// Interactions per post, oldest to newest.
pub fn engagement_bars(posts: &[crate::TopPost], theme: Theme, title: &str) -> Chart {
    Chart(bars::engagement_bars(posts, theme, title))
}

/// When posts do best, by weekday and hour.
pub fn heatmap_chart(h: &crate::Heatmap, theme: Theme, title: &str) -> Chart {
    Chart(heatmap::heatmap_chart(h, theme, title))
}

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

pub(crate) struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub series: [&'static str; 6],
    pub heat_low: (u8, u8, u8),
    pub heat_high: (u8, u8, u8),
}

impl Theme {
    pub(crate) fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: "#ffffff",
                text: "#16161a",
                muted: "#55555f",
                grid: "#e4e4ea",
                series: [
                    "#4b3fd8", "#d8453f", "#1b8a5a", "#c07a00", "#0077b6", "#8e44ad",
                ],
                heat_low: (238, 236, 255),
                heat_high: (59, 47, 196),
            },
            Theme::Dark => Palette {
                background: "#1e1e24",
                text: "#ececf1",
                muted: "#a9a9b6",
                grid: "#34343d",
                series: [
                    "#a9a2ff", "#ff8a80", "#7fd99a", "#f2c36b", "#7cc7ff", "#d7a6ff",
                ],
                heat_low: (42, 40, 64),
                heat_high: (169, 162, 255),
            },
        }
    }
}

/// 3812 → "3,812": the exact figure a hovered point shows.
pub fn grouped(n: f64) -> String {
    let rounded = n.round() as i64;
    let digits = rounded.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0 { format!("-{out}") } else { out }
}

/// 950 → "950", 1_234 → "1.2K", 45_600 → "46K", 3_400_000 → "3.4M".
pub fn compact(n: f64) -> String {
    let a = n.abs();
    let sign = if n < 0.0 { "-" } else { "" };
    let (v, unit) = if a >= 1e9 {
        (a / 1e9, "B")
    } else if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "K")
    } else {
        return format!("{sign}{}", (a * 10.0).round() / 10.0);
    };
    if v >= 10.0 {
        format!("{sign}{v:.0}{unit}")
    } else {
        format!("{sign}{v:.1}{unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn chart_text_and_lines_are_readable_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = theme.palette();
            // WCAG AA: 4.5:1 for text (axis labels, messages), 3:1 for graphics (lines, bars).
            for text in [p.text, p.muted] {
                let r = contrast(text, p.background);
                assert!(
                    r >= 4.5,
                    "{theme:?}: text {text} on {}: {r:.2}",
                    p.background
                );
            }
            for series in p.series {
                let r = contrast(series, p.background);
                assert!(
                    r >= 3.0,
                    "{theme:?}: series {series} on {}: {r:.2}",
                    p.background
                );
            }
        }
    }

    #[test]
    fn grouped_numbers_are_exact() {
        assert_eq!(grouped(3_812.4), "3,812");
        assert_eq!(grouped(950.0), "950");
        assert_eq!(grouped(-1_234_567.0), "-1,234,567");
    }

    #[test]
    fn compact_numbers_use_k_and_m() {
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(1_234.0), "1.2K");
        assert_eq!(compact(45_600.0), "46K");
        assert_eq!(compact(3_400_000.0), "3.4M");
        assert_eq!(compact(-2_500.0), "-2.5K");
    }
}

#[cfg(test)]
mod drawing_tests;
