// A connection's sync at a glance: last and next sync, its schedule (its own or the default),
// a Sync now button, and an editor for the schedule.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { relative, shortDate } from "../format";
import { toast } from "../toast";

export function syncPanel(v: ConnectionView, api: Api, refresh: () => void): HTMLElement | null {
  const next = v.schedule.next_sync_at;
  if (!next && !v.last_synced_at) return null;
  const panel = h("div", { class: "sync-panel", "data-field": "sync" });
  const inputId = `schedule-${v.id}`;
  const editor = h("div", { class: "schedule-editor", hidden: true });
  const edit = () => {
    const input = h("input", {
      id: inputId,
      type: "text",
      value: v.schedule.own ?? "",
      placeholder: "every 6h, 30m, 1d, or 0 7 * * *",
      "data-schedule": "",
    }) as HTMLInputElement;
    const save = h("button", { type: "button", class: "primary", "data-action": "save-schedule" }, "Save schedule");
    save.addEventListener("click", () => {
      api.updateConnection(v.id, { settings: {}, clear: [], sync_schedule: input.value.trim() || "default" }).then(
        (updated) => { toast(`Syncs ${updated.schedule.label}.`, "ok"); refresh(); },
        (e) => toast(toErrorPayload(e).message, "error"),
      );
    });
    mount(
      editor,
      h("label", { for: inputId }, "Schedule (empty follows the default in Settings)"),
      input,
      h("div", { class: "row-actions" }, save, h("button", { type: "button", onclick: () => { editor.hidden = true; } }, "Cancel")),
    );
    editor.hidden = false;
    input.focus();
  };
  const syncNow = h("button", { type: "button", "data-action": "sync-now" }, "Sync now");
  syncNow.addEventListener("click", async () => {
    syncNow.setAttribute("disabled", "");
    try {
      const [r] = await api.syncNow(v.id);
      toast(r && r.status === "ok" ? `Synced ${r.records > 0 ? `${r.records} records` : `${r.posts} posts`}.` : r?.errors[0] ?? "Sync finished.", r?.status === "ok" ? "ok" : "error");
      refresh();
    } catch (e) {
      toast(toErrorPayload(e).message, "error");
    } finally {
      syncNow.removeAttribute("disabled");
    }
  });
  mount(
    panel,
    h(
      "p",
      { class: "help" },
      h("span", { "data-field": "last-sync" }, `Last sync: ${v.last_synced_at ? `${shortDate(v.last_synced_at)} (${relative(v.last_synced_at)})` : "never"}`),
      " · ",
      h("span", { "data-field": "next-sync", title: next ? shortDate(next) : "" }, next ? `Next sync: ${relative(next)}` : "Not scheduled"),
      " · ",
      h("span", { "data-field": "schedule" }, v.schedule.label),
    ),
    h("div", { class: "row-actions" }, next ? syncNow : null, h("button", { type: "button", "data-action": "edit-schedule", onclick: edit }, "Change schedule")),
    editor,
  );
  return panel;
}
