// Settings → OAuth relay (the HTTPS page Instagram, Facebook and LinkedIn return to) and
// Settings → Start at login.

import { h } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import { toast } from "../toast";

export function relaySection(api: Api, current: string | null): HTMLElement[] {
  const url = h("input", { id: "relay-url", type: "url", placeholder: "https://you.example.com/patchbay-relay.html", value: current ?? undefined, "aria-describedby": "relay-help" });
  const form = h(
    "form",
    { class: "connection-form", "data-form": "relay" },
    h("div", { class: "form-row" }, h("label", { for: "relay-url" }, "Relay page address"), url, h("p", { class: "help", id: "relay-help" }, "Instagram, Facebook and LinkedIn return only to an HTTPS page. Save the relay page, host it on any HTTPS site you control (GitHub Pages, Netlify…), enter its address here, and register that address with the platform.")),
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "primary", "data-action": "save-relay" }, "Save address"),
      h("button", { type: "button", "data-action": "save-relay-page", onclick: () => api.saveRelayPage().then((path) => toast(`Relay page saved to ${path}. Host it on HTTPS, then enter its address above.`, "ok"), (e) => toast(toErrorPayload(e).message, "error")) }, "Save relay page…"),
    ),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    api.setRelayUrl(url.value === "" ? null : url.value).then(
      (saved) => toast(saved ? "Relay page address saved." : "Relay page address cleared.", "ok"),
      (e) => toast(toErrorPayload(e).message, "error"),
    );
  });
  return [h("h2", { id: "oauth-relay" }, "OAuth relay"), form];
}

export function startAtLoginSection(api: Api, enabled: boolean | null): HTMLElement[] {
  if (enabled === null) return [];
  const box = h("input", { id: "pref-autostart", type: "checkbox", checked: enabled });
  box.addEventListener("change", () => {
    api.setAutostart(box.checked).then(
      (now) => {
        box.checked = now;
        toast(now ? "Patchbay will start at login, in the tray." : "Patchbay will not start at login.", "ok");
      },
      (e) => {
        box.checked = !box.checked;
        toast(toErrorPayload(e).message, "error");
      },
    );
  });
  return [
    h("h2", {}, "Background"),
    h("div", { class: "form-row" }, h("label", { class: "inline", for: "pref-autostart" }, box, " Start Patchbay at login"), h("p", { class: "help" }, "Closing the window keeps Patchbay in the tray, syncing on schedule; Quit in the tray menu stops it.")),
  ];
}
