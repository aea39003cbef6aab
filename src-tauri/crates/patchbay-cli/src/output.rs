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

/// 1234 → "1.2K", 3_400_000 → "3.4M".
pub fn count(n: i64) -> String {
    let a = n.unsigned_abs() as f64;
    let sign = if n < 0 { "-" } else { "" };
    if a >= 1_000_000.0 {
        format!("{sign}{:.1}M", a / 1_000_000.0)
    } else if a >= 10_000.0 {
        format!("{sign}{:.0}K", a / 1_000.0)
    } else if a >= 1_000.0 {
        format!("{sign}{:.1}K", a / 1_000.0)
    } else {
        n.to_string()
    }
}
