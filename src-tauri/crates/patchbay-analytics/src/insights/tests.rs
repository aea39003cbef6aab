//! Insights against fixed synthetic histories whose answers are known by construction.

use super::*;

fn post(i: usize, hour: u32, views: i64, caption: &str, media: &str) -> TopPost {
    TopPost {
        platform_id: format!("p{i}"),
        caption: Some(caption.into()),
        media_type: Some(media.into()),
        thumbnail_url: None,
        thumbnail_file: None,
        permalink: None,
        posted_at: format!("2026-10-{:02}T{hour:02}:15:00Z", 1 + i / 2),
        views: Some(views),
        likes: None,
        comments: None,
        shares: None,
        saves: None,
        reach: None,
        engagement_rate: None,
    }
}

/// A wobble that repeats: 1000 × (0.9 … 1.1).
fn usual(i: usize) -> i64 {
    1000 + [(-100), 40, -30, 90, -60, 10, 70, -80, 20, 50][i % 10]
}

fn days(values: &[f64]) -> Vec<TrendPoint> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| TrendPoint {
            day: format!("2026-11-{:02}", i + 1),
            value: *v,
        })
        .collect()
}

#[test]
fn a_planted_outlier_is_found_and_nothing_else() {
    let posts: Vec<TopPost> = (0..30)
        .map(|i| {
            if i == 20 {
                post(i, 12, 9000, "Studio tour #behindthescenes", "VIDEO")
            } else {
                post(i, 12, usual(i), "Daily post", "IMAGE")
            }
        })
        .collect();
    let found = outliers(Some("c"), &posts, "30 days");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0].evidence.figures;
    assert_eq!(f["views"], 9000.0);
    assert_eq!(
        f["baseline"],
        stats::median(&(10..20).map(|i| usual(i) as f64).collect::<Vec<_>>())
    );
    assert!((f["ratio"] - 9000.0 / f["baseline"]).abs() < 1e-9);
    assert!(
        found[0].statement.contains("#behindthescenes") && found[0].statement.contains("VIDEO"),
        "what it was is said"
    );
}

#[test]
fn a_planted_best_hour_wins() {
    // 72 posts over 36 days; those at 18:00 get three times the views.
    let posts: Vec<TopPost> = (0..72)
        .map(|i| {
            let hour = [9, 12, 18, 21][i % 4];
            let v = if hour == 18 { 3 * usual(i) } else { usual(i) };
            post(i, hour, v, "post", "IMAGE")
        })
        .collect();
    let r = rhythm(Some("c"), &posts, "36 days", 0);
    assert!(r.enough);
    assert_eq!(r.evidence.figures["best_hour"], 18.0, "{r:#?}");
    assert!((r.evidence.figures["lift"] - 3.0).abs() < 0.3, "{r:#?}");
    assert!(r.confidence.unwrap() > 0.99);
    assert!(
        r.statement.starts_with("Posts at 18:00–19:00"),
        "{}",
        r.statement
    );
    // The same posts seen from UTC+2: the best hour moves to 20:00 local.
    let shifted = rhythm(Some("c"), &posts, "36 days", 120);
    assert_eq!(shifted.evidence.figures["best_hour"], 20.0);
}

#[test]
fn a_flat_account_gets_no_false_claims() {
    let flat: Vec<f64> = (0..30)
        .map(|i| 10_000.0 + [3.0, -2.0, 1.0, -3.0, 2.0][i % 5])
        .collect();
    let g = growth(Some("c"), &days(&flat), "30 days");
    assert!(g.enough);
    assert!(g.confidence.unwrap() < CLAIM, "{g:#?}");
    assert!(g.statement.starts_with("No clear trend"), "{}", g.statement);
    let posts: Vec<TopPost> = (0..30)
        .map(|i| post(i, 12, usual(i), "Daily post", "IMAGE"))
        .collect();
    assert!(outliers(Some("c"), &posts, "30 days").is_empty());
    assert!(
        content(Some("c"), &posts, "30 days").is_empty(),
        "no group differs"
    );
    let r = rhythm(Some("c"), &posts, "30 days", 0);
    assert!(
        !r.enough || r.confidence.unwrap_or(0.0) < CLAIM || !r.statement.starts_with("Posts at")
    );
    let mut all = vec![g];
    all.push(r);
    assert!(
        platform(Some("c"), "Flat", &all).is_empty(),
        "nothing improving, nothing to double down on"
    );
}

#[test]
fn short_histories_say_not_enough_data() {
    let g = growth(None, &days(&[1.0, 2.0, 3.0]), "3 days");
    assert!(!g.enough && g.confidence.is_none());
    assert_eq!(
        g.statement,
        "Not enough data yet: 3 days of follower history, 7 needed."
    );
    let few: Vec<TopPost> = (0..4).map(|i| post(i, 12, 100, "x", "IMAGE")).collect();
    assert!(!outliers(None, &few, "4 days")[0].enough);
    assert!(!rhythm(None, &few, "4 days", 0).enough);
}

#[test]
fn steady_growth_is_measured_and_projected() {
    let grow: Vec<f64> = (0..21)
        .map(|i| 5000.0 + 10.0 * i as f64 + [1.0, -1.0, 0.0][i % 3])
        .collect();
    let g = growth(Some("c"), &days(&grow), "21 days");
    let f = &g.evidence.figures;
    assert!((f["per_week"] - 70.0).abs() < 1.0, "{f:?}");
    let expected = 5000.0 + 10.0 * 50.0;
    assert!(
        (f["projected_30d"] - expected).abs() < 5.0
            && f["projected_low"] < expected
            && f["projected_high"] > expected
    );
    assert!(g.confidence.unwrap() > 0.999);
    assert!(
        g.statement.starts_with("Growing by 70 followers a week"),
        "{}",
        g.statement
    );
    let improving = platform(Some("c"), "Studio", &[g]);
    assert_eq!(improving.len(), 1);
}

#[test]
fn a_hashtag_that_lifts_views_is_named_with_its_interval() {
    let posts: Vec<TopPost> = (0..40)
        .map(|i| {
            if i % 4 == 0 {
                post(i, 12, 5 * usual(i) / 2, "How I edit #tutorial", "VIDEO")
            } else {
                post(i, 12, usual(i), "A day in the studio", "VIDEO")
            }
        })
        .collect();
    let found = content(Some("c"), &posts, "40 days");
    let tutorial = found
        .iter()
        .find(|i| i.title == "What works: #tutorial")
        .expect("the hashtag is found");
    let f = &tutorial.evidence.figures;
    assert!((f["lift"] - 2.5).abs() < 0.2 && f["low"] > 1.0, "{f:?}");
    assert_eq!(f["posts_with"], 10.0);
    let double = platform(Some("c"), "Studio", &found);
    assert!(
        double
            .iter()
            .any(|i| i.statement == "Double down on #tutorial"),
        "{double:#?}"
    );
}
