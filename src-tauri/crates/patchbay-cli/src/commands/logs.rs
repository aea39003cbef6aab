//! `patchbay logs` and `patchbay diagnostics`.

use crate::cli::LogsArgs;
use crate::output;
use patchbay_core::logs;
use std::path::Path;
use std::time::Duration;

pub fn logs(data_dir: &Path, args: &LogsArgs) -> u8 {
    let shown = logs::recent(data_dir, args.lines);
    for line in &shown {
        println!("{line}");
    }
    if !args.follow {
        return 0;
    }
    // New lines are whatever the file holds past what was printed; a rotation starts over.
    let mut seen = logs::recent(data_dir, usize::MAX).len();
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let all = logs::recent(data_dir, usize::MAX);
        if all.len() < seen {
            seen = 0;
        }
        for line in &all[seen..] {
            println!("{line}");
        }
        seen = all.len();
    }
}

pub fn diagnostics(data_dir: &Path) -> u8 {
    match logs::diagnostics(data_dir) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(e) => output::error(&e),
    }
}
