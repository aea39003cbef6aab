// Light, dark, or following the system: the stylesheet's palette follows `data-theme` on the
// document, which this module keeps in step with the user's choice (and with the system while
// the choice is "system").

import type { Appearance } from "./bindings/Appearance";

let chosen: Appearance = "system";
let watching = false;

function systemDark(): boolean {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches === true;
}

function resolve(): void {
  const dark = chosen === "dark" || (chosen === "system" && systemDark());
  document.documentElement.dataset["theme"] = dark ? "dark" : "light";
}

/** Applies the user's choice now, and keeps following the system when it is "system". */
export function applyAppearance(appearance: Appearance): void {
  chosen = appearance;
  if (!watching && typeof window !== "undefined" && window.matchMedia) {
    watching = true;
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener?.("change", resolve);
  }
  resolve();
}

/** The palette in use: what charts are drawn for. */
export function currentTheme(): "light" | "dark" {
  const set = typeof document !== "undefined" ? document.documentElement.dataset["theme"] : undefined;
  if (set === "dark" || set === "light") return set;
  return systemDark() ? "dark" : "light";
}
