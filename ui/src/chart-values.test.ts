import { describe, expect, it } from "vitest";
import { readableChart } from "./chart-values";
import { h } from "./dom";
import { svgNode } from "./svg";

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img" aria-label="Followers"><g data-points=""><circle cx="10" cy="40" r="6" fill="transparent" data-point="Nov 28, 2026: 1,000 followers"/><circle cx="50" cy="30" r="6" fill="transparent" data-point="Nov 29, 2026: 1,010 followers"/><circle cx="90" cy="10" r="6" fill="transparent" data-point="Nov 30, 2026: 1,042 followers"/></g></svg>`;

function chart(): HTMLElement {
  const box = h("div", { class: "chart" }, h("div", { class: "chart-frame" }, svgNode(SVG, "followers")));
  document.body.append(box);
  readableChart(box, "Followers");
  return box;
}

const said = (box: HTMLElement) => box.querySelector('[data-field="chart-value"]')?.textContent;
const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));

describe("a chart you can read", () => {
  it("is one keyboard stop that starts on the latest value and steps with the arrows", () => {
    const box = chart();
    const frame = box.querySelector(".chart-frame")!;
    expect(frame.getAttribute("tabindex")).toBe("0");
    expect(frame.getAttribute("aria-label")).toContain("3 values");
    frame.dispatchEvent(new FocusEvent("focus"));
    expect(said(box)).toBe("Nov 30, 2026: 1,042 followers");
    key(frame, "ArrowLeft");
    expect(said(box)).toBe("Nov 29, 2026: 1,010 followers");
    key(frame, "Home");
    expect(said(box)).toBe("Nov 28, 2026: 1,000 followers");
    key(frame, "ArrowLeft");
    expect(said(box)).toBe("Nov 28, 2026: 1,000 followers");
    expect(box.querySelector("[data-active]")?.getAttribute("data-point")).toBe("Nov 28, 2026: 1,000 followers");
  });

  it("shows a value when the pointer is on it", () => {
    const box = chart();
    const middle = box.querySelectorAll("[data-point]")[1]!;
    middle.dispatchEvent(new MouseEvent("mouseenter"));
    const tip = box.querySelector<HTMLElement>('[data-field="chart-tip"]')!;
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toBe("Nov 29, 2026: 1,010 followers");
  });

  it("leaves a chart without values alone", () => {
    const box = h("div", {}, h("div", {}, svgNode('<svg xmlns="http://www.w3.org/2000/svg"/>', "x")));
    readableChart(box, "Empty");
    expect(box.querySelector("[tabindex]")).toBeNull();
  });
});
