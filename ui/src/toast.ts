// Short messages at the corner of the window: success in green, failure in red.

import { h } from "./dom";

let region: HTMLElement | null = null;

function ensureRegion(): HTMLElement {
  if (!region || !region.isConnected) {
    region = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(region);
  }
  return region;
}

export function toast(message: string, kind: "ok" | "error"): void {
  const el = h("div", { class: `toast toast-${kind}`, "data-toast": kind }, message);
  ensureRegion().append(el);
  setTimeout(() => el.remove(), 8000);
}
