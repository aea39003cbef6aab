// Accounts of every size side by side: views, interactions and growth per 1,000 followers.

import { h } from "../dom";
import type { Comparison } from "../bindings/Comparison";
import { compact } from "../format";

function per1k(v: number | null): string {
  return v === null ? "—" : v.toFixed(1);
}

export function compareTable(rows: Comparison[], days: number): HTMLElement | null {
  if (rows.length < 2) return null;
  const head = ["Account", "Followers", "Posts", "Views per post", "Interactions per post", "Follower growth"];
  return h(
    "section",
    { class: "compare", "aria-labelledby": "compare-title" },
    h("h2", { id: "compare-title" }, "Compared per 1,000 followers"),
    h("p", { class: "help" }, `Last ${days} days, best engagement first. Dividing by followers lets a small account stand beside a large one.`),
    h(
      "table",
      { class: "compare-table", "data-table": "compare" },
      h("thead", {}, h("tr", {}, ...head.map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        ...rows.map((r) =>
          h(
            "tr",
            { "data-compare": r.connection_id },
            h("th", { scope: "row" }, r.name),
            h("td", {}, compact(r.followers)),
            h("td", {}, String(r.posts)),
            h("td", { "data-per1k": "views" }, per1k(r.views_per_1k)),
            h("td", { "data-per1k": "interactions" }, per1k(r.interactions_per_1k)),
            h("td", { "data-per1k": "growth" }, per1k(r.growth_per_1k)),
          ),
        ),
      ),
    ),
  );
}
