import { describe, expect, it, vi } from "vitest";
import type { Api } from "./api";
import { startApp } from "./app";

/** An Api whose every call answers with nothing, and whose sync-finished listener is captured. */
function fakeApi(): { api: Api; finish: () => void } {
  let finished: (() => void) | null = null;
  const empty = async () => [];
  const mocks = new Map<string, unknown>();
  const api = new Proxy({} as Api, {
    get(_, name: string) {
      if (!mocks.has(name)) mocks.set(name, answer(name));
      return mocks.get(name);
    },
  });
  function answer(name: string): unknown {
    {
      if (name === "onSyncFinished") {
        return async (handler: () => void) => {
          finished = handler;
          return () => {};
        };
      }
      if (name.startsWith("on")) return async () => () => {};
      if (name === "getPreferences") return async () => ({ sync_interval_hours: 6, retention_days: 0, default_mode: "live", time_zone: "UTC" });
      if (name === "listConnections")
        return vi.fn(async () => [
          { id: "my-x-1", connector_id: "x", name: "My X", mode: "live", auth: "oauth2", status: "pending_setup", status_message: null, account_handle: null, secrets: {}, config: {}, overrides: {}, scopes: [], api_budget_percent: null, token_expires_at: null, schedule: { label: "every 6 h", next_sync_at: null, own: null }, last_synced_at: null, actions: [], record_streams: [], tags: [] },
        ]);
      if (name === "vaultStatus") return async () => ({ kind: "keyring", message: "ok" });
      return vi.fn(empty);
    }
  }
  return { api, finish: () => finished?.() };
}

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("the window after a sync it did not start", () => {
  it("redraws the sync log when the scheduler or the tray finishes a sync", async () => {
    const { api, finish } = fakeApi();
    const root = document.createElement("div");
    startApp(root, api);
    (root.querySelector('[data-view="sync-log"]') as HTMLButtonElement).click();
    await settle();
    expect(api.syncLog).toHaveBeenCalledTimes(1);
    // Three connections finish in a burst: one redraw.
    finish();
    finish();
    finish();
    await settle(400);
    expect(api.syncLog).toHaveBeenCalledTimes(2);
  });

  it("leaves a form alone", async () => {
    const { api, finish } = fakeApi();
    const root = document.createElement("div");
    startApp(root, api);
    await settle();
    (root.querySelector('[data-view="settings"]') as HTMLButtonElement).click();
    await settle();
    const before = root.querySelector("main")?.firstChild;
    finish();
    await settle(400);
    expect(root.querySelector("main")?.firstChild).toBe(before);
    expect(api.syncLog).not.toHaveBeenCalled();
  });

  it("leaves an open sign-in alone", async () => {
    const { api, finish } = fakeApi();
    const root = document.createElement("div");
    startApp(root, api);
    (root.querySelector('[data-view="connections"]') as HTMLButtonElement).click();
    await settle();
    await settle();
    (root.querySelector('[data-action="connect"]') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector(".oauth-wait")?.hasAttribute("hidden")).toBe(false);
    const calls = (api.listConnections as ReturnType<typeof vi.fn>).mock.calls.length;
    finish();
    await settle(400);
    expect((api.listConnections as ReturnType<typeof vi.fn>).mock.calls.length).toBe(calls);
    expect(root.querySelector(".oauth-wait")?.hasAttribute("hidden")).toBe(false);
  });
});
