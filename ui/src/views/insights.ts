// Insights: what the stored history says, each card with its evidence (how many posts or days,
// the period, the figures compared) and how sure it is. Nothing here is written by hand.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { Insight } from "../bindings/Insight";
import { shortDate } from "../format";
import { failure, loading } from "./states";

function figure(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : v.toFixed(2);
}

function card(i: Insight): HTMLElement {
  const sure = i.confidence === null ? null : Math.min(99, Math.round(i.confidence * 100));
  return h(
    "li",
    { class: "connection insight", "data-insight": i.kind, "data-enough": i.enough ? "yes" : "no" },
    h("div", { class: "connection-head" }, h("strong", {}, i.title), sure === null ? h("span", { class: "tag" }, "not enough data") : h("span", { class: "tag", "data-field": "confidence" }, `${sure} % sure`)),
    h("p", { "data-field": "statement" }, i.statement),
    h(
      "details",
      { class: "evidence" },
      h("summary", {}, `Evidence: ${i.evidence.n} over ${i.evidence.period}`),
      h("dl", { class: "secrets" }, ...Object.entries(i.evidence.figures).flatMap(([k, v]) => [h("dt", {}, k.replace(/_/g, " ")), h("dd", {}, figure(v))])),
    ),
  );
}

/** The tag the Insights view is narrowed to, for this window. */
let shownTag = "";

export async function showInsights(target: Element, api: Api): Promise<void> {
  mount(target, loading("insights"));
  try {
    const offset = -new Date().getTimezoneOffset();
    const tags = (await api.tagsInUse()).map((t) => t.tag);
    if (!tags.includes(shownTag)) shownTag = "";
    const found = await api.insights(null, 90, offset, shownTag || null);
    const filter = tags.length === 0 ? null : h("select", { id: "insights-tag", "data-filter": "tag" }, h("option", { value: "" }, "All accounts"), ...tags.map((t) => h("option", { value: t, selected: t === shownTag }, t)));
    filter?.addEventListener("change", () => {
      shownTag = filter.value;
      void showInsights(target, api);
    });
    mount(
      target,
      h(
        "section",
        { class: "insights-view" },
        h("div", { class: "view-head" }, h("h1", {}, "Insights"), filter ? h("label", { class: "inline", for: "insights-tag" }, "Show ", filter) : null),
        h("p", { class: "help", "data-field": "computed-at" }, `Computed on this computer from your own history (the last ${found.days} days), ${shortDate(found.computed_at)}. Each card says how sure it is; below the minimums it says so and claims nothing.`),
        found.items.length === 0
          ? h("p", { class: "state state-empty" }, "No account has history yet. Connect one and sync it.")
          : h("ul", { class: "connections", "aria-label": "Insights" }, ...found.items.map(card)),
      ),
    );
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
