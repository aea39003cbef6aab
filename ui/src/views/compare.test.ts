import { describe, expect, it } from "vitest";
import type { Comparison } from "../bindings/Comparison";
import { compareTable } from "./compare";

const row = (id: string, followers: number | null, interactions: number | null): Comparison => ({
  connection_id: id,
  name: `Account ${id}`,
  connector_id: "tiktok",
  handle: id,
  followers,
  posts: 4,
  views_per_1k: 412.345,
  interactions_per_1k: interactions,
  growth_per_1k: null,
});

describe("the per-1,000-followers comparison", () => {
  it("lists every account with its figures and a dash where one cannot be computed", () => {
    const table = compareTable([row("a", 3_400_000, 12.34), row("b", null, null)], 30)!;
    const rows = table.querySelectorAll("tbody tr");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector("th")!.textContent).toBe("Account a");
    expect(rows[0]!.textContent).toContain("3.4M");
    expect(rows[0]!.querySelector('[data-per1k="interactions"]')!.textContent).toBe("12.3");
    expect(rows[1]!.querySelector('[data-per1k="interactions"]')!.textContent).toBe("—");
    expect(table.querySelector("th[scope=col]")).not.toBeNull();
  });
  it("is left out with a single account (nothing to compare)", () => {
    expect(compareTable([row("a", 10, 1)], 30)).toBeNull();
  });
});
