//! What the charts promise whichever way they are drawn: every mark named in SVG, a PNG that is
//! the same bytes every time with its text actually drawn, and frames that scale to their card.

use super::*;
use crate::{Heatmap, TopPost, TrendPoint};

fn points(n: usize) -> Vec<TrendPoint> {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date");
    (0..n)
        .map(|i| TrendPoint {
            day: (start + chrono::Duration::days(i as i64))
                .format("%Y-%m-%d")
                .to_string(),
            value: 1_000.0 + (i as f64 * 0.7).sin() * 50.0 + i as f64,
        })
        .collect()
}

fn post(day: u32, likes: i64) -> TopPost {
    serde_json::from_value(serde_json::json!({
        "platform_id": format!("p{day}"), "caption": null, "media_type": null,
        "thumbnail_url": null, "permalink": null,
        "posted_at": format!("2024-03-{day:02}T10:00:00Z"),
        "views": 1000, "likes": likes, "comments": 3, "shares": null, "saves": null,
        "reach": null, "engagement_rate": null, "interactions": likes + 3,
    }))
    .expect("a top post")
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the chart is well-formed SVG")
}

fn titled(doc: &roxmltree::Document<'_>, tag: &str) -> (usize, usize) {
    let marks: Vec<_> = doc.descendants().filter(|n| n.has_tag_name(tag)).collect();
    let with_title = marks
        .iter()
        .filter(|n| n.children().any(|c| c.has_tag_name("title")))
        .count();
    (marks.len(), with_title)
}

#[test]
fn every_series_bar_and_cell_is_named_for_screen_readers() {
    let series = [
        Series {
            label: "Studio".into(),
            points: points(30),
        },
        Series {
            label: "Shop & Co".into(),
            points: points(30),
        },
    ];
    let svg = follower_trend(&series, Theme::Light, "Followers").svg();
    let doc = parse(&svg);
    assert_eq!(doc.root_element().attribute("role"), Some("img"));
    assert_eq!(
        doc.root_element().attribute("aria-label"),
        Some("Followers")
    );
    let (lines, named) = titled(&doc, "polyline");
    assert_eq!(named, 2, "one named line per account");
    let grid = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("1"))
        .count();
    assert_eq!(lines, named + grid, "every other line is a grid line");
    assert!(svg.contains("Shop &amp; Co: "), "{svg}");

    let posts: Vec<TopPost> = (1..=12).map(|d| post(d, i64::from(d) * 10)).collect();
    let doc_svg = engagement_bars(&posts, Theme::Dark, "Interactions").svg();
    let (bars, named) = titled(&parse(&doc_svg), "rect");
    assert_eq!(named, 12, "one named bar per post");
    assert!(bars > named, "the background and legend are plain rects");

    let mut cells = vec![vec![None; 24]; 7];
    let mut counts = vec![vec![0u32; 24]; 7];
    for d in 0..7 {
        cells[d][9] = Some(10.0 + d as f64);
        counts[d][9] = 2;
    }
    let heat = Heatmap {
        cells,
        counts,
        utc_offset_minutes: 0,
    };
    let doc_svg = heatmap_chart(&heat, Theme::Light, "When").svg();
    let (_, named) = titled(&parse(&doc_svg), "rect");
    assert_eq!(named, 7 * 24, "every cell says its weekday, hour and value");
    assert!(doc_svg.contains("Mon 09:00 — 10 interactions per post (2 posts)"));
}

#[test]
fn charts_scale_to_their_card_and_sparklines_keep_their_size() {
    let chart = follower_trend(
        &[Series {
            label: "a".into(),
            points: points(10),
        }],
        Theme::Light,
        "Followers",
    )
    .svg();
    let doc = parse(&chart);
    assert_eq!(doc.root_element().attribute("width"), None);
    assert_eq!(doc.root_element().attribute("viewBox"), Some("0 0 720 300"));
    let spark = sparkline(&points(10), Theme::Dark).svg();
    assert_eq!(parse(&spark).root_element().attribute("width"), Some("120"));
}

#[test]
fn the_last_date_label_ends_inside_the_frame() {
    let svg = follower_trend(
        &[Series {
            label: "a".into(),
            points: points(10),
        }],
        Theme::Light,
        "Followers",
    )
    .svg();
    let doc = parse(&svg);
    let last = doc
        .descendants()
        .rfind(|n| n.has_tag_name("text") && n.text() == Some("Jan 10"))
        .expect("the last day is labelled");
    assert_eq!(last.attribute("text-anchor"), Some("end"));
}

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a known size")];
    let info = reader.next_frame(&mut pixels).expect("one frame");
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

#[test]
fn a_png_is_the_same_bytes_every_time_at_the_size_asked() {
    let chart = follower_trend(
        &[Series {
            label: "a".into(),
            points: points(1_000),
        }],
        Theme::Dark,
        "Followers, last 1000 days",
    );
    let first = chart.png(2).expect("drawn");
    assert_eq!(first, chart.png(2).expect("drawn again"));
    let (w, h, _) = decode(&first);
    assert_eq!((w, h), (1440, 600));
}

#[test]
fn text_in_a_png_is_drawn_with_the_embedded_font() {
    // A message chart is a background and one line of text; with no usable font the image
    // would be a single flat colour.
    let empty = follower_trend(&[], Theme::Light, "Followers");
    let (w, h, pixels) = decode(&empty.png(1).expect("drawn"));
    let background = [0xff, 0xff, 0xff];
    let inked = pixels
        .chunks(3)
        .filter(|px| *px != background.as_slice())
        .count();
    assert!(
        inked > 200,
        "only {inked} of {} pixels differ from the background",
        w * h
    );
    // And the words of the message occupy the middle band of the frame, where it is set.
    let rows_with_ink: Vec<u32> = (0..h)
        .filter(|y| {
            pixels[(*y * w * 3) as usize..((*y + 1) * w * 3) as usize]
                .chunks(3)
                .any(|px| px != background.as_slice())
        })
        .collect();
    let (top, bottom) = (rows_with_ink[0], rows_with_ink[rows_with_ink.len() - 1]);
    assert!(
        top > h / 3 && bottom < 2 * h / 3,
        "ink from row {top} to {bottom}"
    );
}

#[test]
fn every_day_of_a_curve_and_every_bar_can_be_read_by_hover_or_keyboard() {
    let series = [
        Series {
            label: "Studio".into(),
            points: points(10),
        },
        Series {
            label: "Shop".into(),
            points: points(10),
        },
    ];
    let svg = follower_trend(&series, Theme::Light, "Followers").svg();
    let doc = parse(&svg);
    let values: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("data-point"))
        .collect();
    assert_eq!(values.len(), 20, "one readable point per account and day");
    // The exact figure and its date, named by account when several are overlaid.
    let first = points(10)[0].value.round() as i64;
    assert_eq!(
        values[0],
        format!("Studio, Jan 1, 2024: {} followers", grouped(first as f64))
    );
    assert!(values[10].starts_with("Shop, Jan 1, 2024: "));

    let posts: Vec<TopPost> = (1..=4).map(|d| post(d, 100 * i64::from(d))).collect();
    let bars = parse_owned(engagement_bars(&posts, Theme::Dark, "Engagement").svg());
    assert_eq!(bars, 4, "one readable point per bar");

    // A bitmap has nothing to hover: the PNG is unchanged by points.
    let png = follower_trend(&series, Theme::Light, "Followers")
        .png(1)
        .unwrap();
    assert!(png.starts_with(&[0x89, b'P', b'N', b'G']));
}

fn parse_owned(svg: String) -> usize {
    parse(&svg)
        .descendants()
        .filter(|n| n.attribute("data-point").is_some())
        .count()
}
