// The Connections view at agency scale: a compact table (account, platform, status, token
// health, last and next sync, API budget, tags) with search, filters by status, platform and
// tag, sortable columns, a multi-selection with bulk Sync now, Reconnect, Change schedule and
// Add tag, and the selected connection in full in a side panel.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import type { ConnectorSummary } from "../bindings/ConnectorSummary";
import { compact, shortDate } from "../format";
import { connectionStatusLabel } from "../labels";
import { markTile } from "../marks";
import { toast } from "../toast";
import { replaceQuestion } from "./replace-account";
import { connectionDetail, type ConnectionsNav } from "./connection-detail";
import { syncOutcome } from "./overview";
import { daysUntil } from "./token-health";
import { failure, loading } from "./states";

export type { ConnectionsNav } from "./connection-detail";

type SortKey = "name" | "platform" | "status" | "health" | "last" | "next" | "budget";

/** What the table shows, kept while the window is open (a redraw after a sync keeps it). */
export interface TableState {
  search: string;
  status: string;
  platform: string;
  tag: string;
  sort: SortKey;
  ascending: boolean;
  selected: Set<string>;
  open: string | null;
}

const state: TableState = { search: "", status: "", platform: "", tag: "", sort: "name", ascending: true, selected: new Set(), open: null };
/** OAuth connections a bulk Reconnect still has to go through, one sign-in at a time. */
let reconnectQueue: string[] = [];
/** Set when a bulk Reconnect opens the next account: its sign-in starts by itself. */
let autoConnectNext = false;

/** "Expires in 5 d", "Expired", "No expiry", or "—" for connections without sign-in tokens. */
export function healthCell(v: ConnectionView, now: Date = new Date()): string {
  if (v.auth !== "oauth2") return "—";
  if (!("access_token" in v.secrets)) return "Not signed in";
  const days = daysUntil(v.token_expires_at, now);
  if (days === null) return "No expiry";
  if (days < 0) return "Expired";
  return `Expires in ${days} d`;
}

function sortValue(v: ConnectionView, key: SortKey): string | number {
  switch (key) {
    case "name": return v.name.toLowerCase();
    case "platform": return v.connector_id;
    case "status": return v.status;
    case "health": return v.auth === "oauth2" ? (daysUntil(v.token_expires_at) ?? 1e9) : 2e9;
    case "last": return v.last_synced_at ?? "";
    case "next": return v.schedule.next_sync_at ?? "~";
    case "budget": return v.api_budget_percent ?? -1;
  }
}

/** The rows the filters let through, in the chosen order. */
export function visibleRows(list: ConnectionView[], s: TableState): ConnectionView[] {
  const words = s.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = list.filter((v) => {
    if (s.status && v.status !== s.status) return false;
    if (s.platform && v.connector_id !== s.platform) return false;
    if (s.tag && !v.tags.some((t) => t.toLowerCase() === s.tag.toLowerCase())) return false;
    const hay = `${v.name} ${v.account_handle ?? ""} ${v.connector_id} ${v.tags.join(" ")}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const dir = s.ascending ? 1 : -1;
  return shown.sort((a, b) => {
    const x = sortValue(a, s.sort);
    const y = sortValue(b, s.sort);
    return (x < y ? -1 : x > y ? 1 : 0) * dir || a.name.localeCompare(b.name);
  });
}

function select(id: string, label: string, value: string, options: [string, string][], onChange: (v: string) => void): HTMLElement {
  const el = h("select", { id, "data-filter": id.replace("filter-", "") }, h("option", { value: "" }, `Any ${label}`), ...options.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
  el.addEventListener("change", () => onChange(el.value));
  return h("label", { class: "inline", for: id }, `${label[0]!.toUpperCase()}${label.slice(1)} `, el);
}

export async function showConnections(target: Element, api: Api, nav: ConnectionsNav, highlight?: string): Promise<void> {
  if (!(target as HTMLElement).dataset["oauthListening"]) {
    (target as HTMLElement).dataset["oauthListening"] = "1";
    void api.onOAuthFinished((f) => {
      const question = replaceQuestion(f, api, () => void showConnections(target, api, nav, f.connection_id ?? undefined));
      if (question) {
        // Nothing changed yet: ask before the new account replaces the connected one.
        (target.querySelector(".connections-view h1") ?? target).after(question);
        return;
      }
      toast(f.message, f.ok ? "ok" : "error");
      if (!target.querySelector(".connections-view")) return;
      // A bulk Reconnect goes on with the next account once this sign-in is over.
      const next = reconnectQueue.shift();
      if (next) autoConnectNext = true;
      void showConnections(target, api, nav, next ?? f.connection?.id);
    });
  }
  if (highlight) state.open = highlight;
  // How long the table takes to draw, as a User Timing measure (`connections`).
  const started = performance.now();
  mount(target, loading("connections"));
  try {
    const [list, connectors] = await Promise.all([api.listConnections({}), api.listConnectors({})]);
    const byId = new Map<string, ConnectorSummary>(connectors.map((c) => [c.id, c]));
    for (const id of [...state.selected]) if (!list.some((v) => v.id === id)) state.selected.delete(id);
    if (!list.some((v) => v.id === state.open)) state.open = null;
    if (list.length === 0) {
      mount(
        target,
        h(
          "section",
          { class: "connections-view" },
          h("h1", {}, "Connections"),
          h("div", { class: "state state-empty" }, h("p", {}, "No connections yet. Pick a connector and add your first account."), h("button", { type: "button", class: "primary", onclick: () => nav.gallery() }, "Browse connectors")),
        ),
      );
      return;
    }
    renderTable(target, api, nav, list, byId, autoConnectNext);
    performance.measure("connections", { start: started, end: performance.now() });
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}

function renderTable(target: Element, api: Api, nav: ConnectionsNav, list: ConnectionView[], byId: Map<string, ConnectorSummary>, autoConnect: boolean): void {
  autoConnectNext = false;
  const refresh = () => void showConnections(target, api, nav);
  const platforms = [...new Set(list.map((v) => v.connector_id))].sort().map((p): [string, string] => [p, byId.get(p)?.name ?? p]);
  const tags = [...new Set(list.flatMap((v) => v.tags))].sort().map((t): [string, string] => [t, t]);
  const statuses: [string, string][] = (["active", "needs_reauth", "error", "pending_setup", "inactive"] as const).map((s) => [s, connectionStatusLabel(s)]);
  const body = h("tbody", {});
  const count = h("p", { class: "count", role: "status", "aria-live": "polite", "data-field": "shown" });
  const bulkCount = h("span", { "data-field": "selected" });
  const panel = h("div", { class: "detail-panel" });
  const all = h("input", { type: "checkbox", "aria-label": "Select every shown connection", "data-select": "all" });
  const bulk = bulkBar(api, list, bulkCount, () => refreshRows(), refresh, (id) => { state.open = id; autoConnectNext = true; refresh(); });

  function openDetail(): void {
    const v = list.find((c) => c.id === state.open) ?? null;
    mount(panel, v ? connectionDetail(v, api, nav, refresh, autoConnect && v.id === state.open) : h("p", { class: "state state-empty" }, "Select a connection to see it in full."));
    autoConnect = false;
  }

  function refreshRows(): void {
    const rows = visibleRows(list, state);
    count.textContent = `${rows.length} of ${list.length} connection${list.length === 1 ? "" : "s"}`;
    bulkCount.textContent = `${state.selected.size} selected`;
    bulk.hidden = state.selected.size === 0;
    all.checked = rows.length > 0 && rows.every((v) => state.selected.has(v.id));
    mount(body, ...rows.map((v) => tableRow(v, byId.get(v.connector_id))));
  }

  function tableRow(v: ConnectionView, c: ConnectorSummary | undefined): HTMLElement {
    const box = h("input", { type: "checkbox", "aria-label": `Select ${v.name}`, "data-select": v.id, checked: state.selected.has(v.id) });
    box.addEventListener("change", () => {
      if (box.checked) state.selected.add(v.id);
      else state.selected.delete(v.id);
      refreshRows();
    });
    const open = h("button", { type: "button", class: "link row-name", "data-open": v.id, "aria-pressed": String(state.open === v.id) }, v.name);
    open.addEventListener("click", () => {
      state.open = v.id;
      openDetail();
      refreshRows();
    });
    return h(
      "tr",
      { "data-row": v.id, class: state.open === v.id ? "open" : "" },
      h("td", {}, box),
      h("td", { class: "account-cell" }, markTile(v.connector_id, c?.monogram ?? "?", c?.color, "small"), h("span", {}, open, v.account_handle ? h("span", { class: "help" }, ` ${v.account_handle}`) : null)),
      h("td", { "data-col": "platform" }, c?.name ?? v.connector_id, v.mode === "sandbox" ? h("span", { class: "tag" }, "Sandbox") : null),
      h("td", { "data-col": "status" }, h("span", { class: `status badge status-${v.status}` }, connectionStatusLabel(v.status))),
      h("td", { "data-col": "health" }, healthCell(v)),
      h("td", { "data-col": "last" }, shortDate(v.last_synced_at)),
      h("td", { "data-col": "next" }, v.schedule.next_sync_at ? shortDate(v.schedule.next_sync_at) : "—"),
      h("td", { "data-col": "budget" }, v.api_budget_percent === null ? "—" : `${compact(v.api_budget_percent)} %`),
      h("td", { "data-col": "tags" }, ...v.tags.map((t) => h("span", { class: "tag" }, t))),
    );
  }

  all.addEventListener("change", () => {
    for (const v of visibleRows(list, state)) {
      if (all.checked) state.selected.add(v.id);
      else state.selected.delete(v.id);
    }
    refreshRows();
  });
  const search = h("input", { type: "search", id: "conn-search", placeholder: "Search accounts, handles, tags", "aria-label": "Search connections", value: state.search, autocomplete: "off" });
  search.addEventListener("input", () => { state.search = search.value; refreshRows(); });
  const columns: [SortKey, string][] = [["name", "Account"], ["platform", "Platform"], ["status", "Status"], ["health", "Token"], ["last", "Last sync"], ["next", "Next sync"], ["budget", "API budget"]];
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, all),
    ...columns.map(([key, label]) => {
      const sorted = state.sort === key;
      const button = h("button", { type: "button", class: "link sort", "data-sort": key }, label, sorted ? (state.ascending ? " ▲" : " ▼") : "");
      button.addEventListener("click", () => {
        state.ascending = state.sort === key ? !state.ascending : true;
        state.sort = key;
        renderTable(target, api, nav, list, byId, false);
      });
      return h("th", { scope: "col", "aria-sort": sorted ? (state.ascending ? "ascending" : "descending") : "none" }, button);
    }),
    h("th", { scope: "col" }, "Tags"),
  );
  const filters = h(
    "div",
    { class: "toolbar" },
    search,
    select("filter-status", "status", state.status, statuses, (v) => { state.status = v; refreshRows(); }),
    select("filter-platform", "platform", state.platform, platforms, (v) => { state.platform = v; refreshRows(); }),
    tags.length > 0 ? select("filter-tag", "tag", state.tag, tags, (v) => { state.tag = v; refreshRows(); }) : null,
  );
  mount(
    target,
    h(
      "section",
      { class: "connections-view" },
      h("h1", {}, "Connections"),
      filters,
      count,
      bulk,
      h("div", { class: "connections-body" }, h("div", { class: "table-wrap" }, h("table", { class: "data conn-table", "data-table": "connections" }, h("thead", {}, head), body)), panel),
    ),
  );
  if (state.open === null && list.length > 0) state.open = visibleRows(list, state)[0]?.id ?? null;
  refreshRows();
  openDetail();
}

/** What can be done with the selection at once. */
function bulkBar(api: Api, list: ConnectionView[], count: HTMLElement, redrawRows: () => void, refresh: () => void, reconnect: (id: string) => void): HTMLElement {
  const chosen = () => list.filter((v) => state.selected.has(v.id));
  const sync = h("button", { type: "button", class: "primary", "data-action": "bulk-sync" }, "Sync now");
  sync.addEventListener("click", () => {
    sync.setAttribute("disabled", "");
    sync.textContent = "Syncing…";
    api.syncGroup(chosen().map((v) => v.id)).then(
      (results) => { toast(...syncOutcome(results)); refresh(); },
      (e) => { toast(toErrorPayload(e).message, "error"); sync.removeAttribute("disabled"); sync.textContent = "Sync now"; },
    );
  });
  const again = h("button", { type: "button", "data-action": "bulk-reconnect" }, "Reconnect");
  again.addEventListener("click", () => {
    const oauth = chosen().filter((v) => v.auth === "oauth2").map((v) => v.id);
    if (oauth.length === 0) {
      toast("None of the selected connections signs in with OAuth: there is nothing to reconnect.", "error");
      return;
    }
    reconnectQueue = oauth.slice(1);
    toast(oauth.length > 1 ? `Reconnecting ${oauth.length} accounts, one sign-in after another.` : "Reconnecting.", "ok");
    reconnect(oauth[0]!);
  });
  const schedule = h("input", { type: "text", id: "bulk-schedule", placeholder: "every 2h, 0 7 * * *, default", "aria-label": "Schedule for the selected" });
  const setSchedule = h("button", { type: "button", "data-action": "bulk-schedule" }, "Change schedule");
  setSchedule.addEventListener("click", async () => {
    const text = schedule.value.trim() || "default";
    try {
      for (const v of chosen()) await api.updateConnection(v.id, { settings: {}, clear: [], sync_schedule: text });
      toast(`${chosen().length} connection(s) now follow “${text}”.`, "ok");
      refresh();
    } catch (e) {
      toast(toErrorPayload(e).message, "error");
    }
  });
  const tag = h("input", { type: "text", id: "bulk-tag", placeholder: "client: Acme", "aria-label": "Tag for the selected" });
  const addTag = h("button", { type: "button", "data-action": "bulk-tag" }, "Add tag");
  addTag.addEventListener("click", async () => {
    const t = tag.value.trim();
    if (!t) {
      toast("Write the tag to add first.", "error");
      return;
    }
    try {
      for (const v of chosen()) await api.setTags(v.id, [...v.tags, t]);
      toast(`Tagged ${chosen().length} connection(s) “${t}”.`, "ok");
      refresh();
    } catch (e) {
      toast(toErrorPayload(e).message, "error");
    }
  });
  const clear = h("button", { type: "button", "data-action": "bulk-clear" }, "Clear selection");
  clear.addEventListener("click", () => { state.selected.clear(); redrawRows(); });
  return h("div", { class: "bulk", role: "group", "aria-label": "With the selected connections", hidden: true }, count, sync, again, schedule, setSchedule, tag, addTag, clear);
}
