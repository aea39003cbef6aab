// The Connections view: every configured account with its status, masked secrets, and
// Verify, Edit and Remove.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { connectionStatusLabel } from "../labels";
import { toast } from "../toast";
import { replaceQuestion } from "./replace-account";
import { showConnectDialog } from "./connect-dialog";
import { syncPanel } from "./sync-panel";
import { actionPanel } from "./action-panel";
import { recordsPanel } from "./records-panel";
import { tokenHealth } from "./token-health";
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
  const oauthArea = h("div", { class: "oauth-wait", hidden: true });
  const oauthButtons: HTMLElement[] = [];
  if (c.auth === "oauth2") {
    const connected = "access_token" in v.secrets;
    const label = c.status === "needs_reauth" || connected ? "Reconnect" : "Connect";
    const connect = h("button", { type: "button", class: c.status === "needs_reauth" ? "primary" : "", "data-action": "connect" }, label);
    connect.addEventListener("click", () => {
      connect.setAttribute("disabled", "");
      showConnectDialog(oauthArea, c, api, refresh)
        .catch((e) => toast(toErrorPayload(e).message, "error"))
        .finally(() => connect.removeAttribute("disabled"));
    });
    oauthButtons.push(connect);
    if (connected) {
      oauthButtons.push(
        h("button", { type: "button", "data-action": "refresh-token", onclick: () => api.refreshConnection(c.id).then(() => { toast("Token refreshed.", "ok"); refresh(); }, (e) => toast(toErrorPayload(e).message, "error")) }, "Refresh token"),
        h("button", { type: "button", "data-action": "disconnect", onclick: () => api.disconnectConnection(c.id).then(() => { toast("Disconnected. Settings and history are kept.", "ok"); refresh(); }, (e) => toast(toErrorPayload(e).message, "error")) }, "Disconnect"),
      );
    }
  }
  const health = tokenHealth(v);
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
    c.account_handle ? h("p", { class: "account", "data-field": "account" }, `Account: ${c.account_handle}`) : null,
    health ? h("p", { class: "token-health", "data-field": "token-health" }, health) : null,
    v.backfill ? h("p", { class: "help", "data-field": "backfill" }, v.backfill) : null,
    c.api_budget_percent !== null
      ? h(
          "p",
          { class: "budget", "data-field": "api-budget" },
          h("label", { for: `budget-${c.id}` }, "API budget used "),
          h("meter", { id: `budget-${c.id}`, min: 0, max: 100, low: 70, high: 90, optimum: 0, value: c.api_budget_percent }),
          ` ${c.api_budget_percent.toFixed(0)} %`,
        )
      : null,
    syncPanel(v, api, refresh),
    Object.keys(v.secrets).length > 0
      ? h("dl", { class: "secrets" }, ...Object.entries(v.secrets).flatMap(([field, masked]) => [h("dt", {}, field), h("dd", { "data-secret": field }, masked)]))
      : null,
    result,
    actionPanel(v, api),
    recordsPanel(v, api),
    h("div", { class: "row-actions" }, ...oauthButtons, verify, h("button", { type: "button", "data-action": "edit", onclick: () => nav.edit(v) }, "Edit"), remove),
    oauthArea,
    confirmBox,
  );
  return item;
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
      if (target.querySelector(".connections-view")) void showConnections(target, api, nav, f.connection?.id);
    });
  }
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
