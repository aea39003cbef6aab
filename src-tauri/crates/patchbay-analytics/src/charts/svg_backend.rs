//! A plotters drawing backend that writes SVG the window can show under its strict CSP
//! (presentation attributes only, no styles or scripts) and that gives a labelled mark its own
//! `<title>`, so every bar, cell and series is named for screen readers. Plotters' own SVG
//! backend has no notion of a mark's title, hence this one.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    text_anchor::HPos,
};
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

/// What the backend has written, and the title waiting for the next mark.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub body: String,
    pub next_title: Option<String>,
}

#[derive(Debug)]
pub(crate) struct SvgBackend {
    size: (u32, u32),
    sheet: Rc<RefCell<Sheet>>,
}

impl SvgBackend {
    pub fn new(size: (u32, u32), sheet: Rc<RefCell<Sheet>>) -> Self {
        Self { size, sheet }
    }

    /// Writes one element, closing it with the pending title when there is one.
    fn element(&self, open: String) {
        let mut sheet = self.sheet.borrow_mut();
        match sheet.next_title.take() {
            Some(title) => {
                let name = open.split_whitespace().next().unwrap_or("g").to_owned();
                let _ = write!(
                    sheet.body,
                    "<{open}><title>{}</title></{name}>",
                    esc(&title)
                );
            }
            None => {
                let _ = write!(sheet.body, "<{open}/>");
            }
        }
    }
}

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    if c.alpha >= 1.0 {
        format!("#{r:02x}{g:02x}{b:02x}")
    } else {
        format!("#{r:02x}{g:02x}{b:02x}\" opacity=\"{:.2}", c.alpha)
    }
}

/// Never fails: it writes into memory.
#[derive(Debug)]
pub(crate) struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unreachable")
    }
}

impl std::error::Error for Never {}

type Drawn = Result<(), DrawingErrorKind<Never>>;

impl DrawingBackend for SvgBackend {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, c: BackendColor) -> Drawn {
        self.element(format!(
            r#"rect x="{x}" y="{y}" width="1" height="1" fill="{}""#,
            color(c)
        ));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
    ) -> Drawn {
        self.element(format!(
            r#"line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{}" stroke-width="{}""#,
            color(style.color()),
            style.stroke_width()
        ));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let paint = if fill {
            format!(r#"fill="{}""#, color(style.color()))
        } else {
            format!(
                r#"fill="none" stroke="{}" stroke-width="{}""#,
                color(style.color()),
                style.stroke_width()
            )
        };
        self.element(format!(
            r#"rect x="{x1}" y="{y1}" width="{}" height="{}" {paint}"#,
            (x2 - x1).max(0),
            (y2 - y1).max(0)
        ));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let points: Vec<String> = path.into_iter().map(|(x, y)| format!("{x},{y}")).collect();
        self.element(format!(
            r#"polyline points="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round""#,
            points.join(" "),
            color(style.color()),
            style.stroke_width()
        ));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let paint = if fill { "fill" } else { "stroke" };
        self.element(format!(
            r#"circle cx="{x}" cy="{y}" r="{radius}" {paint}="{}""#,
            color(style.color())
        ));
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        let points: Vec<String> = vert.into_iter().map(|(x, y)| format!("{x},{y}")).collect();
        self.element(format!(
            r#"polygon points="{}" fill="{}""#,
            points.join(" "),
            color(style.color())
        ));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Drawn {
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        let _ = write!(
            self.sheet.borrow_mut().body,
            r#"<text x="{x}" y="{y}" fill="{}" font-size="{}" font-family="Inter, system-ui, sans-serif" text-anchor="{anchor}" dominant-baseline="central">{}</text>"#,
            color(style.color()),
            style.size(),
            esc(text)
        );
        Ok(())
    }
}
