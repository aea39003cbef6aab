//! A tiny SVG writer: every text is escaped, every number is formatted the same way.

use std::fmt::Write;

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) struct Svg {
    pub width: f64,
    pub height: f64,
    body: String,
}

impl Svg {
    pub fn new(width: f64, height: f64, background: &str, title: &str) -> Self {
        let mut svg = Self {
            width,
            height,
            body: String::new(),
        };
        let _ = write!(svg.body, "<title>{}</title>", esc(title));
        svg.rect(0.0, 0.0, width, height, background, None);
        svg
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, label: Option<&str>) {
        let _ = write!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}""#,
            w.max(0.0),
            h.max(0.0)
        );
        match label {
            Some(l) => {
                let _ = write!(self.body, "><title>{}</title></rect>", esc(l));
            }
            None => self.body.push_str("/>"),
        }
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = write!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
        );
    }

    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: &str, width: f64) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="{width}" stroke-linejoin="round" stroke-linecap="round"/>"#,
            pts.join(" ")
        );
    }

    pub fn text(&mut self, x: f64, y: f64, s: &str, fill: &str, size: f64, anchor: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" fill="{fill}" font-size="{size}" font-family="system-ui, sans-serif" text-anchor="{anchor}">{}</text>"#,
            esc(s)
        );
    }

    pub fn finish(self, role_label: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}">{body}</svg>"#,
            w = self.width,
            h = self.height,
            label = esc(role_label),
            body = self.body
        )
    }
}

/// A chart that has nothing to show says why, in the same frame size.
pub(crate) fn message(
    width: f64,
    height: f64,
    theme: super::Theme,
    title: &str,
    text: &str,
) -> String {
    let p = theme.palette();
    let mut svg = Svg::new(width, height, p.background, title);
    svg.text(width / 2.0, height / 2.0, text, p.muted, 14.0, "middle");
    svg.finish(&format!("{title}: {text}"))
}

/// "Nice" tick values for an axis from `lo` to `hi`.
pub(crate) fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return vec![lo];
    }
    let raw = (hi - lo) / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    let mut v = (lo / step).floor() * step;
    let mut out = Vec::new();
    while v <= hi + step * 0.001 {
        if v >= lo - step * 0.001 {
            out.push(v);
        }
        v += step;
    }
    out
}
