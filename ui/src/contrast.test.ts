// Every text colour the stylesheet uses, on every background it is drawn on, in light and dark
// themes, meets WCAG 2.x AA for normal text (4.5:1).

/// <reference types="node" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Vitest runs from ui/ (see package.json).
const css = readFileSync("src/styles.css", "utf8");

function palette(block: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)) vars[m[1]!] = m[2]!;
  return vars;
}

const DARK = ':root[data-theme="dark"]';
const light = palette(css.slice(css.indexOf(":root"), css.indexOf(DARK)));
const dark = { ...light, ...palette(css.slice(css.indexOf(DARK), css.indexOf("}", css.indexOf(DARK)))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// Text colour → the backgrounds it appears on.
const PAIRS: [string, string[]][] = [
  ["fg", ["bg", "card"]],
  ["muted", ["bg", "card"]],
  ["accent", ["bg", "card"]],
  ["danger", ["bg", "card"]],
  ["ok", ["bg", "card"]],
  ["warn", ["bg", "card"]],
  ["on-accent", ["accent"]],
];

describe("colour contrast", () => {
  it("computes the WCAG ratio", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });
  for (const [name, theme] of [["light", light], ["dark", dark]] as const) {
    it(`meets 4.5:1 for every text colour in the ${name} theme`, () => {
      const failures: string[] = [];
      for (const [text, backgrounds] of PAIRS) {
        for (const bg of backgrounds) {
          const ratio = contrast(theme[text]!, theme[bg]!);
          if (!(ratio >= 4.5)) failures.push(`--${text} on --${bg}: ${ratio.toFixed(2)}:1`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
