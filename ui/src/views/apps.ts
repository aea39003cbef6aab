// Settings → Developer apps: a platform's client ID and secret, entered once and used by every
// account of it. Replacing the secret here updates every connection that uses the app.

import { h } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { AppView } from "../bindings/AppView";
import { toast } from "../toast";

function appRow(app: AppView, api: Api, redraw: () => void): HTMLElement {
  const secret = h("input", { type: "password", autocomplete: "new-password", placeholder: "New client secret", "aria-label": `New client secret for ${app.name}`, "data-rotate": app.id });
  const save = h("button", { type: "button", "data-action": "rotate-secret" }, "Replace secret");
  save.addEventListener("click", () => {
    if (secret.value === "") return;
    api.updateApp(app.id, { name: null, client_id: null, client_secret: secret.value }).then(
      (updated) => {
        toast(`Secret replaced; ${updated.connections.length} connection(s) use it now.`, "ok");
        redraw();
      },
      (e) => toast(toErrorPayload(e).message, "error"),
    );
  });
  return h(
    "li",
    { class: "connection", "data-app": app.id },
    h("strong", {}, app.name),
    h("span", { class: "tag" }, app.connector_id),
    h("p", { class: "help" }, `Client ID ${app.client_id} · secret ${app.client_secret ?? "none"} · used by ${app.connections.length === 0 ? "no connection" : app.connections.join(", ")}`),
    h("div", { class: "row-actions" }, secret, save),
  );
}

/** The section, filled once the apps are read. */
export function appsSection(api: Api): HTMLElement[] {
  const list = h("ul", { class: "connections", "aria-label": "Developer apps" });
  const redraw = (): void => {
    api.listApps(null).then(
      (apps) => {
        list.replaceChildren(...(apps.length > 0 ? apps.map((a) => appRow(a, api, redraw)) : [h("li", { class: "state state-empty" }, "No apps yet. Connections made with an app share its client ID and secret.")]));
      },
      (e) => list.replaceChildren(h("li", { class: "state" }, toErrorPayload(e).message)),
    );
  };
  redraw();
  return [
    h("h2", { id: "developer-apps" }, "Developer apps"),
    h("p", { class: "help" }, "One app per platform serves all your accounts of it. Pick it when you add a connection; replace its secret here and every connection follows."),
    list,
  ];
}
