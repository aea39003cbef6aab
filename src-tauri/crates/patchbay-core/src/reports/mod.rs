//! Client-ready reports: one period over a chosen set of accounts, written as one
//! self-contained HTML file (inline SVG charts and thumbnails, no network request, a print
//! stylesheet), the same for the same data. Saved into `<data dir>/exports/` from the window.

use crate::analytics::charts::{self, Theme};
use crate::analytics::report::{self, Period, ReportData, Totals};
use crate::connections::{self, ConnectionFilter};
use crate::error::{Error, Result};
use crate::workspace::Workspace;
use base64::Engine;
use std::fmt::Write;

mod pdf;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// 12,345 (no locale, so the same everywhere).
pub(crate) fn count(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn change(now: i64, before: i64) -> String {
    if before == 0 {
        return "—".into();
    }
    format!("{:+.1} %", (now - before) as f64 / before as f64 * 100.0)
}

/// The accounts a report covers: those named (ids or names), or every account Patchbay syncs.
fn accounts(ws: &Workspace, names: &[String]) -> Result<Vec<(String, String, String)>> {
    let all = connections::list(ws, &ConnectionFilter::default())?;
    let chosen: Vec<String> = names
        .iter()
        .map(|n| connections::resolve(ws, n))
        .collect::<Result<_>>()?;
    let picked: Vec<(String, String, String)> = all
        .into_iter()
        .filter(|c| {
            if chosen.is_empty() {
                crate::platforms::supports(&c.connector_id)
            } else {
                chosen.contains(&c.id)
            }
        })
        .map(|c| {
            (
                c.id.clone(),
                c.name.clone(),
                ws.registry()
                    .get(&c.connector_id)
                    .map_or(c.connector_id.clone(), |m| m.name.clone()),
            )
        })
        .collect();
    if picked.is_empty() {
        return Err(Error::InvalidInput(
            "No account to report on yet: connect one and sync it.".into(),
        ));
    }
    Ok(picked)
}

/// The report's figures.
pub fn data(ws: &Workspace, period: &str, names: &[String]) -> Result<ReportData> {
    let now = chrono::Utc::now();
    report::build(
        ws.database(),
        &accounts(ws, names)?,
        Period::parse(period, now)?,
        now,
    )
}

fn thumbnail(ws: &Workspace, file: Option<&str>) -> Option<String> {
    let name = file?;
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return None;
    }
    let bytes = std::fs::read(ws.data_dir().join(crate::media::DIR).join(name)).ok()?;
    let mime = if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        "image/png"
    } else {
        "image/jpeg"
    };
    Some(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

fn kpis(out: &mut String, t: &Totals, before: &Totals) {
    let _ = write!(
        out,
        r#"<div class="kpis">
<div class="kpi"><span>Followers</span><strong data-kpi="followers">{}</strong><em>{:+} in the period</em></div>
<div class="kpi"><span>Posts</span><strong data-kpi="posts">{}</strong><em>{} vs the period before</em></div>
<div class="kpi"><span>Views</span><strong data-kpi="views">{}</strong><em>{}</em></div>
<div class="kpi"><span>Interactions</span><strong data-kpi="interactions">{}</strong><em>{}</em></div>
<div class="kpi"><span>Engagement</span><strong data-kpi="engagement">{}</strong><em>interactions ÷ views, of the accounts that report views</em></div>
</div>"#,
        count(t.followers),
        t.follower_change,
        count(t.posts),
        change(t.posts, before.posts),
        count(t.views),
        change(t.views, before.views),
        count(t.interactions),
        change(t.interactions, before.interactions),
        t.engagement().map_or("—".into(), |e| format!("{e:.2} %"))
    );
}

/// The report as one HTML document.
pub fn html(ws: &Workspace, d: &ReportData) -> Result<String> {
    let mut o = String::new();
    let title = format!("Report — {}", d.period.label);
    let _ = write!(
        o,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"><title>{}</title><style>{}</style></head><body>",
        escape(&title),
        STYLE
    );
    let names: Vec<String> = d.accounts.iter().map(|a| escape(&a.name)).collect();
    let _ = write!(
        o,
        "<header class=\"cover\"><h1>{}</h1><p>{} account{}: {}</p><p class=\"muted\">Made with Patchbay from the history kept on this computer.</p></header>",
        escape(&title),
        d.accounts.len(),
        if d.accounts.len() == 1 { "" } else { "s" },
        names.join(", ")
    );
    o.push_str("<section><h2>Totals</h2>");
    kpis(&mut o, &d.totals, &d.previous);
    o.push_str("</section><section><h2>By platform</h2><table><thead><tr><th>Platform</th><th>Followers</th><th>Change</th><th>Posts</th><th>Views</th><th>Interactions</th></tr></thead><tbody>");
    for (platform, t) in &d.platforms {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{:+}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(platform),
            count(t.followers),
            t.follower_change,
            count(t.posts),
            count(t.views),
            count(t.interactions)
        );
    }
    o.push_str("</tbody></table></section><section><h2>Accounts</h2><table><thead><tr><th>Account</th><th>Platform</th><th>Followers</th><th>Change</th><th>Posts</th><th>Views</th><th>Interactions</th></tr></thead><tbody>");
    for a in &d.accounts {
        let delta = a
            .followers_end
            .zip(a.followers_start)
            .map_or("—".into(), |(e, s)| format!("{:+}", e - s));
        let _ = write!(
            o,
            "<tr data-account=\"{}\"><td>{}</td><td>{}</td><td data-v=\"{}\">{}</td><td>{delta}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td>{}</td></tr>",
            escape(&a.connection_id),
            escape(&a.name),
            escape(&a.platform),
            a.followers_end.unwrap_or(0),
            a.followers_end.map_or("—".into(), count),
            a.posts,
            count(a.posts),
            a.views,
            count(a.views),
            count(a.interactions)
        );
    }
    o.push_str("</tbody></table></section>");
    let series: Vec<charts::Series> = d
        .curves
        .iter()
        .filter(|(_, c)| c.len() > 1)
        .map(|(label, points)| charts::Series {
            label: label.clone(),
            points: points.clone(),
        })
        .collect();
    if !series.is_empty() {
        let _ = write!(
            o,
            "<section><h2>Followers</h2><figure>{}</figure></section>",
            charts::follower_trend(&series, Theme::Light, "Followers").svg()
        );
    }
    if !d.top_posts.is_empty() {
        o.push_str("<section><h2>Top posts</h2><ol class=\"posts\">");
        for (account, p) in &d.top_posts {
            let img = thumbnail(ws, p.thumbnail_file.as_deref())
                .map(|src| format!("<img alt=\"\" src=\"{src}\">"))
                .unwrap_or_default();
            let caption = escape(
                &p.caption
                    .clone()
                    .unwrap_or_else(|| "(no caption)".into())
                    .chars()
                    .take(120)
                    .collect::<String>(),
            );
            let _ = write!(
                o,
                "<li>{img}<div><strong>{caption}</strong><p class=\"muted\">{} · {} · {} views · {} interactions</p></div></li>",
                escape(account),
                escape(p.posted_at.get(..10).unwrap_or_default()),
                count(p.views.unwrap_or(0)),
                count(p.interactions())
            );
        }
        o.push_str("</ol></section>");
    }
    let found = claims(ws, d);
    if !found.is_empty() {
        o.push_str("<section><h2>Insights and best times</h2><ul class=\"insights\">");
        for i in &found {
            let _ = write!(
                o,
                "<li><strong>{}</strong> {} <span class=\"muted\">(evidence: {} over {})</span></li>",
                escape(&i.title),
                escape(&i.statement),
                i.evidence.n,
                escape(&i.evidence.period)
            );
        }
        o.push_str("</ul></section>");
    }
    o.push_str("</body></html>\n");
    Ok(o)
}

/// The insights sure enough to print, for the report's accounts.
fn claims(ws: &Workspace, d: &ReportData) -> Vec<crate::analytics::insights::Insight> {
    let offset = chrono::Local::now().offset().local_minus_utc() / 60;
    let mut found = Vec::new();
    for a in &d.accounts {
        if let Ok(i) = crate::insights::compute(
            ws,
            crate::insights::Scope::One(&a.connection_id),
            d.period.days.max(30),
            offset,
        ) {
            found.extend(i.items.into_iter().filter(|i| {
                i.enough
                    && i.confidence
                        .is_some_and(|c| c >= crate::analytics::insights::CLAIM)
            }));
        }
    }
    found
}

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
}

/// Builds the report and writes it to `path`.
pub fn write(
    ws: &Workspace,
    period: &str,
    names: &[String],
    format: Format,
    path: &std::path::Path,
) -> Result<()> {
    let d = data(ws, period, names)?;
    let bytes = match format {
        Format::Html => html(ws, &d)?.into_bytes(),
        Format::Pdf => pdf::pdf(&d, &claims(ws, &d)),
    };
    std::fs::write(path, bytes).map_err(|e| Error::Io {
        path: path.to_owned(),
        action: "write",
        reason: e.to_string(),
    })
}

const STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;max-width:980px;margin:0 auto;padding:32px}\
h1{font-size:28px;margin:0 0 8px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #d0d7de;padding-bottom:4px}\
.muted{color:#59636e;font-size:13px}.cover{border-bottom:3px solid #4f46e5;padding-bottom:12px}\
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:10px}.kpi{border:1px solid #d0d7de;border-radius:8px;padding:10px}\
.kpi span{display:block;color:#59636e;font-size:12px}.kpi strong{display:block;font-size:22px}.kpi em{font-style:normal;font-size:12px;color:#59636e}\
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eaeef2}th{font-size:12px;color:#59636e}\
figure{margin:0}svg{max-width:100%;height:auto}.posts{list-style:none;padding:0}.posts li{display:flex;gap:12px;align-items:center;padding:6px 0;border-bottom:1px solid #eaeef2}\
.posts img{width:64px;height:64px;object-fit:cover;border-radius:6px}.insights li{margin:6px 0}\
@media print{body{padding:0;font-size:12px}section{break-inside:avoid}.kpis{grid-template-columns:repeat(5,1fr)}a{color:inherit;text-decoration:none}}";

/// Builds the report and saves it in `<data dir>/exports/` as `report-<period>-<accounts>.html`
/// (or `.pdf`); answers the file's name (the window previews the HTML from there).
pub fn save(ws: &Workspace, period: &str, names: &[String], format: Format) -> Result<String> {
    let d = data(ws, period, names)?;
    let slug: String = format!("{}-{}", period, d.accounts.len())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let (name, bytes) = match format {
        Format::Html => (format!("report-{slug}.html"), html(ws, &d)?.into_bytes()),
        Format::Pdf => (format!("report-{slug}.pdf"), pdf::pdf(&d, &claims(ws, &d))),
    };
    crate::exports::write_into(&crate::exports::dir(ws), &name, &bytes)?;
    Ok(name)
}

/// Builds the report into `<data dir>/attachments/reports/`, where an email may attach it;
/// answers its path relative to the attachments folder and its full path.
pub fn save_attachment(
    ws: &Workspace,
    period: &str,
    names: &[String],
    format: Format,
) -> Result<(String, String)> {
    let d = data(ws, period, names)?;
    let slug: String = period
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let ext = if format == Format::Pdf { "pdf" } else { "html" };
    let dir = ws
        .data_dir()
        .join(crate::attachments::ATTACHMENTS)
        .join("reports");
    let name = format!("report-{slug}.{ext}");
    let bytes = match format {
        Format::Html => html(ws, &d)?.into_bytes(),
        Format::Pdf => pdf::pdf(&d, &claims(ws, &d)),
    };
    let path = crate::exports::write_into(&dir, &name, &bytes)?;
    Ok((format!("reports/{name}"), path.display().to_string()))
}
