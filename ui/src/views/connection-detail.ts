// One connection in full, shown in the Connections view's side panel: status, token health,
// API budget, sync and schedule, the settings' masked secrets (OAuth tokens folded away: nothing
// a user acts on), tags, actions, records, and Verify, Connect, Edit and Remove.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { connectionStatusLabel } from "../labels";
import { toast } from "../toast";
import { showConnectDialog } from "./connect-dialog";
import { syncPanel } from "./sync-panel";
import { actionPanel } from "./action-panel";
import { recordsPanel } from "./records-panel";
import { tokenHealth } from "./token-health";

export interface ConnectionsNav {
  edit(view: ConnectionView): void;
  gallery(): void;
}

/** Secrets the platform issued at sign-in: masked and folded away unless asked for. */
const ISSUED = ["access_token", "refresh_token", "id_token", "page_access_token", "token_secret"];

function secretsList(v: ConnectionView): HTMLElement | null {
  const entries = Object.entries(v.secrets);
  if (entries.length === 0) return null;
  const list = (items: [string, string][]) => h("dl", { class: "secrets" }, ...items.flatMap(([field, masked]) => [h("dt", {}, field), h("dd", { "data-secret": field }, masked)]));
  const settings = entries.filter(([f]) => !ISSUED.includes(f));
  const issued = entries.filter(([f]) => ISSUED.includes(f));
  return h(
    "div",
    {},
    settings.length > 0 ? list(settings) : null,
    issued.length > 0 ? h("details", { class: "issued-tokens" }, h("summary", {}, "Sign-in tokens (masked)"), list(issued)) : null,
  );
}

/** The connection's tags, edited as a comma-separated list. */
function tagEditor(v: ConnectionView, api: Api, refresh: () => void): HTMLElement {
  const id = `tags-${v.id}`;
  const input = h("input", { id, type: "text", value: v.tags.join(", "), placeholder: "client: Acme, launch", "data-tags": "" });
  const save = h("button", { type: "button", "data-action": "save-tags" }, "Save tags");
  save.addEventListener("click", () => {
    const tags = input.value.split(",").map((t) => t.trim()).filter((t) => t.length > 0);
    api.setTags(v.id, tags).then(
      (u) => { toast(u.tags.length > 0 ? `${u.name} is tagged: ${u.tags.join(", ")}.` : `${u.name} carries no tags now.`, "ok"); refresh(); },
      (e) => toast(toErrorPayload(e).message, "error"),
    );
  });
  return h("div", { class: "tag-editor" }, h("label", { for: id }, "Tags"), input, save);
}

/** Everything about one connection, in the side panel beside the table. */
export function connectionDetail(v: ConnectionView, api: Api, nav: ConnectionsNav, refresh: () => void, autoConnect = false): HTMLElement {
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
    if (autoConnect) queueMicrotask(() => connect.click());
    if (connected) {
      oauthButtons.push(
        h("button", { type: "button", "data-action": "refresh-token", onclick: () => api.refreshConnection(c.id).then(() => { toast("Token refreshed.", "ok"); refresh(); }, (e) => toast(toErrorPayload(e).message, "error")) }, "Refresh token"),
        h("button", { type: "button", "data-action": "disconnect", onclick: () => api.disconnectConnection(c.id).then(() => { toast("Disconnected. Settings and history are kept.", "ok"); refresh(); }, (e) => toast(toErrorPayload(e).message, "error")) }, "Disconnect"),
      );
    }
  }
  const health = tokenHealth(v);
  const item = h(
    "aside",
    { class: "connection", "data-connection": c.id, "aria-label": `${c.name} details` },
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
    secretsList(v),
    tagEditor(v, api, refresh),
    result,
    actionPanel(v, api),
    recordsPanel(v, api),
    h("div", { class: "row-actions" }, ...oauthButtons, verify, h("button", { type: "button", "data-action": "edit", onclick: () => nav.edit(v) }, "Edit"), remove),
    oauthArea,
    confirmBox,
  );
  return item;
}

