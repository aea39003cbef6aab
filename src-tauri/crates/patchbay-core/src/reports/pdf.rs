//! The report as a PDF, written with `pdf-writer`: A4 pages in Helvetica (the standard fonts
//! every reader has, so nothing is embedded), the same sections as the HTML report as text and
//! tables, and the follower curves drawn as vector lines. The same data makes the same bytes.

use super::count;
use crate::analytics::report::ReportData;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

const W: f32 = 595.0;
const H: f32 = 842.0;
const MARGIN: f32 = 50.0;

/// Text in WinAnsi (Windows-1252), the standard fonts' encoding; what it cannot hold becomes `?`.
fn ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '—' => 0x97,
            '–' => 0x96,
            '•' => 0x95,
            '’' => 0x92,
            '‘' => 0x91,
            '“' => 0x93,
            '”' => 0x94,
            '…' => 0x85,
            '€' => 0x80,
            _ => b'?',
        })
        .collect()
}

/// Pages of text laid out top to bottom.
struct Pages {
    done: Vec<Content>,
    page: Content,
    y: f32,
}

impl Pages {
    fn new() -> Self {
        Self {
            done: Vec::new(),
            page: Content::new(),
            y: H - MARGIN,
        }
    }

    fn room(&mut self, needed: f32) {
        if self.y - needed < MARGIN {
            let full = std::mem::replace(&mut self.page, Content::new());
            self.done.push(full);
            self.y = H - MARGIN;
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, s: &str) {
        self.page.begin_text();
        self.page
            .set_font(Name(if bold { b"F2" } else { b"F1" }), size);
        self.page.next_line(x, self.y);
        self.page.show(Str(&ansi(s)));
        self.page.end_text();
    }

    fn line(&mut self, size: f32, bold: bool, s: &str) {
        self.room(size * 1.5);
        self.y -= size * 1.5;
        self.text(MARGIN, size, bold, s);
    }

    /// A row of cells at fixed x positions.
    fn row(&mut self, cells: &[(f32, String)], bold: bool) {
        self.room(14.0);
        self.y -= 14.0;
        for (x, s) in cells {
            self.text(*x, 9.0, bold, s);
        }
    }

    /// Words wrapped to the page width.
    fn paragraph(&mut self, size: f32, s: &str) {
        let per_line = ((W - 2.0 * MARGIN) / (size * 0.5)) as usize;
        let mut current = String::new();
        for word in s.split_whitespace() {
            if current.len() + word.len() + 1 > per_line && !current.is_empty() {
                self.line(size, false, &current);
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        if !current.is_empty() {
            self.line(size, false, &current);
        }
    }

    fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    /// Each account's follower curve, scaled to its own range, in a 160 pt box.
    fn chart(&mut self, d: &ReportData) {
        let curves: Vec<&(String, Vec<crate::analytics::TrendPoint>)> =
            d.curves.iter().filter(|(_, c)| c.len() > 1).collect();
        if curves.is_empty() {
            return;
        }
        self.room(200.0);
        self.line(13.0, true, "Followers (each account on its own scale)");
        let (top, height, width) = (self.y - 10.0, 150.0, W - 2.0 * MARGIN);
        let colors = [
            (0.31, 0.27, 0.9),
            (0.86, 0.15, 0.47),
            (0.05, 0.6, 0.5),
            (0.92, 0.55, 0.05),
            (0.2, 0.5, 0.85),
            (0.45, 0.45, 0.45),
        ];
        self.page.set_stroke_rgb(0.8, 0.8, 0.8);
        self.page.rect(MARGIN, top - height, width, height);
        self.page.stroke();
        for (i, (_, points)) in curves.iter().enumerate() {
            let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(l, h), p| {
                (l.min(p.value), h.max(p.value))
            });
            let span = if hi > lo { hi - lo } else { 1.0 };
            let (r, g, b) = colors[i % colors.len()];
            self.page.set_stroke_rgb(r, g, b);
            self.page.set_line_width(1.5);
            for (j, p) in points.iter().enumerate() {
                let x = MARGIN + width * j as f32 / (points.len() - 1) as f32;
                let y = top - height + height * ((p.value - lo) / span) as f32;
                if j == 0 {
                    self.page.move_to(x, y);
                } else {
                    self.page.line_to(x, y);
                }
            }
            self.page.stroke();
        }
        self.y = top - height - 6.0;
        for (i, (name, points)) in curves.iter().enumerate() {
            let last = points.last().map_or(0.0, |p| p.value);
            self.line(
                9.0,
                false,
                &format!(
                    "Line {}: {name}, {} followers at the end",
                    i + 1,
                    count(last as i64)
                ),
            );
        }
    }

    fn finish(mut self) -> Vec<Content> {
        self.done.push(self.page);
        self.done
    }
}

/// The report as PDF bytes.
pub fn pdf(d: &ReportData, insights: &[crate::analytics::insights::Insight]) -> Vec<u8> {
    let mut p = Pages::new();
    p.line(22.0, true, &format!("Report — {}", d.period.label));
    let names: Vec<&str> = d.accounts.iter().map(|a| a.name.as_str()).collect();
    p.paragraph(
        10.0,
        &format!(
            "{} accounts: {}. Made with Patchbay from the history kept on this computer.",
            d.accounts.len(),
            names.join(", ")
        ),
    );
    p.gap(8.0);
    p.line(14.0, true, "Totals");
    let t = &d.totals;
    p.line(
        10.0,
        false,
        &format!(
            "Followers: {} ({:+} in the period)",
            count(t.followers),
            t.follower_change
        ),
    );
    p.line(
        10.0,
        false,
        &format!(
            "Posts: {} (the period before: {})",
            count(t.posts),
            count(d.previous.posts)
        ),
    );
    p.line(
        10.0,
        false,
        &format!(
            "Views: {} (the period before: {})",
            count(t.views),
            count(d.previous.views)
        ),
    );
    p.line(
        10.0,
        false,
        &format!(
            "Interactions: {} (the period before: {})",
            count(t.interactions),
            count(d.previous.interactions)
        ),
    );
    p.line(
        10.0,
        false,
        &format!(
            "Engagement: {} (interactions ÷ views, of the accounts that report views)",
            t.engagement().map_or("—".into(), |e| format!("{e:.2} %"))
        ),
    );
    p.gap(8.0);
    p.line(14.0, true, "Accounts");
    let cols = [MARGIN, 200.0, 300.0, 380.0, 440.0, 510.0];
    let head = [
        "Account",
        "Platform",
        "Followers",
        "Change",
        "Posts",
        "Views",
    ];
    p.row(
        &cols
            .iter()
            .zip(head)
            .map(|(x, h)| (*x, h.to_owned()))
            .collect::<Vec<_>>(),
        true,
    );
    for a in &d.accounts {
        let change = a
            .followers_end
            .zip(a.followers_start)
            .map_or("—".into(), |(e, s)| format!("{:+}", e - s));
        let name: String = a.name.chars().take(26).collect();
        let cells = [
            name,
            a.platform.clone(),
            a.followers_end.map_or("—".into(), count),
            change,
            count(a.posts),
            count(a.views),
        ];
        p.row(&cols.iter().copied().zip(cells).collect::<Vec<_>>(), false);
    }
    p.gap(8.0);
    p.chart(d);
    if !d.top_posts.is_empty() {
        p.gap(8.0);
        p.line(14.0, true, "Top posts");
        for (i, (account, post)) in d.top_posts.iter().enumerate() {
            let caption: String = post
                .caption
                .clone()
                .unwrap_or_else(|| "(no caption)".into())
                .chars()
                .take(70)
                .collect();
            p.paragraph(
                9.5,
                &format!(
                    "{}. {caption} — {account}, {}, {} views",
                    i + 1,
                    post.posted_at.get(..10).unwrap_or_default(),
                    count(post.views.unwrap_or(0))
                ),
            );
        }
    }
    if !insights.is_empty() {
        p.gap(8.0);
        p.line(14.0, true, "Insights and best times");
        for i in insights {
            p.paragraph(9.5, &format!("{}: {}", i.title, i.statement));
        }
    }
    let pages = p.finish();

    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let (regular, bold) = (Ref::new(3), Ref::new(4));
    let mut next = 5;
    let mut ids = Vec::new();
    for content in pages {
        let (page, stream) = (Ref::new(next), Ref::new(next + 1));
        next += 2;
        ids.push(page);
        let mut pg = pdf.page(page);
        pg.media_box(Rect::new(0.0, 0.0, W, H));
        pg.parent(tree);
        pg.contents(stream);
        pg.resources()
            .fonts()
            .pair(Name(b"F1"), regular)
            .pair(Name(b"F2"), bold);
        pg.finish();
        pdf.stream(stream, &content.finish());
    }
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(ids.iter().copied())
        .count(ids.len() as i32);
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.finish()
}
