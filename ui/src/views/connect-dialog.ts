// The connect dialog: every way back from the browser this connector allows, each with the
// exact redirect address to register (and a copy button), then the sign-in and a paste field.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import type { RedirectStyle } from "../bindings/RedirectStyle";
import type { Route } from "../bindings/Route";
import { toast } from "../toast";
import { replaceQuestion } from "./replace-account";

export const ROUTE_LABELS: Record<RedirectStyle, string> = {
  loopback: "Back to this computer (loopback)",
  "deep-link": "Through Patchbay's link (patchbay://)",
  relay: "Through your relay page",
  paste: "Paste the final address",
};

function copyButton(text: string): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "small",
      "data-action": "copy-redirect",
      onclick: () =>
        void navigator.clipboard?.writeText(text).then(
          () => toast("Redirect address copied.", "ok"),
          () => toast("Select the address and copy it.", "ok"),
        ),
    },
    "Copy",
  );
}

function routeChoice(c: ConnectionView, r: Route): HTMLElement {
  const id = `route-${c.id}-${r.style}`;
  return h(
    "li",
    { class: "route", "data-route": r.style },
    h("input", { type: "radio", name: `route-${c.id}`, id, value: r.style, checked: r.default, disabled: r.redirect_uri === null }),
    h("label", { for: id }, ROUTE_LABELS[r.style], r.default ? " (recommended)" : ""),
    r.redirect_uri !== null
      ? h("p", { class: "redirect" }, "Register: ", h("code", { "data-redirect-uri": r.style }, r.redirect_uri), " ", copyButton(r.redirect_uri))
      : null,
    h("p", { class: "help" }, r.note),
  );
}

/** Fills `area` with the route choice for `c`; `refresh` redraws the list after connecting. */
export async function showConnectDialog(area: HTMLElement, c: ConnectionView, api: Api, refresh: () => void): Promise<void> {
  const routes = await api.connectRoutes(c.id);
  const list = h("ul", { class: "routes", "aria-label": "How the sign-in comes back" }, ...routes.map((r) => routeChoice(c, r)));
  const waiting = h("div", { class: "sign-in" });
  const start = h("button", { type: "button", class: "primary", "data-action": "sign-in" }, "Open the sign-in page");
  start.addEventListener("click", async () => {
    const picked = list.querySelector<HTMLInputElement>("input[type=radio]:checked");
    const style = (picked?.value ?? null) as RedirectStyle | null;
    start.setAttribute("disabled", "");
    try {
      const request = await api.startConnect(c.id, style);
      const pasted = h("input", { type: "url", "aria-label": "The address your browser ended on", placeholder: "Paste the address your browser ended on", "data-paste": "" });
      const finish = h("button", { type: "button", "data-action": "finish-paste" }, "Finish");
      finish.addEventListener("click", () => {
        api.completeConnect(pasted.value, false).then(
          (done) => { toast(done.status_message ?? "Connected.", "ok"); refresh(); },
          (e) => {
            const p = toErrorPayload(e);
            const question = replaceQuestion({ ok: false, message: p.message, code: p.code, connection: null, connection_id: c.id }, api, refresh);
            if (question) area.append(question);
            else toast(p.message, "error");
          },
        );
      });
      mount(
        waiting,
        h("p", { class: "waiting", role: "status" }, style === "paste" ? "Sign in in your browser, then paste the address it ends on below." : "Waiting for you to sign in in your browser…"),
        h("p", { class: "help" }, "The sign-in page: ", h("code", { "data-authorize-url": "" }, request.url)),
        h("div", { class: "row-actions" }, pasted, finish),
      );
    } catch (e) {
      toast(toErrorPayload(e).message, "error");
    } finally {
      start.removeAttribute("disabled");
    }
  });
  mount(area, h("p", { class: "help" }, "Register the address of the route you pick with the platform's developer app, exactly as shown."), list, h("div", { class: "row-actions" }, start), waiting);
  area.hidden = false;
  // The dialog opens under the connection's buttons: bring it into view.
  area.scrollIntoView?.({ block: "nearest" });
}
