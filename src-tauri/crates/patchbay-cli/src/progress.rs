//! Progress bars for `patchbay sync` on a terminal: one line per connection, a bar when the
//! platform says how many posts the account has (a first sync), a spinner otherwise.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use patchbay_core::sync::progress::{Progress, Stage};
use std::collections::HashMap;
use std::time::Duration;

pub struct Bars {
    multi: MultiProgress,
    bars: HashMap<String, ProgressBar>,
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

impl Bars {
    pub fn new() -> Self {
        Self {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stdout()),
            bars: HashMap::new(),
        }
    }

    pub fn update(&mut self, p: &Progress) {
        let multi = &self.multi;
        let bar = self.bars.entry(p.connection_id.clone()).or_insert_with(|| {
            let bar = multi.add(ProgressBar::new_spinner());
            bar.set_style(style("{spinner} {prefix:<26} {pos:>5} posts  {msg}"));
            bar.set_prefix(p.name.clone());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        if let Some(total) = p.expected_posts.filter(|t| *t > 0)
            && bar.length() != Some(total as u64)
        {
            bar.set_length(total as u64);
            bar.set_style(style(
                "  {prefix:<26} [{bar:28}] {pos:>5}/{len} posts  {msg}",
            ));
        }
        bar.set_position(p.posts.max(0) as u64);
        match p.stage {
            Stage::Started => bar.set_message("starting"),
            Stage::Profile => bar.set_message("profile"),
            Stage::Posts => bar.set_message("posts"),
            Stage::Backfill => bar.set_message("backfilling older posts"),
            Stage::Insights => bar.set_message("insights"),
            Stage::Finished => {
                let status = p.status.as_deref().unwrap_or("done");
                let mark = if status == "ok" { "✓" } else { "✗" };
                bar.finish_with_message(format!("{mark} {status}"));
            }
        }
    }

    /// Leaves the finished lines on screen.
    pub fn done(self) {
        for bar in self.bars.values() {
            if !bar.is_finished() {
                bar.abandon();
            }
        }
    }
}
