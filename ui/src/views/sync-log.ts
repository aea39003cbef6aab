// The logs: every sync stream run and every action call, newest first, each with its error
// sentence; and, when sandbox connections sent anything, what the sandbox received.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import { shortDate } from "../format";
import { failure, loading } from "./states";
import type { ActionCall } from "../bindings/ActionCall";
import type { OutboxItem } from "../bindings/OutboxItem";

function actionTable(calls: ActionCall[]): HTMLElement {
  if (calls.length === 0) return h("p", { class: "state state-empty" }, "No action has run yet. Open a connection's Try an action panel.");
  return h(
    "table",
    { class: "posts", "data-table": "action-log" },
    h("thead", {}, h("tr", {}, ...["When", "Connection", "Action", "Outcome", "Time", "Made / details"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      ...calls.map((c) =>
        h(
          "tr",
          { "data-outcome": c.outcome },
          h("td", {}, shortDate(c.started_at)),
          h("td", {}, c.connection_id),
          h("td", {}, c.action),
          h("td", {}, h("span", { class: `badge outcome-${c.outcome}` }, c.outcome)),
          h("td", {}, `${c.duration_ms} ms`),
          h("td", {}, c.message ?? c.created_id ?? ""),
        ),
      ),
    ),
  );
}

function outboxList(items: OutboxItem[]): HTMLElement | null {
  if (items.length === 0) return null;
  return h(
    "section",
    { "data-section": "outbox" },
    h("h2", {}, "Sandbox outbox"),
    h("p", { class: "help" }, "What sandbox connections sent. Nothing here left this machine."),
    h("ul", { class: "outbox" }, ...items.map((i) => h("li", { "data-platform": i.platform }, h("span", { class: "tag" }, i.platform), ` ${shortDate(i.at)} · ${i.kind} · ${i.summary}`))),
  );
}

export async function showSyncLog(target: Element, api: Api): Promise<void> {
  mount(target, loading("the sync log"));
  try {
    const [runs, calls, outbox] = await Promise.all([api.syncLog(null, 200), api.actionLog(null, 100), api.sandboxOutbox(50)]);
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
    mount(
      target,
      h("section", {}, h("h1", {}, "Sync log"), body),
      h("section", { "data-section": "action-log" }, h("h2", {}, "Action log"), actionTable(calls)),
      outboxList(outbox),
    );
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
