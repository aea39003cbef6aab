// A connection's records: the items its connector's own list streams keep (orders,
// subscribers…), newest change first, one column per field the manifest names.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { shortDate } from "../format";

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function recordsPanel(c: ConnectionView, api: Api): HTMLElement | null {
  if (c.record_streams.length === 0) return null;
  const body = h("div", { class: "records-body" });
  const panel = h("details", { class: "action-panel", "data-panel": "records" }, h("summary", { "data-action": "show-records" }, `Records: ${c.record_streams.join(", ")}`), body);
  panel.addEventListener("toggle", async () => {
    if (!panel.open) return;
    mount(body, "Loading…");
    try {
      const records = await api.listRecords(c.id, null, 50);
      if (records.length === 0) {
        mount(body, h("p", { class: "state state-empty" }, "Nothing yet: the next sync reads them (or press Sync now)."));
        return;
      }
      const columns = [...new Set(records.flatMap((r) => Object.keys(r.fields)))];
      mount(
        body,
        h(
          "table",
          { class: "posts", "data-table": "records" },
          h("thead", {}, h("tr", {}, ...["Stream", "Id", ...columns, "Seen"].map((t) => h("th", { scope: "col" }, t)))),
          h(
            "tbody",
            {},
            ...records.map((r) =>
              h(
                "tr",
                { "data-record": r.record_id },
                h("td", {}, r.stream),
                h("td", {}, r.record_id),
                ...columns.map((k) => h("td", {}, cell((r.fields as Record<string, unknown>)[k]))),
                h("td", {}, shortDate(r.updated_at)),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      mount(body, toErrorPayload(err).message);
    }
  });
  return panel;
}
