// The connector gallery: every connector as a card, with a category filter, search, and a
// detail panel for the selected one.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { Category } from "../bindings/Category";
import type { ConnectorSummary } from "../bindings/ConnectorSummary";
import type { ManifestProblem } from "../bindings/ManifestProblem";
import { CATEGORIES, authLabel, categoryLabel, statusLabel } from "../labels";
import { markTile } from "../marks";
import { samplesBanner } from "./samples";
import { showConnectorDetail } from "./connector-detail";
import { failure, loading } from "./states";

interface GalleryState {
  category: Category | null;
  search: string;
}

export function connectorCard(c: ConnectorSummary, onOpen: (id: string) => void): HTMLElement {
  const icon = markTile(c.id, c.monogram, c.color);
  return h(
    "li",
    { class: "card-item" },
    h(
      "button",
      {
        class: "card",
        type: "button",
        "data-connector": c.id,
        "aria-label": `${c.name}: ${c.summary}`,
        onclick: () => onOpen(c.id),
      },
      icon,
      h("span", { class: "card-name" }, c.name),
      h("span", { class: "card-summary" }, c.summary),
      h(
        "span",
        { class: "card-meta" },
        h("span", { class: "tag", "data-field": "category" }, categoryLabel(c.category)),
        h("span", { class: `badge badge-${c.status}`, "data-field": "status" }, statusLabel(c.status)),
        h("span", { class: "tag", "data-field": "auth" }, authLabel(c.auth)),
        c.source === "user" ? h("span", { class: "tag" }, "Your manifest") : null,
      ),
    ),
  );
}

function problemsBanner(problems: ManifestProblem[]): HTMLElement | null {
  if (problems.length === 0) return null;
  return h(
    "details",
    { class: "banner banner-warning", "data-problems": problems.length },
    h("summary", {}, `${problems.length} problem(s) in your connector manifests; those files were skipped.`),
    h("ul", {}, ...problems.map((p) => h("li", {}, h("code", {}, p.file), ` ${p.path}: ${p.reason}`))),
  );
}

/** The gallery; with `onSamples`, a workspace without connections is offered the sample
 * accounts, and `onSamples` runs once they are connected and synced. */
export async function showGallery(target: Element, api: Api, onAdd: (connectorId: string) => void = () => {}, onSamples?: () => void): Promise<void> {
  const state: GalleryState = { category: null, search: "" };
  const grid = h("ul", { class: "cards", "aria-label": "Connectors" });
  const count = h("p", { class: "count", role: "status", "aria-live": "polite" });
  const detail = h("aside", { class: "detail", "aria-label": "Connector details" });
  const banner = h("div", {});

  const chips = [null, ...CATEGORIES].map((category) =>
    h(
      "button",
      {
        type: "button",
        class: "chip",
        "data-category": category ?? "all",
        "aria-pressed": category === null ? "true" : "false",
        onclick: () => {
          state.category = category;
          for (const chip of chips) {
            chip.setAttribute("aria-pressed", String(chip.dataset["category"] === (category ?? "all")));
          }
          void refresh();
        },
      },
      category ? categoryLabel(category) : "All",
    ),
  );
  const search = h("input", {
    type: "search",
    id: "connector-search",
    placeholder: "Search connectors",
    "aria-label": "Search connectors by name, summary or tag",
    autocomplete: "off",
  });
  search.addEventListener("input", () => {
    state.search = search.value;
    void refresh();
  });

  const open = (id: string) => void showConnectorDetail(detail, api, id, onAdd);

  let generation = 0;
  async function refresh(): Promise<void> {
    const mine = ++generation;
    try {
      const filter = {
        ...(state.category ? { category: state.category } : {}),
        ...(state.search.trim() ? { search: state.search.trim() } : {}),
      };
      const list = await api.listConnectors(filter);
      if (mine !== generation) return; // a newer query already answered
      if (list.length === 0) {
        mount(grid, h("li", { class: "state state-empty" }, "No connector matches. Try another category or fewer words."));
      } else {
        mount(grid, ...list.map((c) => connectorCard(c, open)));
      }
      count.textContent = `${list.length} connector${list.length === 1 ? "" : "s"}`;
    } catch (err) {
      mount(grid, h("li", {}, failure(toErrorPayload(err))));
    }
  }

  mount(target, loading("connectors"));
  let firstRun: HTMLElement | null = null;
  try {
    mount(banner, problemsBanner(await api.registryProblems()));
    if (onSamples && (await api.listConnections({})).length === 0) firstRun = samplesBanner(api, onSamples);
  } catch (err) {
    mount(banner, failure(toErrorPayload(err)));
  }
  mount(
    target,
    h(
      "section",
      { class: "gallery", "aria-labelledby": "gallery-title" },
      h("h1", { id: "gallery-title" }, "Connectors"),
      h("p", { class: "lede" }, "Everything Patchbay can connect to. Pick one to see how to set it up."),
      firstRun,
      banner,
      h(
        "div",
        { class: "toolbar" },
        search,
        h("div", { class: "chips", role: "group", "aria-label": "Filter by category" }, ...chips),
      ),
      count,
      h("div", { class: "gallery-body" }, grid, detail),
    ),
  );
  mount(detail, h("p", { class: "state state-empty" }, "Select a connector to see its details."));
  await refresh();
}
