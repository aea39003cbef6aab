//! Config fields, and the auth section's references to them.

use super::{Problems, config_names, is_snake, require_text, require_unique, require_url};
use crate::manifest::{Auth, FieldKind, Manifest};
use serde_json::Value;

pub(super) fn check_fields(m: &Manifest, p: &mut Problems<'_>) {
    for (i, field) in m.config.iter().enumerate() {
        let path = format!("config[{i}]");
        if !is_snake(&field.name) {
            p.add(
                format!("{path}.name"),
                format!("`{}` is not a snake_case field name", field.name),
            );
        }
        require_text(p, &format!("{path}.label"), &field.label);
        let stringy = matches!(
            field.kind,
            FieldKind::Text | FieldKind::Secret | FieldKind::Url | FieldKind::Email
        );
        match (field.kind, field.options.is_empty()) {
            (FieldKind::Select, true) => p.add(
                format!("{path}.options"),
                "a select field needs at least one option",
            ),
            (kind, false) if kind != FieldKind::Select => {
                p.add(format!("{path}.options"), "only select fields have options")
            }
            _ => {}
        }
        if let Some(pattern) = &field.pattern {
            if !stringy {
                p.add(
                    format!("{path}.pattern"),
                    "only text-like fields can have a pattern",
                );
            } else if let Err(e) = regex::Regex::new(pattern) {
                p.add(
                    format!("{path}.pattern"),
                    format!(
                        "is not a valid regular expression: {}",
                        first_line(&e.to_string())
                    ),
                );
            }
        }
        if let Some(default) = &field.default {
            check_default(
                p,
                &format!("{path}.default"),
                field.kind,
                default,
                &field.options,
            );
        }
    }
    require_unique(
        p,
        "config",
        "config field",
        m.config.iter().map(|f| f.name.as_str()),
    );
}

fn first_line(s: &str) -> &str {
    s.lines().last().unwrap_or(s).trim()
}

fn check_default(
    p: &mut Problems<'_>,
    path: &str,
    kind: FieldKind,
    value: &Value,
    options: &[String],
) {
    let fits = match kind {
        FieldKind::Secret => {
            p.add(path, "a secret field cannot have a default");
            return;
        }
        FieldKind::Number => value.is_number(),
        FieldKind::Bool => value.is_boolean(),
        FieldKind::Select => value
            .as_str()
            .is_some_and(|v| options.iter().any(|o| o == v)),
        FieldKind::Text | FieldKind::Url | FieldKind::Email => value.is_string(),
    };
    if !fits {
        p.add(
            path,
            format!("{value} is not a valid default for a {kind:?} field").to_lowercase(),
        );
    }
}

/// Auth must point at config fields that exist, and secrets must live in secret fields.
pub(super) fn check_auth(m: &Manifest, p: &mut Problems<'_>) {
    let names = config_names(m);
    let mut refer =
        |path: &str, name: &str, secret: bool| match m.config.iter().find(|f| f.name == name) {
            None => p.add(
                path,
                format!("names the config field `{name}`, which does not exist"),
            ),
            Some(f) if secret && f.kind != FieldKind::Secret => p.add(
                path,
                format!("the config field `{name}` holds a secret, so its kind must be secret"),
            ),
            Some(_) => {}
        };
    match &m.auth {
        Auth::OAuth2(o) => {
            refer("auth.client_id_field", &o.client_id_field, false);
            if let Some(secret) = &o.client_secret_field {
                refer("auth.client_secret_field", secret, true);
            }
            require_url(p, "auth.authorize_url", &o.authorize_url, &names);
            require_url(p, "auth.token_url", &o.token_url, &names);
            if let Some(url) = &o.refresh_url {
                require_url(p, "auth.refresh_url", url, &names);
            }
            if let Some(url) = &o.revoke_url {
                require_url(p, "auth.revoke_url", url, &names);
            }
            if o.scope_separator.is_empty() {
                p.add("auth.scope_separator", "must not be empty");
            }
            for (i, scope) in o.scopes.iter().enumerate() {
                require_text(p, &format!("auth.scopes[{i}]"), scope);
            }
            require_unique(
                p,
                "auth.scopes",
                "scope",
                o.scopes.iter().map(String::as_str),
            );
            if o.redirect_styles.is_empty() {
                p.add(
                    "auth.redirect_styles",
                    "must list at least one redirect style",
                );
            }
            let styles: Vec<String> = o.redirect_styles.iter().map(|s| format!("{s:?}")).collect();
            require_unique(
                p,
                "auth.redirect_styles",
                "redirect style",
                styles.iter().map(String::as_str),
            );
            require_text(p, "auth.client_id_param", &o.client_id_param);
            if o.loopback_port.is_some()
                && !o
                    .redirect_styles
                    .contains(&crate::manifest::RedirectStyle::Loopback)
            {
                p.add(
                    "auth.loopback_port",
                    "is set but redirect_styles does not list \"loopback\"",
                );
            }
            if o.loopback_port.is_some_and(|port| port < 1024) {
                p.add(
                    "auth.loopback_port",
                    "must be 1024 or above: lower ports need administrator rights",
                );
            }
        }
        Auth::ApiKey(k) => {
            refer("auth.field", &k.field, true);
            require_text(p, "auth.name", &k.name);
        }
        Auth::Basic(b) => {
            refer("auth.username_field", &b.username_field, false);
            refer("auth.password_field", &b.password_field, true);
        }
        Auth::BotToken(b) => {
            refer("auth.field", &b.field, true);
            require_text(p, "auth.header", &b.header);
        }
        Auth::Smtp(s) => {
            refer("auth.host_field", &s.host_field, false);
            refer("auth.port_field", &s.port_field, false);
            refer("auth.username_field", &s.username_field, false);
            refer("auth.password_field", &s.password_field, true);
            refer("auth.security_field", &s.security_field, false);
        }
        Auth::None => {}
    }
}
