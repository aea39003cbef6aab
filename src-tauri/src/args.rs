//! The desktop binary's own arguments: `--data-dir DIR` (as for the CLI). Anything else, such
//! as a `patchbay://` URL handed over by the OS, is left to the deep-link plugin.

use std::ffi::OsString;
use std::path::PathBuf;

/// The `--data-dir` value from the command line, if any.
pub fn data_dir_flag(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn reads_both_flag_spellings() {
        assert_eq!(
            data_dir_flag(args(&["app", "--data-dir", "/x"])),
            Some(PathBuf::from("/x"))
        );
        assert_eq!(
            data_dir_flag(args(&["app", "--data-dir=/y"])),
            Some(PathBuf::from("/y"))
        );
    }

    #[test]
    fn ignores_deep_links_and_other_args() {
        assert_eq!(
            data_dir_flag(args(&["app", "patchbay://oauth/callback?code=1"])),
            None
        );
    }
}
