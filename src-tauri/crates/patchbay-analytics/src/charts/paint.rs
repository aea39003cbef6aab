//! Draws a figure with plotters: as SVG through `SvgBackend` for the window, and as PNG through
//! plotters' bitmap backend for email and reports. Text in images is set in Inter, embedded in
//! the binary, so a PNG is the same on every machine and needs no system font.

use super::figure::{Anchor, Figure, Mark, Rgb};
use super::svg_backend::{Sheet, SvgBackend, esc};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Once;

/// Inter Regular, subset to Latin (SIL Open Font License 1.1, see `fonts/OFL.txt`).
const FONT: &[u8] = include_bytes!("fonts/Inter-Regular.subset.otf");
const FAMILY: &str = "sans-serif";

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are part of the binary and checked by the tests; a failure would only mean
        // text is left out of bitmaps, never a crash.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Draws every mark, scaled by `scale` (2 for a sharp PNG), labelling marks through `titles`.
fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &Figure,
    scale: f64,
    titles: &dyn Fn(Option<&str>),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let at = |(x, y): (f64, f64)| ((x * scale).round() as i32, (y * scale).round() as i32);
    area.fill(&color(fig.background))?;
    for mark in &fig.marks {
        match mark {
            Mark::Rect {
                x,
                y,
                w,
                h,
                fill,
                label,
            } => {
                titles(label.as_deref());
                area.draw(&Rectangle::new(
                    [at((*x, *y)), at((x + w, y + h))],
                    color(*fill).filled(),
                ))?;
            }
            Mark::Line {
                from,
                to,
                stroke,
                width,
            } => {
                titles(None);
                area.draw(&PathElement::new(
                    vec![at(*from), at(*to)],
                    color(*stroke).stroke_width(((width * scale).round() as u32).max(1)),
                ))?;
            }
            Mark::Path {
                points,
                stroke,
                width,
                label,
            } => {
                titles(label.as_deref());
                area.draw(&PathElement::new(
                    points.iter().map(|p| at(*p)).collect::<Vec<_>>(),
                    color(*stroke).stroke_width(((width * scale).round() as u32).max(1)),
                ))?;
            }
            Mark::Text {
                x,
                y,
                text,
                fill,
                size,
                anchor,
            } => {
                titles(None);
                let h = match anchor {
                    Anchor::Start => HPos::Left,
                    Anchor::Middle => HPos::Center,
                    Anchor::End => HPos::Right,
                };
                // Marks give the baseline; plotters places text by its box, so anchor at the
                // middle of the x-height above the baseline.
                let style = (FAMILY, size * scale)
                    .into_font()
                    .color(&color(*fill))
                    .pos(Pos::new(h, VPos::Center));
                area.draw(&Text::new(text.as_str(), at((*x, y - size * 0.35)), style))?;
            }
        }
    }
    area.present()
}

/// The figure as an SVG document that scales to the width it is given.
pub(crate) fn svg(fig: &Figure) -> String {
    register_font();
    let sheet = Rc::new(RefCell::new(Sheet::default()));
    let (w, h) = (fig.width.round() as u32, fig.height.round() as u32);
    {
        let area = SvgBackend::new((w, h), sheet.clone()).into_drawing_area();
        let titles = |label: Option<&str>| sheet.borrow_mut().next_title = label.map(str::to_owned);
        // Writing into memory cannot fail.
        let _ = paint(&area, fig, 1.0, &titles);
    }
    let mut body = std::mem::take(&mut sheet.borrow_mut().body);
    body.push_str(&points(fig));
    let size = if fig.fluid {
        String::new()
    } else {
        format!(r#" width="{w}" height="{h}""#)
    };
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}"{size} role="img" aria-label="{label}"><title>{title}</title>{body}</svg>"#,
        label = esc(&fig.summary),
        title = esc(&fig.title),
    )
}

/// The values a reader can hover or step through with the keyboard: the figure's points, and
/// the middle of every labelled bar or cell. Transparent circles that catch the pointer; the
/// window shows and announces `data-point`.
fn points(fig: &Figure) -> String {
    let labelled = fig.marks.iter().filter_map(|m| match m {
        Mark::Rect {
            x,
            y,
            w,
            h,
            label: Some(label),
            ..
        } => Some((x + w / 2.0, y + h / 2.0, label.as_str())),
        _ => None,
    });
    let all: Vec<(f64, f64, &str)> = fig
        .points
        .iter()
        .map(|p| (p.x, p.y, p.label.as_str()))
        .chain(labelled)
        .collect();
    if all.is_empty() {
        return String::new();
    }
    let mut out = String::from(r#"<g data-points="">"#);
    for (x, y, label) in all {
        let label = esc(label);
        out.push_str(&format!(
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="6" fill="transparent" pointer-events="all" data-point="{label}"><title>{label}</title></circle>"#
        ));
    }
    out.push_str("</g>");
    out
}

/// The figure as a PNG at `scale` times its size (2 makes it sharp on high-density screens).
pub(crate) fn png(fig: &Figure, scale: u32) -> Result<Vec<u8>, String> {
    register_font();
    let scale = scale.clamp(1, 4);
    let (w, h) = (
        (fig.width * f64::from(scale)).round() as u32,
        (fig.height * f64::from(scale)).round() as u32,
    );
    let mut pixels = vec![0u8; (w * h * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        paint(&area, fig, f64::from(scale), &|_| {}).map_err(|e| e.to_string())?;
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&pixels)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}
