//! The desktop panel's side of the tray icon, as GNOME's or KDE's panel plays it: a
//! StatusNotifierWatcher on the session bus that tray icons register with, and each icon's menu
//! read and clicked over `com.canonical.dbusmenu`. The app's icon (libayatana-appindicator)
//! registers with the watcher as soon as one appears on the bus.

use anyhow::{Context, Result, anyhow};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zbus::blocking::Connection;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// The tray icons that registered: (bus name, object path).
type Items = Arc<Mutex<Vec<(String, String)>>>;

struct Watcher {
    items: Items,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: &str,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        // Ayatana's indicators pass their object path; others pass a bus name.
        let item = if service.starts_with('/') {
            (sender, service.to_owned())
        } else {
            (service.to_owned(), "/StatusNotifierItem".to_owned())
        };
        self.items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(item);
    }

    fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        let items = self
            .items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        items
            .iter()
            .map(|(name, path)| format!("{name}{path}"))
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// A panel with a tray area, for as long as it lives.
#[derive(Debug)]
pub struct Panel {
    conn: Connection,
    items: Items,
}

/// One entry of a tray menu.
#[derive(Debug, Clone)]
pub struct MenuEntry {
    pub id: i32,
    pub label: String,
    pub enabled: bool,
    pub children: Vec<MenuEntry>,
}

impl MenuEntry {
    /// The entry labelled `label` (mnemonic underscores ignored), here or below.
    pub fn find(&self, label: &str) -> Option<&MenuEntry> {
        if self.label.replace('_', "") == label {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(label))
    }

    /// The first entry whose label starts with `prefix`, here or below.
    pub fn find_prefix(&self, prefix: &str) -> Option<&MenuEntry> {
        if self.label.replace('_', "").starts_with(prefix) {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find_prefix(prefix))
    }

    /// Every label, depth first, for messages.
    pub fn labels(&self) -> Vec<String> {
        let mut out = vec![self.label.clone()];
        out.extend(self.children.iter().flat_map(MenuEntry::labels));
        out.retain(|l| !l.is_empty());
        out
    }
}

/// A registered tray icon's menu.
#[derive(Debug)]
pub struct TrayMenu<'a> {
    conn: &'a Connection,
    name: String,
    path: OwnedObjectPath,
}

impl Panel {
    /// Puts a tray area on the session bus.
    pub fn start() -> Result<Self> {
        let items = Items::default();
        let conn = zbus::blocking::connection::Builder::session()?
            .name("org.kde.StatusNotifierWatcher")?
            .serve_at(
                "/StatusNotifierWatcher",
                Watcher {
                    items: items.clone(),
                },
            )?
            .build()
            .context("no D-Bus session for the tray area (run under scripts/with-session.sh)")?;
        Ok(Self { conn, items })
    }

    /// Waits for the tray icon of the process whose command line contains `needle`.
    pub fn icon_of(&self, needle: &str) -> Result<TrayMenu<'_>> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let items = self
                .items
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone();
            for (name, path) in items {
                if self.command_line(&name).is_some_and(|c| c.contains(needle)) {
                    return self.menu_of(name, &path);
                }
            }
            if Instant::now() > deadline {
                return Err(anyhow!(
                    "no tray icon registered by a process running {needle}"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn command_line(&self, name: &str) -> Option<String> {
        let dbus = zbus::blocking::fdo::DBusProxy::new(&self.conn).ok()?;
        let pid = dbus
            .get_connection_unix_process_id(name.try_into().ok()?)
            .ok()?;
        let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        Some(String::from_utf8_lossy(&raw).replace('\0', " "))
    }

    fn menu_of(&self, name: String, path: &str) -> Result<TrayMenu<'_>> {
        let reply = self.conn.call_method(
            Some(name.as_str()),
            path,
            Some("org.freedesktop.DBus.Properties"),
            "Get",
            &("org.kde.StatusNotifierItem", "Menu"),
        )?;
        let value: OwnedValue = reply.body().deserialize()?;
        let path = OwnedObjectPath::try_from(value).context("the tray icon has no menu")?;
        Ok(TrayMenu {
            conn: &self.conn,
            name,
            path,
        })
    }
}

type Layout = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

impl TrayMenu<'_> {
    /// The whole menu as the panel would draw it now.
    pub fn layout(&self) -> Result<MenuEntry> {
        let reply = self.conn.call_method(
            Some(self.name.as_str()),
            &self.path,
            Some("com.canonical.dbusmenu"),
            "GetLayout",
            &(0i32, -1i32, Vec::<String>::new()),
        )?;
        let (_revision, root): (u32, Layout) = reply.body().deserialize()?;
        entry(root)
    }

    /// Clicks the entry labelled `label`, as a user does in the panel's menu.
    pub fn click(&self, label: &str) -> Result<()> {
        let menu = self.layout()?;
        let id = menu
            .find(label)
            .ok_or_else(|| anyhow!("no {label:?} in the tray menu: {:?}", menu.labels()))?
            .id;
        // Ayatana's panels say a submenu is about to show before the user can click in it.
        let _ = self.conn.call_method(
            Some(self.name.as_str()),
            &self.path,
            Some("com.canonical.dbusmenu"),
            "AboutToShow",
            &(0i32),
        );
        self.conn.call_method(
            Some(self.name.as_str()),
            &self.path,
            Some("com.canonical.dbusmenu"),
            "Event",
            &(id, "clicked", Value::from(""), 0u32),
        )?;
        Ok(())
    }
}

fn entry((id, props, children): Layout) -> Result<MenuEntry> {
    let label = props
        .get("label")
        .and_then(|v| String::try_from(v.try_clone().ok()?).ok())
        .unwrap_or_default();
    let enabled = props
        .get("enabled")
        .and_then(|v| bool::try_from(v.try_clone().ok()?).ok())
        .unwrap_or(true);
    let children = children
        .into_iter()
        .map(|child| {
            let layout = Layout::try_from(child).context("a menu entry that is not (ia{sv}av)")?;
            entry(layout)
        })
        .collect::<Result<_>>()?;
    Ok(MenuEntry {
        id,
        label,
        enabled,
        children,
    })
}
