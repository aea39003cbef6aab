import { describe, expect, it } from "vitest";
import type { ConnectionView } from "../bindings/ConnectionView";
import { daysUntil, tokenHealth } from "./token-health";

const base = {
  id: "c", connector_id: "tiktok", name: "T", mode: "sandbox", config: {}, overrides: {}, status: "active",
  status_message: null, account_id: "1", account_handle: "maya", scopes: ["user.info.basic", "video.list"],
  token_expires_at: null, created_at: "", updated_at: "", last_verified_at: null, last_synced_at: null, tags: [],
  secrets: { access_token: "tikt…abcd", refresh_token: "tikt…efgh" }, auth: "oauth2", api_budget_percent: null,
  schedule: { own: null, label: "every 6 h (default)", next_sync_at: null },
  backfill: null,
  app_id: null,
    actions: [],
    record_streams: [],
} as ConnectionView;

describe("token health", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  it("counts whole days to expiry and lists the granted scopes", () => {
    const v = { ...base, token_expires_at: "2026-11-27T13:00:00Z" };
    expect(tokenHealth(v, now)).toBe("Token expires in 5 days · scopes: user.info.basic, video.list");
  });
  it("counts hours on the last day", () => {
    expect(tokenHealth({ ...base, token_expires_at: "2026-11-23T11:00:00Z" }, now)).toMatch(/^Token expires in 23 hours/);
  });
  it("warns a week ahead when the token cannot be refreshed", () => {
    const linkedin = { ...base, connector_id: "linkedin", token_expires_at: "2026-11-26T13:00:00Z", secrets: { access_token: "li…abcd" } };
    expect(tokenHealth(linkedin, now)).toMatch(/^⚠ Token expires in 4 days and cannot be refreshed/);
    expect(tokenHealth({ ...linkedin, secrets: { access_token: "a", refresh_token: "r" } }, now)).toMatch(/^Token expires in 4 days/);
  });
  it("says when a token expired or does not expire", () => {
    expect(tokenHealth({ ...base, token_expires_at: "2026-11-20T00:00:00Z" }, now)).toMatch(/^Token expired/);
    expect(tokenHealth(base, now)).toMatch(/^Token does not expire/);
  });
  it("shows nothing for connections without OAuth tokens", () => {
    expect(tokenHealth({ ...base, auth: "bot_token" }, now)).toBeNull();
    expect(tokenHealth({ ...base, secrets: {} }, now)).toBeNull();
    expect(daysUntil("not a date", now)).toBeNull();
  });
});
