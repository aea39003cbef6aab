//! A reader that goes away (`patchbay … | head`) ends the command quietly, as it ends `ls` or
//! `grep`: Rust ignores SIGPIPE, so printing into a closed pipe panics with "failed printing to
//! stdout: Broken pipe". That one panic exits with the status a shell expects from SIGPIPE
//! (141) and says nothing; every other panic is reported as before.

/// The exit status of a process ended by SIGPIPE.
const SIGPIPE_STATUS: i32 = 128 + 13;

/// Installs the hook; call it first thing in `main`.
pub fn quiet_when_the_reader_leaves() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(SIGPIPE_STATUS);
        }
        report(info);
    }));
}
