//! Chart drawing: a 1,000-point follower series (the longest a three-year account shows), a
//! 365-day heatmap and 90 bars, each as SVG for the window and as a 2× PNG for reports.
//! `cargo bench -p patchbay-analytics --bench charts`; the figures are in docs/benchmarks.md.

use patchbay_analytics::charts::{self, Series, Theme};
use patchbay_analytics::{Heatmap, TopPost, TrendPoint};
use std::time::Instant;

const RUNS: usize = 21;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

fn main() {
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("a date");
    let points: Vec<TrendPoint> = (0..1_000)
        .map(|i| TrendPoint {
            day: (start + chrono::Duration::days(i))
                .format("%Y-%m-%d")
                .to_string(),
            value: 10_000.0 + (i as f64 * 0.05).sin() * 800.0 + i as f64 * 12.0,
        })
        .collect();
    let series = [Series {
        label: "Account".into(),
        points,
    }];
    let trend = charts::follower_trend(&series, Theme::Light, "Followers, last 1000 days");
    let posts: Vec<TopPost> = (0..90)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "platform_id": format!("p{i}"), "caption": null, "media_type": null,
                "thumbnail_url": null, "permalink": null,
                "posted_at": format!("2024-{:02}-{:02}T10:00:00Z", 1 + i / 28, 1 + i % 28),
                "views": 1000, "likes": 100 + i * 7 % 50, "comments": 3, "shares": null,
                "saves": null, "reach": null, "engagement_rate": null, "interactions": 0,
            }))
            .expect("a post")
        })
        .collect();
    let bars = charts::engagement_bars(&posts, Theme::Light, "Interactions per post");
    let heat = charts::heatmap_chart(
        &Heatmap {
            cells: (0..7)
                .map(|d| (0..24).map(|h| Some(f64::from(d * 24 + h))).collect())
                .collect(),
            counts: vec![vec![3; 24]; 7],
            utc_offset_minutes: 0,
        },
        Theme::Dark,
        "When your posts do best",
    );
    println!("| chart | SVG | PNG (2×) |");
    println!("|---|---|---|");
    for (name, chart) in [
        ("follower trend, 1,000 points", &trend),
        ("engagement, 90 bars", &bars),
        ("heatmap, 7 × 24 cells", &heat),
    ] {
        let svg = median_ms(|| drop(chart.svg()));
        let png = median_ms(|| drop(chart.png(2).expect("drawn")));
        println!(
            "| {name} | {svg:.2} ms ({} KB) | {png:.1} ms ({} KB) |",
            chart.svg().len() / 1024,
            chart.png(2).expect("drawn").len() / 1024
        );
    }
}
