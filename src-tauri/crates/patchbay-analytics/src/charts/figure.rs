//! What a chart is before it is drawn: a frame, a title and a list of marks in pixel
//! coordinates. The chart modules compute figures; `paint` draws them through plotters, as SVG for
//! the window and as PNG for reports, so both come from the same geometry.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as the palettes are written.
    pub fn hex(s: &str) -> Self {
        let c = |i: usize| u8::from_str_radix(s.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
        Self(c(1), c(3), c(5))
    }
}

/// Where a text's `x` is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// One thing drawn. A `label` becomes the mark's `<title>` in SVG (what a screen reader and a
/// hover tooltip say); bitmaps have no place for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mark {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Rgb,
        label: Option<String>,
    },
    Line {
        from: (f64, f64),
        to: (f64, f64),
        stroke: Rgb,
        width: f64,
    },
    Path {
        points: Vec<(f64, f64)>,
        stroke: Rgb,
        width: f64,
        label: Option<String>,
    },
    /// `y` is the text's baseline.
    Text {
        x: f64,
        y: f64,
        text: String,
        fill: Rgb,
        size: f64,
        anchor: Anchor,
    },
}

/// A value a reader can hover or focus in the window: where it sits and what it says (its date
/// and exact figure). SVG only; a bitmap cannot be hovered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Point {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

/// A whole chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    pub width: f64,
    pub height: f64,
    pub background: Rgb,
    /// The chart's `<title>`.
    pub title: String,
    /// What the whole image says to a screen reader (`aria-label`).
    pub summary: String,
    /// Scales to the width it is given (charts), or keeps its size (sparklines).
    pub fluid: bool,
    pub marks: Vec<Mark>,
    /// Values to read by hover or keyboard, in reading order.
    pub points: Vec<Point>,
}

impl Figure {
    pub fn new(width: f64, height: f64, background: &str, title: &str) -> Self {
        Self {
            width,
            height,
            background: Rgb::hex(background),
            title: title.to_owned(),
            summary: title.to_owned(),
            fluid: true,
            marks: Vec::new(),
            points: Vec::new(),
        }
    }

    pub fn point(&mut self, x: f64, y: f64, label: String) {
        self.points.push(Point { x, y, label });
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, label: Option<String>) {
        self.marks.push(Mark::Rect {
            x,
            y,
            w: w.max(0.0),
            h: h.max(0.0),
            fill: Rgb::hex(fill),
            label,
        });
    }

    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: &str, width: f64) {
        self.marks.push(Mark::Line {
            from,
            to,
            stroke: Rgb::hex(stroke),
            width,
        });
    }

    pub fn path(&mut self, points: Vec<(f64, f64)>, stroke: &str, width: f64, label: String) {
        self.marks.push(Mark::Path {
            points,
            stroke: Rgb::hex(stroke),
            width,
            label: Some(label),
        });
    }

    pub fn text(&mut self, x: f64, y: f64, text: &str, fill: &str, size: f64, anchor: Anchor) {
        self.marks.push(Mark::Text {
            x,
            y,
            text: text.to_owned(),
            fill: Rgb::hex(fill),
            size,
            anchor,
        });
    }
}

/// A chart that has nothing to show says why, in the same frame size.
pub(crate) fn message(
    width: f64,
    height: f64,
    theme: super::Theme,
    title: &str,
    text: &str,
) -> Figure {
    let p = theme.palette();
    let mut fig = Figure::new(width, height, p.background, title);
    fig.summary = format!("{title}: {text}");
    fig.text(
        width / 2.0,
        height / 2.0,
        text,
        p.muted,
        14.0,
        Anchor::Middle,
    );
    fig
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
