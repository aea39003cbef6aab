//! How results reach the terminal: human text on stdout, JSON for scripts, errors on stderr.

use patchbay_core::Error;
use serde::Serialize;

/// Prints a value as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: the result could not be written as JSON: {e}"),
    }
}

/// Reports a core error on stderr with its stable code, and returns the exit code for it.
pub fn error(err: &Error) -> u8 {
    eprintln!("error[{}]: {err}", err.code());
    1
}

/// The manifest spelling of an enum value (`coming-soon`, `bot_token`), for tables.
pub fn label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
