// Overview: the period's totals across the shown accounts (all, or one client's tag), a
// subtotal per platform, and a card per account with its platform's mark, followers and change
// in the period, engagement, a sparkline, its status, and where its history starts.

import { h, mount } from "../dom";
import type { SyncSummary } from "../bindings/SyncSummary";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { Account } from "../bindings/Account";
import type { AccountCard } from "../bindings/AccountCard";
import type { ConnectionView } from "../bindings/ConnectionView";
import type { ConnectorSummary } from "../bindings/ConnectorSummary";
import { compact, percent, shortDate, signed, theme } from "../format";
import { connectionStatusLabel } from "../labels";
import { brandColor, markTile } from "../marks";
import { currentPeriod, periodDays, periodLabel, periodPicker } from "../period";
import { svgNode } from "../svg";
import { toast } from "../toast";
import { compareTable } from "./compare";
import { platformTable, totalsHeader } from "./overview-totals";
import { failure, loading } from "./states";

export interface OverviewNav {
  account(v: ConnectionView): void;
  gallery(): void;
}

/** The tag the Overview is narrowed to, for this window. */
let shownTag = "";

/** "History starts 30 Nov": a new account's figures cover only the days since. */
export function historyNote(row: Account | undefined): string | null {
  if (!row?.history_starts) return null;
  const day = new Date(`${row.history_starts}T00:00:00Z`);
  return `History starts ${day.toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" })}`;
}

function card(v: ConnectionView, c: AccountCard, row: Account | undefined, connector: ConnectorSummary | undefined, nav: OverviewNav): HTMLElement {
  const o = c.overview;
  const spark = c.sparkline;
  const change = row && row.followers_start !== null && row.followers_end !== null ? row.followers_end - row.followers_start : null;
  const note = historyNote(row);
  const button = h(
    "button",
    { type: "button", class: "account-card", "data-account": v.id, onclick: () => nav.account(v) },
    h("span", { class: "account-title" }, markTile(v.connector_id, connector?.monogram ?? v.connector_id.slice(0, 2).toUpperCase(), connector?.color, "small"), h("span", { class: "account-name" }, v.name)),
    h("span", { class: "account-handle" }, `${connector?.name ?? v.connector_id} · ${o.handle ?? v.account_handle ?? ""}`),
    h("span", { class: "kpi" }, h("strong", { "data-kpi": "followers" }, compact(o.followers)), " followers"),
    h("span", { class: "kpi" }, h("strong", { "data-kpi": "change" }, change === null ? "—" : signed(change)), change === null && note ? ` (${note.toLowerCase()})` : " in the period"),
    h("span", { class: "kpi" }, h("strong", { "data-kpi": "engagement" }, percent(o.engagement_rate)), ` ${o.engagement_label}`),
    h("span", { class: "spark" }, svgNode(spark, "trend")),
    h("span", { class: `status badge status-${v.status}` }, connectionStatusLabel(v.status)),
    note ? h("span", { class: "help", "data-field": "history-starts" }, `${note}: the figures cover the days since.`) : null,
    h("span", { class: "help" }, `Last sync: ${shortDate(v.last_synced_at)}`),
  );
  // The card wears its platform's colour along its top edge.
  const color = brandColor(v.connector_id, connector?.color);
  if (color) button.style.setProperty("--brand", color);
  return h("li", {}, button);
}

function syncButton(api: Api, ids: string[] | null, redraw: () => void): HTMLElement {
  const button = h("button", { type: "button", class: "primary", "data-action": "sync-all" }, ids ? "Sync these" : "Sync now");
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    button.textContent = "Syncing…";
    // Live progress from the core: which account, how many posts so far.
    const stop = await api.onSyncProgress((p) => {
      if (p.stage === "backfill") button.textContent = `Backfilling ${p.name}: ${p.posts.toLocaleString()}${p.expected_posts ? ` of ~${p.expected_posts.toLocaleString()}` : ""} posts`;
      else if (p.stage !== "finished") button.textContent = `Syncing ${p.name}… ${p.posts} posts`;
    });
    try {
      const results = ids ? await api.syncGroup(ids) : await api.syncNow(null);
      toast(...syncOutcome(results));
      redraw();
    } catch (e) {
      toast(toErrorPayload(e).message, "error");
      button.removeAttribute("disabled");
    } finally {
      stop();
    }
  });
  return button;
}

function tagFilter(tags: string[], redraw: () => void): HTMLElement | null {
  if (tags.length === 0) return null;
  const select = h(
    "select",
    { id: "overview-tag", "data-filter": "tag" },
    h("option", { value: "", selected: shownTag === "" }, "All accounts"),
    ...tags.map((t) => h("option", { value: t, selected: shownTag === t }, t)),
  );
  select.addEventListener("change", () => {
    shownTag = select.value;
    redraw();
  });
  return h("label", { class: "inline", for: "overview-tag" }, "Show ", select);
}

export async function showOverview(target: Element, api: Api, nav: OverviewNav): Promise<void> {
  // How long the Overview takes to draw, as a User Timing measure (`overview`): the benchmarks
  // read it, and so can anyone in the webview's inspector.
  const started = performance.now();
  mount(target, loading("accounts"));
  const redraw = () => void showOverview(target, api, nav);
  try {
    const [all, tags, connectors, period] = await Promise.all([api.listConnections({}), api.tagsInUse(), api.listConnectors({}), currentPeriod(api)]);
    if (!tags.some((t) => t.tag === shownTag)) shownTag = "";
    // The core schedules exactly the accounts it can sync: connected, on a platform it syncs.
    const syncable = all.filter((c) => c.schedule.next_sync_at !== null);
    const accounts = syncable.filter((c) => shownTag === "" || c.tags.includes(shownTag));
    if (syncable.length === 0) {
      mount(
        target,
        h(
          "section",
          { class: "overview" },
          h("h1", {}, "Overview"),
          h("div", { class: "state state-empty" }, h("p", {}, "Connect an account to see analytics. Try a sandbox Instagram, TikTok, YouTube, Facebook Page, X or Reddit account: no developer app needed."), h("button", { type: "button", class: "primary", onclick: () => nav.gallery() }, "Browse connectors")),
        ),
      );
      return;
    }
    if (accounts.length === 0) {
      mount(target, h("section", { class: "overview" }, h("div", { class: "view-head" }, h("h1", {}, "Overview"), h("div", { class: "view-tools" }, tagFilter(tags.map((t) => t.tag), redraw))), h("p", { class: "state state-empty" }, `No account tagged “${shownTag}” has analytics to show. Tag one under Connections, or show all accounts.`)));
      return;
    }
    const days = periodDays(period);
    const label = periodLabel(period);
    const ids = accounts.map((a) => a.id);
    const summary = await api.periodSummary(period, ids);
    const rows = new Map(summary.accounts.map((a) => [a.connection_id, a]));
    const byId = new Map(connectors.map((c) => [c.id, c]));
    const figures = await api.accountCards(ids, days, "per_follower", theme());
    const cards = accounts.map((a, i) => card(a, figures[i]!, rows.get(a.id), byId.get(a.connector_id), nav));
    const compared = compareTable((await api.compareAccounts(days)).filter((c) => ids.includes(c.connection_id)), days);
    const head = h(
      "div",
      { class: "view-head" },
      h("h1", {}, "Overview"),
      h("div", { class: "view-tools" }, tagFilter(tags.map((t) => t.tag), redraw), periodPicker(api, period, redraw), syncButton(api, shownTag ? ids : null, redraw)),
    );
    mount(
      target,
      h(
        "section",
        { class: "overview", "data-period": period },
        head,
        h("p", { class: "help", "data-field": "period-label" }, `${summary.period.label}, ${accounts.length} account${accounts.length === 1 ? "" : "s"}${shownTag ? ` tagged “${shownTag}”` : ""}.`),
        totalsHeader(summary, label),
        platformTable(summary),
        h("ul", { class: "account-cards", "aria-label": "Accounts" }, ...cards),
        compared,
      ),
    );
    performance.measure("overview", { start: started, end: performance.now() });
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}

/** What a Sync now says: a sync already running elsewhere (just connected, the schedule, the
 * other app) is no problem, it carries on. */
export function syncOutcome(results: SyncSummary[]): [string, "ok" | "error"] {
  const failed = results.filter((r) => r.status !== "ok" && r.status !== "skipped");
  const running = results.length - failed.length - results.filter((r) => r.status === "ok").length;
  if (failed.length > 0) return [`${failed.length} account(s) need attention: ${failed.map((f) => f.errors[0] ?? f.status).join(" ")}`, "error"];
  const synced = `Synced ${results.length - running} account(s).`;
  return [running > 0 ? `${synced} ${running} already syncing; they carry on.` : synced, "ok"];
}
