// Short messages at the corner of the window: success in green, failure in red. A message may
// carry one action (a "Save a copy…" after a save); it then stays longer, and for as long as
// the pointer or the keyboard is on it, until used or closed.

import { h } from "./dom";

let region: HTMLElement | null = null;

function ensureRegion(): HTMLElement {
  if (!region || !region.isConnected) {
    region = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(region);
  }
  return region;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

export function toast(message: string, kind: "ok" | "error", action?: ToastAction): HTMLElement {
  const el = h("div", { class: `toast toast-${kind}`, "data-toast": kind }, h("span", { class: "toast-message" }, message));
  if (action) {
    const close = (): void => el.remove();
    el.append(
      " ",
      h("button", { type: "button", class: "toast-action", "data-action": "toast-action", onclick: () => { close(); action.run(); } }, action.label),
      h("button", { type: "button", class: "link toast-close", "aria-label": "Close", onclick: close }, "×"),
    );
  }
  ensureRegion().append(el);
  // A message with an action waits while the pointer or the keyboard is on it, so nobody loses
  // the button while reaching for it.
  const expire = (): void => {
    if (action && (el.matches(":hover") || el.contains(document.activeElement))) setTimeout(expire, 2000);
    else el.remove();
  };
  setTimeout(expire, action ? 30000 : 8000);
  return el;
}
