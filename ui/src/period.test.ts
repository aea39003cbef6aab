import { describe, expect, it } from "vitest";
import { periodDays, periodLabel } from "./period";

describe("the shared period", () => {
  const today = new Date("2026-11-30T15:00:00Z");
  it("knows how many days back a chart must reach", () => {
    expect(periodDays("7d", today)).toBe(7);
    expect(periodDays("90d", today)).toBe(90);
    expect(periodDays("this-month", today)).toBe(30);
    expect(periodDays("2026-11-01..2026-11-15", today)).toBe(30);
    expect(periodDays("2026-11-30..2026-11-30", today)).toBe(1);
  });
  it("reads as a person says it", () => {
    expect(periodLabel("30d")).toBe("the last 30 days");
    expect(periodLabel("this-month")).toBe("this month");
    expect(periodLabel("2026-11-01..2026-11-15")).toBe("2026-11-01 – 2026-11-15");
  });
});
