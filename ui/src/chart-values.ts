// Charts you can read: hovering a point, bar or cell shows its date and value; the chart takes
// keyboard focus, and the arrow keys (Home, End) step through its values, each announced to a
// screen reader. The core draws the points (`data-point` on transparent circles); this only
// shows and says them.

import { h } from "./dom";

const ACTIVE_STROKE = "currentColor";

export function readableChart(box: HTMLElement, name: string): void {
  const frame = box.querySelector("svg");
  const points = Array.from(box.querySelectorAll<SVGElement>("[data-point]"));
  if (!frame || points.length === 0) return;
  const tip = h("div", { class: "chart-tip", hidden: true, "aria-hidden": "true", "data-field": "chart-tip" });
  const live = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite", "data-field": "chart-value" });
  const holder = frame.parentElement ?? box;
  holder.setAttribute("tabindex", "0");
  holder.setAttribute("role", "group");
  holder.setAttribute("aria-label", `${name}: ${points.length} values; the arrow keys read them one by one`);
  holder.classList.add("chart-frame");
  box.append(tip, live);
  let index = -1;

  function show(i: number): void {
    const previous = points[index];
    if (previous) {
      previous.removeAttribute("stroke");
      previous.removeAttribute("data-active");
    }
    index = Math.max(0, Math.min(points.length - 1, i));
    const point = points[index]!;
    point.setAttribute("stroke", ACTIVE_STROKE);
    point.setAttribute("stroke-width", "2");
    point.setAttribute("data-active", "");
    const text = point.getAttribute("data-point") ?? "";
    tip.textContent = text;
    live.textContent = text;
    const at = point.getBoundingClientRect();
    const origin = box.getBoundingClientRect();
    tip.style.left = `${at.left - origin.left + at.width / 2}px`;
    tip.style.top = `${at.top - origin.top}px`;
    tip.hidden = false;
  }

  function hide(): void {
    tip.hidden = true;
  }

  points.forEach((p, i) => p.addEventListener("mouseenter", () => show(i)));
  frame.addEventListener("mouseleave", hide);
  holder.addEventListener("focus", () => show(index < 0 ? points.length - 1 : index));
  holder.addEventListener("blur", hide);
  holder.addEventListener("keydown", (e) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: points.length - 1 };
    if (e.key === "Escape") {
      hide();
      return;
    }
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    show(to);
  });
}
