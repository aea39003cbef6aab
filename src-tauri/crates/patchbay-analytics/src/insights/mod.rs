//! Insights computed on this machine from the stored history, each with its evidence (how many
//! posts or days, the period, the figures compared) and a confidence that comes from the data
//! (how far the effect is from nothing, given its spread), never from a constant. Below the
//! stated minimums an insight says "not enough data yet" and claims nothing.

mod rhythm;
mod stats;

pub use rhythm::rhythm;

use crate::posts::TopPost;
use crate::trend::TrendPoint;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Days of follower history a trend needs.
pub const MIN_DAYS: usize = 7;
/// Posts an account needs before a post can stand out.
pub const MIN_POSTS_OUTLIERS: usize = 10;
/// Posts a hashtag, media type or hour needs before it is compared.
pub const MIN_GROUP: usize = 3;
/// Posts the posting-time comparison needs.
pub const MIN_POSTS_RHYTHM: usize = 20;
/// How sure a statement must be before it is made as a claim.
pub const CLAIM: f64 = 0.9;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Evidence {
    /// Posts or days the figure rests on.
    #[ts(type = "number")]
    pub n: i64,
    /// The period, in words.
    pub period: String,
    /// The figures compared, by name.
    pub figures: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Insight {
    /// growth, outlier, content, rhythm or platform.
    pub kind: String,
    pub connection_id: Option<String>,
    pub title: String,
    /// One sentence, backed by the evidence.
    pub statement: String,
    /// False: not enough data yet (the statement says how much more is needed).
    pub enough: bool,
    /// 0.5 (a coin toss) … 1 (certain), from the data; none when there is not enough.
    pub confidence: Option<f64>,
    pub evidence: Evidence,
}

fn pct(c: f64) -> String {
    format!("{:.0} % sure", (c * 100.0).min(99.0))
}

fn figures(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

fn short(n: f64) -> String {
    if n.abs() >= 10_000.0 {
        format!("{:.1}k", n / 1000.0)
    } else {
        format!("{n:.0}")
    }
}

/// Follower growth: the weekly rate from a least-squares line, whether it changed between the
/// halves of the period, and a 30-day projection with its 95 % interval.
pub fn growth(id: Option<&str>, points: &[TrendPoint], period: &str) -> Insight {
    let n = points.len();
    let base = |statement: String, enough, confidence, figures| Insight {
        kind: "growth".into(),
        connection_id: id.map(str::to_owned),
        title: "Follower growth".into(),
        statement,
        enough,
        confidence,
        evidence: Evidence {
            n: n as i64,
            period: period.into(),
            figures,
        },
    };
    if n < MIN_DAYS {
        return base(
            format!("Not enough data yet: {n} days of follower history, {MIN_DAYS} needed."),
            false,
            None,
            BTreeMap::new(),
        );
    }
    let xy: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.value))
        .collect();
    let Some(l) = stats::line(&xy) else {
        return base(
            "Not enough data yet: the follower history has no spread.".into(),
            false,
            None,
            BTreeMap::new(),
        );
    };
    let last = xy[n - 1].1;
    let weekly = 7.0 * l.slope;
    let confidence = if l.se == 0.0 {
        if l.slope == 0.0 { 0.5 } else { 1.0 }
    } else {
        stats::phi(l.slope.abs() / l.se)
    };
    let (projected, half) = l.predict((n - 1 + 30) as f64);
    let mut figs = vec![
        ("followers", last),
        ("per_week", weekly),
        ("projected_30d", projected),
        ("projected_low", projected - half),
        ("projected_high", projected + half),
    ];
    let statement = if confidence < CLAIM {
        format!(
            "No clear trend: followers moved by {} a week, within the day-to-day noise ({}).",
            short(weekly),
            pct(confidence)
        )
    } else {
        let rate = if last > 0.0 {
            weekly / last * 100.0
        } else {
            0.0
        };
        figs.push(("percent_per_week", rate));
        let dir = if weekly > 0.0 { "Growing" } else { "Shrinking" };
        format!(
            "{dir} by {} followers a week ({rate:+.2} %); in 30 days about {} (between {} and {}), {}.",
            short(weekly.abs()),
            short(projected),
            short(projected - half),
            short(projected + half),
            pct(confidence)
        )
    };
    // A change point: the two halves' slopes, when both are long enough.
    let mut statement = statement;
    if n >= 2 * MIN_DAYS {
        let (a, b) = xy.split_at(n / 2);
        if let (Some(la), Some(lb)) = (stats::line(a), stats::line(b)) {
            let se = (la.se.powi(2) + lb.se.powi(2)).sqrt();
            let d = lb.slope - la.slope;
            let sure = if se == 0.0 {
                if d == 0.0 { 0.5 } else { 1.0 }
            } else {
                stats::phi(d.abs() / se)
            };
            figs.push(("per_week_first_half", 7.0 * la.slope));
            figs.push(("per_week_second_half", 7.0 * lb.slope));
            if sure >= CLAIM && d.abs() * 7.0 >= 1.0 {
                let how = if d > 0.0 { "sped up" } else { "slowed down" };
                statement.push_str(&format!(
                    " Growth {how} halfway through: {} a week, then {}.",
                    short(7.0 * la.slope),
                    short(7.0 * lb.slope)
                ));
            }
        }
    }
    base(statement, true, Some(confidence), figures(&figs))
}

fn views(p: &TopPost) -> Option<f64> {
    p.views.map(|v| v as f64)
}

fn hashtags(caption: &str) -> Vec<String> {
    caption
        .split_whitespace()
        .filter_map(|w| w.strip_prefix('#'))
        .map(|t| {
            t.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_')
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Posts far above the account's rolling baseline (the median of the ten posts before): at
/// least three times the baseline and three robust deviations above it.
pub fn outliers(id: Option<&str>, posts: &[TopPost], period: &str) -> Vec<Insight> {
    let mut timed: Vec<&TopPost> = posts.iter().filter(|p| p.views.is_some()).collect();
    timed.sort_by(|a, b| a.posted_at.cmp(&b.posted_at));
    let n = timed.len();
    if n < MIN_POSTS_OUTLIERS {
        return vec![Insight {
            kind: "outlier".into(),
            connection_id: id.map(str::to_owned),
            title: "Posts that stood out".into(),
            statement: format!(
                "Not enough data yet: {n} posts with views, {MIN_POSTS_OUTLIERS} needed."
            ),
            enough: false,
            confidence: None,
            evidence: Evidence {
                n: n as i64,
                period: period.into(),
                figures: BTreeMap::new(),
            },
        }];
    }
    let mut out = Vec::new();
    for i in 5..n {
        let before: Vec<f64> = timed[i.saturating_sub(10)..i]
            .iter()
            .filter_map(|p| views(p))
            .collect();
        let logs: Vec<f64> = before.iter().map(|v| v.ln_1p()).collect();
        let baseline = stats::median(&before);
        let v = views(timed[i]).unwrap_or(0.0);
        let spread = stats::mad(&logs);
        let z = if spread > 0.0 {
            (v.ln_1p() - stats::median(&logs)) / spread
        } else if v > baseline {
            10.0
        } else {
            0.0
        };
        let ratio = if baseline > 0.0 { v / baseline } else { 0.0 };
        if ratio >= 3.0 && z >= 3.0 {
            let p = timed[i];
            let caption = p.caption.as_deref().unwrap_or("(no caption)");
            let what: Vec<String> = p
                .media_type
                .iter()
                .cloned()
                .chain(hashtags(caption).into_iter().map(|t| format!("#{t}")))
                .collect();
            out.push(Insight {
                kind: "outlier".into(),
                connection_id: id.map(str::to_owned),
                title: "A post that stood out".into(),
                statement: format!(
                    "“{}” got {} views, {ratio:.1}× the account's usual {} (the median of the ten posts before){}.",
                    caption.chars().take(60).collect::<String>(), short(v), short(baseline),
                    if what.is_empty() { String::new() } else { format!("; it was {}", what.join(", ")) }
                ),
                enough: true,
                confidence: Some(stats::phi(z - 2.0)),
                evidence: Evidence { n: before.len() as i64 + 1, period: p.posted_at.clone(), figures: figures(&[("views", v), ("baseline", baseline), ("ratio", ratio), ("robust_z", z)]) },
            });
        }
    }
    out
}

/// Hashtags, media types and caption lengths whose posts get more (or fewer) views than the
/// account's others, as a ratio with its 95 % interval; only those whose interval leaves 1.
pub fn content(id: Option<&str>, posts: &[TopPost], period: &str) -> Vec<Insight> {
    let with: Vec<&TopPost> = posts.iter().filter(|p| p.views.is_some()).collect();
    if with.len() < MIN_POSTS_OUTLIERS {
        return Vec::new();
    }
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in with.iter().enumerate() {
        let caption = p.caption.as_deref().unwrap_or("");
        for t in hashtags(caption) {
            groups.entry(format!("#{t}")).or_default().push(i);
        }
        if let Some(m) = &p.media_type {
            groups
                .entry(format!("{} posts", m.to_lowercase()))
                .or_default()
                .push(i);
        }
        let len = if caption.chars().count() < 80 {
            "short captions (under 80 characters)"
        } else {
            "long captions (80 characters or more)"
        };
        groups.entry(len.to_owned()).or_default().push(i);
    }
    let mut out = Vec::new();
    for (label, members) in groups {
        if members.len() < MIN_GROUP || members.len() == with.len() {
            continue;
        }
        let group: Vec<f64> = members.iter().filter_map(|i| views(with[*i])).collect();
        let rest: Vec<f64> = with
            .iter()
            .enumerate()
            .filter(|(i, _)| !members.contains(i))
            .filter_map(|(_, p)| views(p))
            .collect();
        let Some(l) = stats::lift(&group, &rest) else {
            continue;
        };
        if l.low > 1.0 || l.high < 1.0 {
            let how = if l.ratio > 1.0 { "more" } else { "fewer" };
            out.push(Insight {
                kind: "content".into(),
                connection_id: id.map(str::to_owned),
                title: format!("What works: {label}"),
                statement: format!(
                    "Posts with {label} get {:.1}× the views of the others ({how}; between {:.1}× and {:.1}×, {} posts, {}).",
                    l.ratio, l.low, l.high, group.len(), pct(l.confidence)
                ),
                enough: true,
                confidence: Some(l.confidence),
                evidence: Evidence { n: with.len() as i64, period: period.into(), figures: figures(&[("lift", l.ratio), ("low", l.low), ("high", l.high), ("posts_with", group.len() as f64)]) },
            });
        }
    }
    out.sort_by(|a, b| b.evidence.figures["lift"].total_cmp(&a.evidence.figures["lift"]));
    out
}

/// "Improving" and "double down", only from the insights above that are sure enough.
pub fn platform(id: Option<&str>, name: &str, found: &[Insight]) -> Vec<Insight> {
    let mut out = Vec::new();
    let sure = |i: &&Insight| i.enough && i.confidence.is_some_and(|c| c >= CLAIM);
    if let Some(g) = found.iter().filter(sure).find(|i| {
        i.kind == "growth" && i.evidence.figures.get("per_week").is_some_and(|w| *w > 0.0)
    }) {
        out.push(Insight {
            kind: "platform".into(),
            connection_id: id.map(str::to_owned),
            title: format!("{name}: improving"),
            statement: format!("{name} is improving: {}", g.statement),
            enough: true,
            confidence: g.confidence,
            evidence: g.evidence.clone(),
        });
    }
    if let Some(c) = found
        .iter()
        .filter(sure)
        .find(|i| i.kind == "content" && i.evidence.figures.get("lift").is_some_and(|l| *l > 1.0))
    {
        out.push(Insight {
            kind: "platform".into(),
            connection_id: id.map(str::to_owned),
            title: format!("{name}: double down"),
            statement: format!(
                "Double down on {}",
                c.title.trim_start_matches("What works: ")
            ),
            enough: true,
            confidence: c.confidence,
            evidence: c.evidence.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests;
