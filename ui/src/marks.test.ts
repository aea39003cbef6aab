import { describe, expect, it } from "vitest";
import { brandColor, hasMark, markTile } from "./marks";

describe("platform marks", () => {
  it("draws the platform's mark in its colour, bundled (no network)", () => {
    const tile = markTile("youtube", "YT", null);
    expect(tile.querySelector("svg path")?.getAttribute("d")?.length).toBeGreaterThan(50);
    expect(tile.style.getPropertyValue("--brand")).toBe("#FF0000");
    expect(tile.getAttribute("aria-hidden")).toBe("true");
  });

  it("prefers the manifest's colour and keeps monograms for connectors without a mark", () => {
    expect(brandColor("instagram", "#E1306C")).toBe("#E1306C");
    expect(hasMark("slack")).toBe(false);
    const slack = markTile("slack", "S", "#4A154B");
    expect(slack.textContent).toBe("S");
    expect(slack.querySelector("svg")).toBeNull();
    expect(slack.style.getPropertyValue("--brand")).toBe("#4A154B");
    expect(markTile("my-own", "MO", null).style.getPropertyValue("--brand")).toBe("");
  });
});
