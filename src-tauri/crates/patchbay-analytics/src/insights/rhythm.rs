//! Posting rhythm: how often an account posts, and which hour of the day does best.

use super::*;

/// Posting rhythm: posts a week, and the hour of day (in the user's time zone) whose posts get
/// the most views against all other hours.
pub fn rhythm(
    id: Option<&str>,
    posts: &[TopPost],
    period: &str,
    utc_offset_minutes: i32,
) -> Insight {
    let with: Vec<(u32, f64, chrono::DateTime<chrono::FixedOffset>)> = posts
        .iter()
        .filter_map(|p| {
            let t = chrono::DateTime::parse_from_rfc3339(&p.posted_at).ok()?;
            let local = t.with_timezone(&chrono::FixedOffset::east_opt(utc_offset_minutes * 60)?);
            Some((chrono::Timelike::hour(&local), views(p)?, local))
        })
        .collect();
    let n = with.len();
    let weeks = match (
        with.iter().map(|w| w.2).min(),
        with.iter().map(|w| w.2).max(),
    ) {
        (Some(a), Some(b)) => ((b - a).num_hours() as f64 / 168.0).max(1.0),
        _ => 1.0,
    };
    let cadence = n as f64 / weeks;
    let base = |statement: String, enough, confidence, figs: Vec<(&str, f64)>| Insight {
        kind: "rhythm".into(),
        connection_id: id.map(str::to_owned),
        title: "When to post".into(),
        statement,
        enough,
        confidence,
        evidence: Evidence {
            n: n as i64,
            period: period.into(),
            figures: figures(&figs),
        },
    };
    if n < MIN_POSTS_RHYTHM {
        return base(
            format!(
                "Not enough data yet: {n} posts, {MIN_POSTS_RHYTHM} needed to compare posting times ({cadence:.1} posts a week so far)."
            ),
            false,
            None,
            vec![("per_week", cadence)],
        );
    }
    let mut best: Option<(u32, stats::Lift, usize)> = None;
    for hour in 0..24 {
        let group: Vec<f64> = with.iter().filter(|w| w.0 == hour).map(|w| w.1).collect();
        if group.len() < MIN_GROUP {
            continue;
        }
        let rest: Vec<f64> = with.iter().filter(|w| w.0 != hour).map(|w| w.1).collect();
        if let Some(l) = stats::lift(&group, &rest)
            && best.as_ref().is_none_or(|(_, b, _)| l.ratio > b.ratio)
        {
            best = Some((hour, l, group.len()));
        }
    }
    match best {
        Some((hour, l, k)) if l.ratio > 1.0 && l.confidence >= CLAIM => base(
            format!(
                "Posts at {hour:02}:00–{:02}:00 get {:.1}× the views of other hours ({k} posts, {}); you post {cadence:.1} times a week.",
                (hour + 1) % 24,
                l.ratio,
                pct(l.confidence)
            ),
            true,
            Some(l.confidence),
            vec![
                ("best_hour", f64::from(hour)),
                ("lift", l.ratio),
                ("low", l.low),
                ("high", l.high),
                ("per_week", cadence),
            ],
        ),
        Some((_, l, _)) => base(
            format!(
                "No posting hour stands out yet: the best is within the noise ({}); you post {cadence:.1} times a week.",
                pct(l.confidence)
            ),
            true,
            Some(l.confidence),
            vec![("per_week", cadence)],
        ),
        None => base(
            format!("No hour has {MIN_GROUP} posts yet; you post {cadence:.1} times a week."),
            false,
            None,
            vec![("per_week", cadence)],
        ),
    }
}
