import { describe, expect, it, vi } from "vitest";
import type { Api } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { healthCell, showConnections, type TableState, visibleRows } from "./connections";

function conn(id: string, over: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id, connector_id: "instagram", name: id, mode: "sandbox", config: {}, overrides: {}, status: "active",
    status_message: null, account_id: null, account_handle: `${id}_handle`, scopes: [], token_expires_at: null,
    created_at: "", updated_at: "", last_verified_at: null, last_synced_at: null, secrets: {}, auth: "oauth2",
    api_budget_percent: null, schedule: { own: null, label: "every 6 h", next_sync_at: null }, backfill: null,
    app_id: null, actions: [], record_streams: [], tags: [], ...over,
  } as ConnectionView;
}

const base = (): TableState => ({ search: "", status: "", platform: "", tag: "", sort: "name", ascending: true, selected: new Set(), open: null });

describe("the connections table", () => {
  const list = [
    conn("Zeta", { connector_id: "tiktok", tags: ["client: Acme"], api_budget_percent: 80 }),
    conn("alpha", { status: "needs_reauth", api_budget_percent: 5 }),
    conn("Mid", { connector_id: "youtube", tags: ["Client: ACME", "launch"], last_synced_at: "2026-11-30T10:00:00Z" }),
  ];

  it("sorts by name without regard to case, and flips on a second click", () => {
    expect(visibleRows(list, base()).map((v) => v.id)).toEqual(["alpha", "Mid", "Zeta"]);
    expect(visibleRows(list, { ...base(), ascending: false }).map((v) => v.id)).toEqual(["Zeta", "Mid", "alpha"]);
    expect(visibleRows(list, { ...base(), sort: "budget", ascending: false }).map((v) => v.id)).toEqual(["Zeta", "alpha", "Mid"]);
  });

  it("filters by search words, status, platform and tag together", () => {
    expect(visibleRows(list, { ...base(), search: "mid_hand" }).map((v) => v.id)).toEqual(["Mid"]);
    expect(visibleRows(list, { ...base(), status: "needs_reauth" }).map((v) => v.id)).toEqual(["alpha"]);
    expect(visibleRows(list, { ...base(), platform: "tiktok" }).map((v) => v.id)).toEqual(["Zeta"]);
    // A tag matches whatever its case.
    expect(visibleRows(list, { ...base(), tag: "client: acme" }).map((v) => v.id)).toEqual(["Mid", "Zeta"]);
    expect(visibleRows(list, { ...base(), tag: "client: acme", search: "launch" }).map((v) => v.id)).toEqual(["Mid"]);
  });

  it("says how long a sign-in token lasts in a few characters", () => {
    const now = new Date("2026-11-30T00:00:00Z");
    expect(healthCell(conn("a", { auth: "api_key" }), now)).toBe("—");
    expect(healthCell(conn("b"), now)).toBe("Not signed in");
    expect(healthCell(conn("c", { secrets: { access_token: "x…y" }, token_expires_at: "2026-12-05T00:00:00Z" }), now)).toBe("Expires in 5 d");
    expect(healthCell(conn("d", { secrets: { access_token: "x…y" }, token_expires_at: "2026-11-01T00:00:00Z" }), now)).toBe("Expired");
    expect(healthCell(conn("e", { secrets: { access_token: "x…y" } }), now)).toBe("No expiry");
  });
});

describe("the connections view", () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  function fakeApi(list: ConnectionView[]) {
    let finished: ((f: unknown) => void) | null = null;
    const api = {
      listConnections: vi.fn(async () => list),
      listConnectors: vi.fn(async () => []),
      connectRoutes: vi.fn(async () => []),
      syncGroup: vi.fn(async (ids: string[]) => ids.map((id) => ({ connection_id: id, name: id, status: "ok", errors: [], posts: 1, records: 0, followers: null, duration_ms: 1 }))),
      setTags: vi.fn(async (id: string, tags: string[]) => ({ ...list.find((v) => v.id === id)!, tags })),
      onOAuthFinished: vi.fn(async (h: (f: unknown) => void) => { finished = h; return () => {}; }),
      onSyncProgress: vi.fn(async () => () => {}),
      listActions: vi.fn(async () => []),
    };
    return { api: api as unknown as Api, raw: api, finish: (f: unknown) => finished?.(f) };
  }

  const rows = () => [...document.querySelectorAll("[data-row]")].map((r) => r.getAttribute("data-row"));
  const click = (css: string) => (document.querySelector(css) as HTMLElement).click();

  it("syncs only the selection, and opens each OAuth account in turn for Reconnect", async () => {
    const list = [conn("a-1"), conn("b-2"), conn("c-3", { auth: "api_key" })];
    const { api, raw, finish } = fakeApi(list);
    const target = document.createElement("main");
    document.body.replaceChildren(target);
    await showConnections(target, api, { edit: () => {}, gallery: () => {} });
    await settle();
    expect(rows()).toEqual(["a-1", "b-2", "c-3"]);
    expect(target.querySelector<HTMLElement>(".bulk")!.hidden).toBe(true);
    click('[data-select="b-2"]');
    click('[data-select="c-3"]');
    expect(target.querySelector('[data-field="selected"]')?.textContent).toBe("2 selected");
    click('[data-action="bulk-sync"]');
    await settle();
    expect(raw.syncGroup).toHaveBeenCalledWith(["b-2", "c-3"]);

    // Reconnect goes through the OAuth ones of the selection, one sign-in after another.
    click('[data-select="a-1"]');
    click('[data-action="bulk-reconnect"]');
    await settle();
    await settle();
    expect(target.querySelector("[data-connection]")?.getAttribute("data-connection")).toBe("a-1");
    expect(raw.connectRoutes).toHaveBeenLastCalledWith("a-1");
    finish({ ok: true, message: "Connected.", connection: list[0], connection_id: "a-1" });
    await settle();
    await settle();
    expect(target.querySelector("[data-connection]")?.getAttribute("data-connection")).toBe("b-2");
    expect(raw.connectRoutes).toHaveBeenLastCalledWith("b-2");
  });
});
