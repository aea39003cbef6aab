// Overview: every connected account with followers, 30-day change, engagement, a sparkline,
// its status and last sync, and Sync now.

import { h, mount } from "../dom";
import type { SyncSummary } from "../bindings/SyncSummary";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { compact, percent, shortDate, signed, theme, utcOffset } from "../format";
import { connectionStatusLabel } from "../labels";
import { svgNode } from "../svg";
import { toast } from "../toast";
import { compareTable } from "./compare";
import { failure, loading } from "./states";

export interface OverviewNav {
  account(v: ConnectionView): void;
  gallery(): void;
}

async function card(api: Api, v: ConnectionView, nav: OverviewNav): Promise<HTMLElement> {
  const o = await api.accountOverview(v.id, 30, "per_follower");
  const spark = await api.chart("sparkline", [v.id], 30, theme(), utcOffset());
  return h(
    "li",
    {},
    h(
      "button",
      { type: "button", class: "account-card", "data-account": v.id, onclick: () => nav.account(v) },
      h("span", { class: "account-name" }, v.name),
      h("span", { class: "account-handle" }, o.handle ?? v.account_handle ?? ""),
      h("span", { class: "kpi" }, h("strong", { "data-kpi": "followers" }, compact(o.followers)), " followers"),
      h("span", { class: "kpi" }, h("strong", { "data-kpi": "change" }, signed(o.change_30d)), " in 30 days"),
      h("span", { class: "kpi" }, h("strong", { "data-kpi": "engagement" }, percent(o.engagement_rate)), ` ${o.engagement_label}`),
      h("span", { class: "spark" }, svgNode(spark, "trend")),
      h("span", { class: `status badge status-${v.status}` }, connectionStatusLabel(v.status)),
      h("span", { class: "help" }, `Last sync: ${shortDate(v.last_synced_at)}`),
    ),
  );
}

export async function showOverview(target: Element, api: Api, nav: OverviewNav): Promise<void> {
  mount(target, loading("accounts"));
  try {
    const all = await api.listConnections({});
    // The core schedules exactly the accounts it can sync: connected, on a platform it syncs.
    const accounts = all.filter((c) => c.schedule.next_sync_at !== null);
    const syncButton = h("button", { type: "button", class: "primary", "data-action": "sync-all" }, "Sync now");
    syncButton.addEventListener("click", async () => {
      syncButton.setAttribute("disabled", "");
      syncButton.textContent = "Syncing…";
      // Live progress from the core: which account, how many posts so far.
      const stop = await api.onSyncProgress((p) => {
        if (p.stage === "backfill") syncButton.textContent = `Backfilling ${p.name}: ${p.posts.toLocaleString()}${p.expected_posts ? ` of ~${p.expected_posts.toLocaleString()}` : ""} posts`;
        else if (p.stage !== "finished") syncButton.textContent = `Syncing ${p.name}… ${p.posts} posts`;
      });
      try {
        const results = await api.syncNow(null);
        toast(...syncOutcome(results));
        await showOverview(target, api, nav);
      } catch (e) {
        toast(toErrorPayload(e).message, "error");
        syncButton.removeAttribute("disabled");
      } finally {
        stop();
      }
    });
    if (accounts.length === 0) {
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
    const cards = await Promise.all(accounts.map((a) => card(api, a, nav)));
    const compared = compareTable(await api.compareAccounts(30), 30);
    mount(target, h("section", { class: "overview" }, h("div", { class: "view-head" }, h("h1", {}, "Overview"), syncButton), h("ul", { class: "account-cards", "aria-label": "Accounts" }, ...cards), compared));
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
