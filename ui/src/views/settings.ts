// Settings: the sync schedule, history retention, the mode new connections start in, the
// vault's state, the time zone charts use, and export or deletion of a connection's data.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import { savedToast } from "../saved";
import { toast } from "../toast";
import { failure, loading } from "./states";
import { relaySection, startAtLoginSection } from "./settings-sign-in";
import { appsSection } from "./apps";
import { attachmentsSection } from "./settings-attachments";
import { applyAppearance } from "../appearance";
import type { Appearance } from "../bindings/Appearance";
import type { Preferences } from "../bindings/Preferences";

/** Light, dark or the system's: applied at once, remembered in the workspace. */
function appearanceSection(api: Api, prefs: Preferences): HTMLElement[] {
  const choices: [Appearance, string][] = [["system", "Follow the system"], ["light", "Light"], ["dark", "Dark"]];
  const group = h(
    "div",
    { class: "choice-row", role: "radiogroup", "aria-labelledby": "appearance-title" },
    ...choices.map(([value, label]) =>
      h(
        "label",
        { class: "inline" },
        h("input", {
          type: "radio",
          name: "appearance",
          value,
          "data-appearance": value,
          checked: prefs.appearance === value,
          onchange: () => {
            applyAppearance(value);
            prefs.appearance = value;
            api.getPreferences().then((now) => api.setPreferences({ ...now, appearance: value })).catch((e) => toast(toErrorPayload(e).message, "error"));
          },
        }),
        ` ${label}`,
      ),
    ),
  );
  return [h("h2", { id: "appearance-title" }, "Appearance"), group];
}

export async function showSettings(target: Element, api: Api): Promise<void> {
  mount(target, loading("settings"));
  try {
    const [prefs, vault, connections, relay, autostart] = await Promise.all([
      api.getPreferences(),
      api.vaultStatus(),
      api.listConnections({}),
      api.getRelayUrl(),
      api.getAutostart().catch(() => null),
    ]);
    const interval = h("input", { id: "pref-interval", type: "number", min: 1, max: 168, value: prefs.sync_interval_hours, required: true });
    const retention = h("select", { id: "pref-retention" }, ...[[0, "Keep everything"], [90, "90 days"], [365, "1 year"], [730, "2 years"]].map(([v, l]) => h("option", { value: v as number, selected: v === prefs.retention_days }, l as string)));
    const sandbox = h("input", { id: "pref-sandbox", type: "checkbox", checked: prefs.default_mode === "sandbox" });
    const form = h(
      "form",
      { class: "connection-form", "data-form": "preferences" },
      h("div", { class: "form-row" }, h("label", { for: "pref-interval" }, "Default schedule: sync every (hours)"), interval, h("p", { class: "help" }, "Connections without a schedule of their own follow this; give one its own interval or cron expression under Connections → Change schedule.")),
      h("div", { class: "form-row" }, h("label", { for: "pref-retention" }, "Keep history"), retention, h("p", { class: "help" }, "Older metric snapshots are deleted after every sync (and when you save). Posts keep their latest numbers.")),
      h("div", { class: "form-row" }, h("label", { class: "inline", for: "pref-sandbox" }, sandbox, " New connections start in sandbox mode")),
      h("div", { class: "form-actions" }, h("button", { type: "submit", class: "primary", "data-action": "save-preferences" }, "Save")),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (!form.reportValidity()) return;
      api
        .setPreferences({ ...prefs, sync_interval_hours: Number(interval.value), retention_days: Number(retention.value), default_mode: sandbox.checked ? "sandbox" : "live" })
        .then(() => toast("Settings saved.", "ok"), (e) => toast(toErrorPayload(e).message, "error"));
    });
    const rows = connections.map((c) =>
      h(
        "li",
        { class: "connection", "data-settings-connection": c.id },
        h("strong", {}, c.name),
        h(
          "div",
          { class: "row-actions" },
          h("button", { type: "button", "data-action": "export", onclick: () => api.exportConnection(c.id).then((dir) => savedToast(api, `Exported to ${dir}`, dir), (e) => toast(toErrorPayload(e).message, "error")) }, "Export CSV and JSON"),
          h("button", { type: "button", class: "danger", "data-action": "delete-data", onclick: () => { if (window.confirm(`Delete everything synced from ${c.name}? Its settings and sign-in stay.`)) api.deleteConnectionData(c.id).then(() => toast("Synced data deleted.", "ok"), (e) => toast(toErrorPayload(e).message, "error")); } }, "Delete synced data"),
        ),
      ),
    );
    const everything = h("button", { type: "button", "data-action": "export-workspace", onclick: () => api.exportWorkspace().then((dir) => savedToast(api, `Every account exported to ${dir}`, dir), (e) => toast(toErrorPayload(e).message, "error")) }, "Export every account");
    // The bundle is shown for the user to read before sending, and copied when the system allows.
    const bundle = h("textarea", { id: "diagnostics", readonly: true, rows: 12, hidden: true, "aria-label": "Diagnostics" });
    const copyDiagnostics = async (): Promise<void> => {
      try {
        const text = await api.diagnostics();
        bundle.value = text;
        bundle.hidden = false;
        bundle.select();
        await navigator.clipboard?.writeText(text).then(
          () => toast("Diagnostics copied: paste them where you ask for help.", "ok"),
          () => toast("Diagnostics shown below: select them and copy.", "ok"),
        );
      } catch (e) {
        toast(toErrorPayload(e).message, "error");
      }
    };
    const offset = -new Date().getTimezoneOffset();
    mount(
      target,
      h(
        "section",
        { class: "settings" },
        h("h1", {}, "Settings"),
        form,
        ...appearanceSection(api, prefs),
        ...startAtLoginSection(api, autostart),
        ...relaySection(api, relay),
        ...attachmentsSection(api),
        ...appsSection(api),
        h("h2", {}, "Vault"),
        h("p", { "data-vault": vault.state }, vault.message),
        h("h2", {}, "Time zone"),
        h("p", {}, `Charts and the posting-time heatmap use this computer's time zone (UTC${offset >= 0 ? "+" : "−"}${Math.abs(offset / 60)}).`),
        h("h2", {}, "Help"),
        h("p", { class: "help" }, "Versions, the doctor's checks and what Patchbay did recently. No password, key or token is ever in it."),
        h("button", { type: "button", "data-action": "copy-diagnostics", onclick: () => void copyDiagnostics() }, "Copy diagnostics"),
        bundle,
        h("h2", {}, "Your data"),
        rows.length > 0 ? h("ul", { class: "connections" }, ...rows) : h("p", { class: "state state-empty" }, "No connections yet."),
        rows.length > 1 ? h("div", { class: "row-actions" }, everything) : null,
      ),
    );
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
