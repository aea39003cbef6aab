import { describe, expect, it } from "vitest";
import { compact, percent, signed } from "./format";

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
