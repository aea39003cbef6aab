//! Reading secrets: from a prompt without echo on a terminal, or one line each from stdin when
//! piped. Never from arguments, where they would land in shell history and `ps`.

use std::io::{BufRead, IsTerminal};

pub fn read_secrets(labels: &[(String, String)]) -> Result<Vec<(String, String)>, String> {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    let mut out = Vec::new();
    for (field, label) in labels {
        let value = if interactive {
            rpassword::prompt_password(format!("{label}: "))
                .map_err(|e| format!("could not read {label}: {e}"))?
        } else {
            match lines.next() {
                Some(Ok(line)) => line,
                _ => {
                    return Err(format!(
                        "stdin ended before a value for {field} ({label}) was read; pipe one line per --secret"
                    ));
                }
            }
        };
        out.push((
            field.clone(),
            value.trim_end_matches(['\r', '\n']).to_owned(),
        ));
    }
    Ok(out)
}

/// Asks a yes/no question on a terminal; `None` when there is no terminal to ask on.
pub fn confirm(question: &str) -> Option<bool> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).ok()?;
    Some(matches!(answer.trim(), "y" | "Y" | "yes"))
}
