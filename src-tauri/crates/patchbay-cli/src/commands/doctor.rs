use crate::cli::DoctorArgs;
use crate::output;
use patchbay_core::doctor;
use std::path::Path;

pub fn run(data_dir: &Path, args: &DoctorArgs) -> u8 {
    let report = doctor::run(data_dir);
    if args.json {
        output::json(&report);
    } else {
        for check in &report.checks {
            let mark = if check.ok { "ok  " } else { "FAIL" };
            println!("{mark}  {:<10} {}", check.name, check.detail);
        }
        let failed = report.checks.iter().filter(|c| !c.ok).count();
        if failed == 0 {
            println!("All checks passed.");
        } else {
            println!(
                "{failed} check(s) failed (exit code {}).",
                report.exit_code()
            );
        }
    }
    report.exit_code()
}
