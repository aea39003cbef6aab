use crate::cli::{Format, ReportArgs, ReportKind};
use crate::output;
use patchbay_core::analytics::{self, EngagementFormula};
use patchbay_core::{Error, Workspace};
use std::path::Path;

pub fn run(data_dir: &Path, args: &ReportArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    report(&ws, args).unwrap_or_else(|e| output::error(&e))
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn report(ws: &Workspace, a: &ReportArgs) -> Result<u8, Error> {
    let connection = || {
        a.connection.first().map(String::as_str).ok_or_else(|| {
            Error::InvalidInput(
                "Name the account with --connection ID (patchbay connections list shows the ids)."
                    .into(),
            )
        })
    };
    match a.kind {
        ReportKind::Build => {
            let out = a.output.clone().ok_or_else(|| {
                Error::InvalidInput("Say where to write the report with -o FILE.html.".into())
            })?;
            use patchbay_core::reports::Format as Written;
            let pdf_name = out.extension().is_some_and(|e| e == "pdf");
            let format = match a.format {
                Format::Pdf => Written::Pdf,
                Format::Html => Written::Html,
                Format::Table if pdf_name => Written::Pdf,
                Format::Table => Written::Html,
                Format::Csv | Format::Json => {
                    return Err(Error::InvalidInput(
                        "A report is written as HTML or PDF (--format html|pdf).".into(),
                    ));
                }
            };
            let mut chosen = a.connection.clone();
            if let Some(tag) = &a.tag {
                chosen.extend(patchbay_core::connections::tags::tagged(ws, tag)?);
            }
            patchbay_core::reports::write(ws, &a.period, &chosen, format, &out)?;
            println!("Wrote {}.", out.display());
        }
        ReportKind::Compare => {
            super::compare::print(ws, a.days, a.format)?;
        }
        ReportKind::Overview => {
            let formula: EngagementFormula = serde_json::from_value(serde_json::Value::String(
                a.engagement.clone(),
            ))
            .map_err(|_| {
                Error::InvalidInput(format!(
                    "--engagement {} is not per_follower, per_reach or per_view.",
                    a.engagement
                ))
            })?;
            let o = analytics::overview(ws.database(), connection()?, a.days, formula)?;
            match a.format {
                Format::Json | Format::Html | Format::Pdf => output::json(&o),
                Format::Csv => {
                    println!(
                        "connection_id,handle,followers,change_7d,change_30d,change_90d,posts,total_views,engagement_rate,engagement_formula"
                    );
                    println!(
                        "{},{},{},{},{},{},{},{},{},{}",
                        o.connection_id,
                        csv_cell(o.handle.as_deref().unwrap_or("")),
                        opt(o.followers),
                        opt(o.change_7d),
                        opt(o.change_30d),
                        opt(o.change_90d),
                        o.posts_in_period,
                        o.total_views,
                        opt(o.engagement_rate.map(|r| format!("{r:.3}"))),
                        o.engagement_label
                    );
                }
                Format::Table => {
                    println!(
                        "{} ({})",
                        o.handle.as_deref().unwrap_or("?"),
                        o.connection_id
                    );
                    println!(
                        "  followers        {}",
                        o.followers
                            .map(output::count)
                            .unwrap_or_else(|| "unknown".into())
                    );
                    for (label, v) in [
                        ("change 7 days", o.change_7d),
                        ("change 30 days", o.change_30d),
                        ("change 90 days", o.change_90d),
                    ] {
                        println!(
                            "  {label:<16} {}",
                            v.map(|c| format!("{c:+}"))
                                .unwrap_or_else(|| "not enough history yet".into())
                        );
                    }
                    println!(
                        "  posts            {} in the last {} days, {} views",
                        o.posts_in_period,
                        o.period_days,
                        output::count(o.total_views)
                    );
                    match (o.engagement_rate, &o.engagement_note) {
                        (Some(r), _) => {
                            println!("  engagement       {r:.2} % ({})", o.engagement_label)
                        }
                        (None, Some(note)) => {
                            println!("  engagement       n/a ({}): {note}", o.engagement_label)
                        }
                        (None, None) => println!("  engagement       n/a"),
                    }
                }
            }
        }
        ReportKind::Posts => {
            let posts = analytics::top_posts(
                ws.database(),
                connection()?,
                a.days,
                if a.format == Format::Table { 10 } else { 0 },
            )?;
            match a.format {
                Format::Json | Format::Html | Format::Pdf => output::json(&posts),
                Format::Csv => {
                    println!(
                        "platform_id,posted_at,caption,views,likes,comments,shares,saves,reach,engagement_rate,permalink"
                    );
                    for p in &posts {
                        println!(
                            "{},{},{},{},{},{},{},{},{},{},{}",
                            p.platform_id,
                            p.posted_at,
                            csv_cell(p.caption.as_deref().unwrap_or("")),
                            opt(p.views),
                            opt(p.likes),
                            opt(p.comments),
                            opt(p.shares),
                            opt(p.saves),
                            opt(p.reach),
                            opt(p.engagement_rate.map(|r| format!("{r:.4}"))),
                            csv_cell(p.permalink.as_deref().unwrap_or(""))
                        );
                    }
                }
                Format::Table => {
                    println!(
                        "Top posts of the last {} days (by engagement rate, then views):",
                        a.days
                    );
                    for p in &posts {
                        let caption: String = p
                            .caption
                            .as_deref()
                            .unwrap_or("")
                            .chars()
                            .take(36)
                            .collect();
                        println!(
                            "  {:<10} {:<37} {:>8} views {:>7} likes {:>6} comments  {}",
                            &p.posted_at[..10],
                            caption,
                            p.views.map(output::count).unwrap_or_default(),
                            p.likes.map(output::count).unwrap_or_default(),
                            p.comments.map(output::count).unwrap_or_default(),
                            p.engagement_rate
                                .map(|r| format!("{r:.2} %"))
                                .unwrap_or_default()
                        );
                    }
                }
            }
        }
        ReportKind::Trend => {
            let points = analytics::trend(ws.database(), connection()?, &a.metric, a.days)?;
            match a.format {
                Format::Json | Format::Html | Format::Pdf => output::json(&points),
                _ => {
                    println!("day,{}", a.metric);
                    for p in &points {
                        println!("{},{}", p.day, p.value);
                    }
                }
            }
        }
        ReportKind::Heatmap => {
            let h = analytics::heatmap(ws.database(), connection()?, a.days, a.utc_offset)?;
            match a.format {
                Format::Json | Format::Html | Format::Pdf => output::json(&h),
                _ => {
                    println!(
                        "weekday,{}",
                        (0..24).map(|h| h.to_string()).collect::<Vec<_>>().join(",")
                    );
                    for (day, row) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                        .iter()
                        .zip(&h.cells)
                    {
                        println!(
                            "{day},{}",
                            row.iter()
                                .map(|c| c.map(|v| format!("{v:.1}")).unwrap_or_default())
                                .collect::<Vec<_>>()
                                .join(",")
                        );
                    }
                }
            }
        }
    }
    Ok(0)
}

pub fn export(data_dir: &Path, args: &crate::cli::ExportArgs) -> u8 {
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    let written = match &args.connection {
        Some(c) => patchbay_core::connections::resolve(&ws, c)
            .and_then(|id| patchbay_core::data::export_to(&ws, &id, &args.output)),
        None => patchbay_core::data::export_all(&ws, &args.output, args.tag.as_deref()),
    };
    match written {
        Ok(files) => {
            for f in files {
                println!("wrote {}", f.display());
            }
            0
        }
        Err(e) => output::error(&e),
    }
}

pub fn chart(data_dir: &Path, args: &crate::cli::ChartArgs) -> u8 {
    use crate::cli::{ChartArg, ThemeArg};
    use patchbay_core::charts::{self, ChartKind, Theme};
    let ws = match Workspace::open(data_dir) {
        Ok(ws) => ws,
        Err(e) => return output::error(&e),
    };
    let kind = match args.kind {
        ChartArg::Followers => ChartKind::Followers,
        ChartArg::Engagement => ChartKind::Engagement,
        ChartArg::Heatmap => ChartKind::Heatmap,
    };
    let theme = if args.theme == ThemeArg::Dark {
        Theme::Dark
    } else {
        Theme::Light
    };
    let chart = match charts::render(
        ws.database(),
        kind,
        &args.connection,
        args.days,
        theme,
        args.utc_offset,
    ) {
        Ok(chart) => chart,
        Err(e) => return output::error(&e),
    };
    // A `.png` name gets a bitmap at twice the size (sharp in email); anything else SVG.
    let png = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let bytes = if png {
        match chart.png(2) {
            Ok(bytes) => bytes,
            Err(e) => {
                return output::error(&patchbay_core::Error::ChartRender {
                    reason: e.to_string(),
                });
            }
        }
    } else {
        chart.svg().into_bytes()
    };
    match std::fs::write(&args.output, bytes) {
        Ok(()) => {
            println!("wrote {}", args.output.display());
            0
        }
        Err(e) => output::error(&patchbay_core::Error::Io {
            path: args.output.clone(),
            action: "written",
            reason: e.to_string(),
        }),
    }
}
