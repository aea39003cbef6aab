//! Whether the operating system will hand `patchbay://` URLs to the desktop app.

use super::SCHEME;

/// Reports which application handles `patchbay://`, or why none does.
#[cfg(target_os = "linux")]
pub fn registered_handler() -> Result<String, String> {
    let mime = format!("x-scheme-handler/{SCHEME}");
    let output = std::process::Command::new("xdg-mime")
        .args(["query", "default", &mime])
        .output()
        .map_err(|e| {
            format!("xdg-mime could not be run ({e}); install xdg-utils to register the scheme")
        })?;
    let handler = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if output.status.success() && !handler.is_empty() {
        Ok(handler)
    } else {
        Err(format!(
            "no application handles {SCHEME}:// links yet; start the desktop app once (patchbay-desktop) and it registers itself"
        ))
    }
}

/// On macOS and Windows the installer registers the scheme with the bundle.
#[cfg(not(target_os = "linux"))]
pub fn registered_handler() -> Result<String, String> {
    Ok("registered by the installed app bundle".to_owned())
}
