//! Deterministic accounts, posts and metrics. Follower counts span orders of magnitude, each
//! account posts on its own cadence, engagement depends on weekday and hour (so a heatmap has
//! structure), a few posts go viral, and everything grows as the sandbox clock moves.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Debug, Clone)]
pub struct Account {
    pub platform: &'static str,
    pub index: usize,
    pub id: String,
    pub username: String,
    pub display_name: String,
    followers_base: f64,
    growth_per_day: f64,
    pub following: u64,
    pub anchor: DateTime<Utc>,
    /// Every post, oldest first; only those posted by the clock's time are visible.
    pub posts: Vec<Post>,
}

#[derive(Debug, Clone)]
pub struct Post {
    pub id: String,
    pub posted_at: DateTime<Utc>,
    pub caption: String,
    pub media_type: &'static str,
    final_views: f64,
    like_rate: f64,
    comment_rate: f64,
    share_rate: f64,
    save_rate: f64,
    reach_rate: f64,
    pub duration_secs: u32,
}

/// A post's counts at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metrics {
    pub views: u64,
    pub reach: u64,
    pub likes: u64,
    pub comments: u64,
    pub shares: u64,
    pub saves: u64,
}

const HOUR_WEIGHT: [f64; 24] = [
    0.35, 0.25, 0.2, 0.18, 0.2, 0.3, 0.5, 0.7, 0.85, 0.9, 0.95, 1.05, 1.3, 1.25, 1.0, 0.95, 1.0,
    1.15, 1.35, 1.5, 1.45, 1.2, 0.85, 0.55,
];
const WEEKDAY_WEIGHT: [f64; 7] = [0.85, 0.95, 1.1, 1.0, 1.05, 1.25, 1.2]; // Mon..Sun

/// Posts generated after the anchor, revealed as the clock moves.
const FUTURE_POSTS: usize = 200;

const WORDS: [&str; 16] = [
    "studio",
    "behind the scenes",
    "new drop",
    "tutorial",
    "morning routine",
    "q&a",
    "collab",
    "travel",
    "recipe",
    "giveaway",
    "day in the life",
    "setup tour",
    "tips",
    "unboxing",
    "live",
    "recap",
];

fn rng_for(seed: u64, platform: &str, index: usize) -> ChaCha8Rng {
    let mut h: u64 = seed ^ 0x9e37_79b9_7f4a_7c15;
    for b in platform.bytes() {
        h = h.rotate_left(7) ^ u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    ChaCha8Rng::seed_from_u64(h ^ (index as u64).wrapping_mul(0xff51_afd7_ed55_8ccd))
}

/// Engagement multiplier of a posting time.
pub fn slot_weight(t: DateTime<Utc>) -> f64 {
    HOUR_WEIGHT[t.hour() as usize] * WEEKDAY_WEIGHT[t.weekday().num_days_from_monday() as usize]
}

impl Account {
    pub fn generate(
        seed: u64,
        platform: &'static str,
        index: usize,
        anchor: DateTime<Utc>,
        max_posts: usize,
    ) -> Self {
        let mut rng = rng_for(seed, platform, index);
        // Log-uniform followers between 300 and 3 million.
        let followers_base = 10f64.powf(rng.gen_range(2.5..6.5)).round();
        let growth_per_day = rng.gen_range(0.0005..0.004);
        let cadence_hours = rng.gen_range(18.0..96.0);
        let id_num: u64 = rng.gen_range(17_800_000_000_000_000..17_899_999_999_999_999);
        let handle = format!(
            "{}_{}{}",
            ["maya", "leo", "ava", "noah", "zoe", "kai", "ines", "omar"][index % 8],
            platform,
            index + 1
        );
        let prefix = id_num % 1_000_000_000;
        let step = |rng: &mut ChaCha8Rng| {
            Duration::minutes((cadence_hours * 60.0 * rng.gen_range(0.6..1.4)) as i64)
        };
        // Walk back from the anchor for the history, then forward for the future, so a sandbox
        // clock moved forward sees new posts appear.
        let mut posts = Vec::new();
        let mut t = anchor;
        for n in 0..max_posts {
            t -= step(&mut rng);
            posts.push(Post::generate(&mut rng, prefix, n, t, followers_base));
        }
        posts.reverse();
        let mut t = anchor;
        for n in max_posts..max_posts + FUTURE_POSTS {
            t += step(&mut rng);
            posts.push(Post::generate(&mut rng, prefix, n, t, followers_base));
        }
        // A post moved to its creator's favourite hour can cross a neighbour: keep the list in
        // time order with distinct times, as a platform's timeline is (TikTok pages by time).
        posts.sort_by_key(|p| p.posted_at);
        for i in 1..posts.len() {
            if posts[i].posted_at <= posts[i - 1].posted_at {
                posts[i].posted_at = posts[i - 1].posted_at + Duration::seconds(1);
            }
        }
        Self {
            platform,
            index,
            id: format!("{}{}", id_num, index),
            username: handle.clone(),
            display_name: handle.replace('_', " "),
            followers_base,
            growth_per_day,
            following: rng.gen_range(50..2000),
            anchor,
            posts,
        }
    }

    /// Followers at `t`: compound daily growth from the anchor.
    pub fn followers_at(&self, t: DateTime<Utc>) -> u64 {
        let days = (t - self.anchor).num_seconds() as f64 / 86_400.0;
        (self.followers_base * (1.0 + self.growth_per_day).powf(days))
            .round()
            .max(0.0) as u64
    }

    /// Posts published by `t`, newest first.
    pub fn visible(&self, t: DateTime<Utc>) -> impl Iterator<Item = &Post> {
        self.posts.iter().rev().filter(move |p| p.posted_at <= t)
    }

    pub fn media_count(&self, t: DateTime<Utc>) -> usize {
        self.visible(t).count()
    }
}

impl Post {
    /// Post number `n` of an account, published on the day of `t` at an hour the creator likes.
    fn generate(
        rng: &mut ChaCha8Rng,
        prefix: u64,
        n: usize,
        t: DateTime<Utc>,
        followers_base: f64,
    ) -> Self {
        let hour = if rng.gen_bool(0.7) {
            [12, 13, 18, 19, 20][rng.gen_range(0..5)]
        } else {
            rng.gen_range(0..24)
        };
        let posted_at = t
            .with_hour(hour)
            .unwrap_or(t)
            .with_minute(rng.gen_range(0..60))
            .unwrap_or(t);
        let viral = if rng.gen_bool(0.02) {
            rng.gen_range(8.0..40.0)
        } else {
            1.0
        };
        let noise: f64 = rng.gen_range(0.4..1.8);
        let final_views =
            followers_base * rng.gen_range(0.08..0.45) * slot_weight(posted_at) * noise * viral;
        Post {
            id: format!("{prefix}{n:06}"),
            posted_at,
            caption: format!("{} #{}", WORDS[rng.gen_range(0..WORDS.len())], n + 1),
            media_type: ["VIDEO", "IMAGE", "CAROUSEL_ALBUM"][rng.gen_range(0..3)],
            final_views,
            like_rate: rng.gen_range(0.03..0.12) * slot_weight(posted_at).sqrt(),
            comment_rate: rng.gen_range(0.002..0.012),
            share_rate: rng.gen_range(0.001..0.02),
            save_rate: rng.gen_range(0.002..0.03),
            reach_rate: rng.gen_range(0.6..0.9),
            duration_secs: rng.gen_range(8..600),
        }
    }

    /// Counts at `t`: they rise quickly after posting and settle over a few days.
    pub fn metrics_at(&self, t: DateTime<Utc>) -> Metrics {
        let age_hours = ((t - self.posted_at).num_seconds() as f64 / 3600.0).max(0.0);
        let maturity = 1.0 - (-age_hours / 30.0).exp();
        let views = self.final_views * maturity;
        let n = |rate: f64| (views * rate).round() as u64;
        Metrics {
            views: views.round() as u64,
            reach: n(self.reach_rate),
            likes: n(self.like_rate),
            comments: n(self.comment_rate),
            shares: n(self.share_rate),
            saves: n(self.save_rate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn anchor() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = Account::generate(7, "tiktok", 0, anchor(), 50);
        let b = Account::generate(7, "tiktok", 0, anchor(), 50);
        let c = Account::generate(8, "tiktok", 0, anchor(), 50);
        assert_eq!(a.followers_at(anchor()), b.followers_at(anchor()));
        assert_eq!(
            a.posts[10].metrics_at(anchor()),
            b.posts[10].metrics_at(anchor())
        );
        assert_ne!(a.followers_at(anchor()), c.followers_at(anchor()));
    }

    #[test]
    fn followers_span_orders_of_magnitude_and_grow_with_time() {
        let counts: Vec<u64> = (0..40)
            .map(|i| Account::generate(1, "instagram", i, anchor(), 5).followers_at(anchor()))
            .collect();
        let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(*max > *min * 100, "{min}..{max}");
        let acct = Account::generate(1, "instagram", 0, anchor(), 5);
        assert!(acct.followers_at(anchor() + Duration::days(30)) > acct.followers_at(anchor()));
    }

    #[test]
    fn metrics_grow_then_settle_and_posts_are_hidden_until_published() {
        let acct = Account::generate(3, "youtube", 1, anchor(), 30);
        let newest = acct.posts.last().unwrap();
        let early = newest.metrics_at(newest.posted_at + Duration::hours(2));
        let later = newest.metrics_at(newest.posted_at + Duration::days(5));
        assert!(later.views > early.views);
        assert_eq!(acct.visible(anchor() - Duration::days(10_000)).count(), 0);
        assert_eq!(acct.visible(anchor()).count(), 30);
        assert!(
            acct.visible(anchor() + Duration::days(30)).count() > 30,
            "new posts appear as the clock moves"
        );
    }
}
