// Puts an SVG chart drawn by the core into the page as parsed SVG nodes (never as HTML).

import { h } from "./dom";

export function svgNode(markup: string, label: string): Element {
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg" || doc.querySelector("parsererror")) {
    return h("p", { class: "state state-error" }, `The ${label} chart could not be drawn.`);
  }
  for (const s of Array.from(root.querySelectorAll("script, foreignObject"))) s.remove();
  return document.importNode(root, true);
}
