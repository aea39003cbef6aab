// The detail panel of one connector: what it does, how to set it up, its limits.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { Manifest } from "../bindings/Manifest";
import { authLabel, categoryLabel, statusLabel } from "../labels";
import { failure, loading } from "./states";

function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function renderConnectorDetail(m: Manifest, onDocs: () => void, onAdd: () => void): HTMLElement {
  const scopes = m.auth.type === "oauth2" ? m.auth.scopes : [];
  return h(
    "article",
    { class: "detail-body", "data-detail": m.id },
    h("h2", {}, m.name),
    h(
      "p",
      { class: "card-meta" },
      h("span", { class: "tag" }, categoryLabel(m.category)),
      h("span", { class: `badge badge-${m.status}` }, statusLabel(m.status)),
      h("span", { class: "tag" }, authLabel(m.auth.type)),
    ),
    h("p", {}, m.description),
    m.status === "coming-soon"
      ? h("p", { class: "state-empty" }, "This connector is coming soon: it cannot be added yet.")
      : h("button", { type: "button", class: "primary", "data-action": "add-connection", onclick: onAdd }, "Add connection"),
    h("h3", {}, "Capabilities"),
    h("ul", { class: "capabilities" }, ...m.capabilities.map((c) => h("li", {}, humanize(c)))),
    scopes.length > 0 ? h("h3", {}, "Permissions requested") : null,
    scopes.length > 0 ? h("ul", { class: "scopes" }, ...scopes.map((s) => h("li", {}, h("code", {}, s)))) : null,
    m.setup.length > 0 ? h("h3", {}, "Setup") : null,
    m.setup.length > 0
      ? h("ol", { class: "setup" }, ...m.setup.map((s) => h("li", {}, h("strong", {}, s.title), h("p", {}, s.body))))
      : null,
    m.rate_limits.length > 0 ? h("h3", {}, "Documented limits") : null,
    m.rate_limits.length > 0
      ? h("ul", {}, ...m.rate_limits.map((r) => h("li", {}, `${r.limit} ${r.unit} per ${r.window} (${r.scope})`)))
      : null,
    h("button", { type: "button", class: "link", "data-action": "docs", onclick: onDocs }, `Open the ${m.name} documentation`),
  );
}

export async function showConnectorDetail(target: Element, api: Api, id: string, onAdd: (id: string) => void): Promise<void> {
  mount(target, loading("connector"));
  try {
    const manifest = await api.getConnector(id);
    mount(target, renderConnectorDetail(manifest, () => void api.openConnectorDocs(id), () => onAdd(id)));
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
