// The Overview's header: totals for the period across the shown accounts, with the change
// against the period before, and a subtotal per platform.

import { h } from "../dom";
import type { ReportData } from "../bindings/ReportData";
import type { Totals } from "../bindings/Totals";
import { compact, signed } from "../format";

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? "no change" : "new in this period";
  const pct = ((now - before) / before) * 100;
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(1)} % vs the period before`;
}

function engagement(t: Totals): string {
  return t.views > 0 ? `${((t.viewed_interactions / t.views) * 100).toFixed(2)} %` : "—";
}

function kpi(key: string, label: string, value: string, note: string): HTMLElement {
  return h("div", { class: "total" }, h("span", { class: "total-label" }, label), h("strong", { "data-total": key }, value), h("span", { class: "help" }, note));
}

/** The totals header; `label` names the period. */
export function totalsHeader(d: ReportData, label: string): HTMLElement {
  const t = d.totals;
  const p = d.previous;
  return h(
    "section",
    { class: "totals", "aria-label": `Totals for ${label}` },
    kpi("followers", "Followers", compact(t.followers), `${signed(t.follower_change)} in ${label}`),
    kpi("posts", "Posts", compact(t.posts), change(t.posts, p.posts)),
    kpi("views", "Views", compact(t.views), change(t.views, p.views)),
    kpi("interactions", "Interactions", compact(t.interactions), change(t.interactions, p.interactions)),
    kpi("engagement", "Engagement", engagement(t), "interactions ÷ views, for accounts that report views"),
  );
}

/** One row per platform: its followers, net change, posts, views and interactions. */
export function platformTable(d: ReportData): HTMLElement | null {
  const rows = Object.entries(d.platforms);
  if (rows.length < 2) return null;
  return h(
    "table",
    { class: "compare-table platforms", "data-table": "platforms" },
    h("caption", {}, "By platform"),
    h("thead", {}, h("tr", {}, ...["Platform", "Followers", "Change", "Posts", "Views", "Interactions", "Engagement"].map((c) => h("th", { scope: "col" }, c)))),
    h(
      "tbody",
      {},
      ...rows.map(([platform, t]) =>
        h(
          "tr",
          { "data-platform": platform },
          h("th", { scope: "row" }, platform),
          h("td", {}, compact(t.followers)),
          h("td", {}, signed(t.follower_change)),
          h("td", {}, compact(t.posts)),
          h("td", {}, compact(t.views)),
          h("td", {}, compact(t.interactions)),
          h("td", {}, engagement(t)),
        ),
      ),
    ),
  );
}
