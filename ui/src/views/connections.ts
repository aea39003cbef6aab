// The Connections view: every configured account with its status, masked secrets, and
// Verify, Edit and Remove.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { connectionStatusLabel } from "../labels";
import { failure, loading } from "./states";

export interface ConnectionsNav {
  edit(view: ConnectionView): void;
  gallery(): void;
}

function row(v: ConnectionView, api: Api, nav: ConnectionsNav, refresh: () => void, highlight: boolean): HTMLElement {
  const c = v;
  const result = h("p", { class: "verify-result", role: "status", "aria-live": "polite" }, c.status_message ?? "");
  const verify = h("button", { type: "button", "data-action": "verify" }, "Verify");
  verify.addEventListener("click", async () => {
    verify.setAttribute("disabled", "");
    result.textContent = "Verifying…";
    try {
      const report = await api.verifyConnection(c.id);
      result.textContent = report.message;
      result.dataset["outcome"] = report.outcome;
      const badge = item.querySelector(".status");
      if (badge) {
        badge.textContent = connectionStatusLabel(report.connection.status);
        badge.className = `status badge status-${report.connection.status}`;
      }
    } catch (err) {
      result.textContent = toErrorPayload(err).message;
      result.dataset["outcome"] = "error";
    } finally {
      verify.removeAttribute("disabled");
    }
  });
  const confirmBox = h("div", { class: "confirm", hidden: true, role: "group", "aria-label": `Remove ${c.name}` });
  const remove = h("button", { type: "button", class: "danger", "data-action": "remove" }, "Remove");
  remove.addEventListener("click", () => {
    const purge = h("input", { type: "checkbox", id: `purge-${c.id}`, "data-purge": "" });
    mount(
      confirmBox,
      h("p", {}, `Remove ${c.name}? Its secrets are deleted from this machine.`),
      h("label", { for: `purge-${c.id}` }, purge, " Also delete everything synced from it"),
      h("button", { type: "button", class: "danger", "data-action": "confirm-remove", onclick: () => api.removeConnection(c.id, purge.checked).then(refresh, (e) => { result.textContent = toErrorPayload(e).message; }) }, "Remove"),
      h("button", { type: "button", onclick: () => { confirmBox.hidden = true; } }, "Cancel"),
    );
    confirmBox.hidden = false;
  });
  const item = h(
    "li",
    { class: `connection${highlight ? " highlight" : ""}`, "data-connection": c.id },
    h(
      "div",
      { class: "connection-head" },
      h("strong", { class: "connection-name" }, c.name),
      h("span", { class: `status badge status-${c.status}`, "data-field": "status" }, connectionStatusLabel(c.status)),
      h("span", { class: "tag" }, c.connector_id),
      c.mode === "sandbox" ? h("span", { class: "tag" }, "Sandbox") : null,
    ),
    c.account_handle ? h("p", { class: "account" }, `Account: ${c.account_handle}`) : null,
    Object.keys(v.secrets).length > 0
      ? h("dl", { class: "secrets" }, ...Object.entries(v.secrets).flatMap(([field, masked]) => [h("dt", {}, field), h("dd", { "data-secret": field }, masked)]))
      : null,
    result,
    h("div", { class: "row-actions" }, verify, h("button", { type: "button", "data-action": "edit", onclick: () => nav.edit(v) }, "Edit"), remove),
    confirmBox,
  );
  return item;
}

export async function showConnections(target: Element, api: Api, nav: ConnectionsNav, highlight?: string): Promise<void> {
  const refresh = () => void showConnections(target, api, nav);
  mount(target, loading("connections"));
  try {
    const list = await api.listConnections({});
    const body =
      list.length === 0
        ? h(
            "div",
            { class: "state state-empty" },
            h("p", {}, "No connections yet. Pick a connector and add your first account."),
            h("button", { type: "button", class: "primary", onclick: () => nav.gallery() }, "Browse connectors"),
          )
        : h("ul", { class: "connections", "aria-label": "Connections" }, ...list.map((v) => row(v, api, nav, refresh, v.id === highlight)));
    mount(target, h("section", { class: "connections-view" }, h("h1", {}, "Connections"), body));
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
