//! The desktop binary's own arguments: `--data-dir DIR` (as for the CLI) and `--background`
//! (start hidden in the tray, as at login). Anything else, such as a `patchbay://` URL handed
//! over by the OS, is left to the deep-link plugin.

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

/// The flag the login item passes: start with the window hidden.
pub const BACKGROUND: &str = "--background";

pub fn background_flag(args: impl IntoIterator<Item = OsString>) -> bool {
    args.into_iter().any(|a| a == BACKGROUND)
}

/// What the login item runs the app with: hidden, on the same data dir as now.
pub fn login_args(data_dir: Option<&std::path::Path>) -> Vec<String> {
    let mut args = vec![BACKGROUND.to_owned()];
    if let Some(dir) = data_dir {
        args.push(format!("--data-dir={}", dir.display()));
    }
    args
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
