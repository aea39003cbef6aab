// The sync log: every stream run, newest first, with its error sentence.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import { shortDate } from "../format";
import { failure, loading } from "./states";

export async function showSyncLog(target: Element, api: Api): Promise<void> {
  mount(target, loading("the sync log"));
  try {
    const runs = await api.syncLog(null, 200);
    const body =
      runs.length === 0
        ? h("p", { class: "state state-empty" }, "No syncs yet. Connect an account, then press Sync now on the Overview.")
        : h(
            "table",
            { class: "posts", "data-table": "sync-log" },
            h("thead", {}, h("tr", {}, ...["Started", "Connection", "Stream", "Status", "Items", "Time", "Details"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              {},
              ...runs.map((r) =>
                h(
                  "tr",
                  { "data-run": r.id, "data-status": r.status },
                  h("td", {}, shortDate(r.started_at)),
                  h("td", {}, r.connection_id),
                  h("td", {}, r.stream),
                  h("td", {}, h("span", { class: `badge run-${r.status}` }, r.status)),
                  h("td", {}, String(r.items)),
                  h("td", {}, r.duration_ms === null ? "" : `${r.duration_ms} ms`),
                  h("td", {}, r.error_message ?? (r.rate_limited ? "rate limited" : "")),
                ),
              ),
            ),
          );
    mount(target, h("section", {}, h("h1", {}, "Sync log"), body));
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
