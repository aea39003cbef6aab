import { describe, expect, it } from "vitest";
import { compact, percent, relative, signed } from "./format";

describe("number formats", () => {
  it("uses K and M notation", () => {
    expect(compact(950)).toBe("950");
    expect(compact(1234)).toBe("1.2K");
    expect(compact(45600)).toBe("46K");
    expect(compact(3_400_000)).toBe("3.4M");
    expect(compact(null)).toBe("—");
  });
  it("signs changes and formats rates", () => {
    expect(signed(1200)).toBe("+1.2K");
    expect(signed(-35)).toBe("−35");
    expect(signed(null)).toBe("—");
    expect(percent(3.456)).toBe("3.46 %");
  });
});

describe("relative times", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  it("says how far a sync is, ahead or behind", () => {
    expect(relative("2026-11-22T12:00:20Z", now)).toBe("now");
    expect(relative("2026-11-22T12:12:00Z", now)).toBe("in 12 min");
    expect(relative("2026-11-22T15:00:00Z", now)).toBe("in 3 h");
    expect(relative("2026-11-25T12:00:00Z", now)).toBe("in 3 days");
    expect(relative("2026-11-22T11:55:00Z", now)).toBe("5 min ago");
    expect(relative(null, now)).toBe("never");
  });
});
