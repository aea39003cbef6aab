import { describe, expect, it } from "vitest";
import type { Api } from "../api";
import type { ConnectorFilter } from "../bindings/ConnectorFilter";
import type { ConnectorSummary } from "../bindings/ConnectorSummary";
import { showGallery } from "./gallery";

const connectors: ConnectorSummary[] = [
  { id: "slack", name: "Slack", summary: "Post messages", category: "messaging", status: "beta", auth: "bot_token", tags: ["chat"], capabilities: [], source: "bundled", monogram: "S", color: "#4A154B" },
  { id: "tiktok", name: "TikTok", summary: "Videos", category: "social", status: "beta", auth: "oauth2", tags: ["video"], capabilities: [], source: "bundled", monogram: "T", color: null },
  { id: "webhook", name: "Incoming webhooks", summary: "Events", category: "events", status: "coming-soon", auth: "none", tags: [], capabilities: [], source: "user", monogram: "IW", color: null },
];

function fakeApi(calls: ConnectorFilter[] = []): Api {
  return {
    appInfo: () => Promise.reject(new Error("unused")),
    listConnectors: async (filter) => {
      calls.push(filter);
      return connectors.filter(
        (c) =>
          (!filter.category || c.category === filter.category) &&
          (!filter.search || c.name.toLowerCase().includes(filter.search.toLowerCase())),
      );
    },
    getConnector: () => Promise.reject({ code: "connector.unknown", message: "No connector is called `x`.", fields: [] }),
    registryProblems: async () => [{ file: "/data/connectors/bad.toml", path: "category", reason: "unknown variant" }],
    openConnectorDocs: async () => undefined,
    createConnection: () => Promise.reject(new Error("unused")),
    listConnections: async () => [],
    getConnection: () => Promise.reject(new Error("unused")),
    updateConnection: () => Promise.reject(new Error("unused")),
    removeConnection: async () => undefined,
    verifyConnection: () => Promise.reject(new Error("unused")),
    startConnect: () => Promise.reject(new Error("unused")),
    completeConnect: () => Promise.reject(new Error("unused")),
    refreshConnection: () => Promise.reject(new Error("unused")),
    disconnectConnection: async () => false,
    onOAuthFinished: async () => () => {},
    syncNow: async () => [],
    compareAccounts: async () => [],
    onSyncProgress: async () => () => {},
    onSyncFinished: async () => () => {},
    diagnostics: async () => "",
    connectRoutes: async () => [],
    getRelayUrl: async () => null,
    setRelayUrl: async (url) => url,
    saveRelayPage: async () => "/tmp/relay.html",
    getAutostart: async () => false,
    listApps: async () => [],
    createApp: () => Promise.reject(new Error("unused")),
    updateApp: () => Promise.reject(new Error("unused")),
    removeApp: async () => null,
    setAutostart: async (enabled) => enabled,
    confirmReplaceAccount: async () => { throw new Error("unused"); },
    discardReplaceAccount: async () => null,
    listActions: async () => [],
    runAction: () => Promise.reject(new Error("unused")),
    actionLog: async () => [],
    sandboxOutbox: async () => [],
    listRecords: async () => [],
    listWorkflows: async () => [],
    saveReport: async () => "report-30d-1.html",
    saveChart: async () => "/tmp/chart.svg",
    exportWorkspace: async () => "/tmp/workspace",
    saveCopy: async () => null,
    insights: async () => ({ computed_at: "2026-11-30T12:00:00Z", days: 90, items: [] }),
    saveWorkflow: () => Promise.reject(new Error("unused")),
    setWorkflowEnabled: () => Promise.reject(new Error("unused")),
    runWorkflow: () => Promise.reject(new Error("unused")),
    workflowRuns: async () => [],
    workflowRun: () => Promise.reject(new Error("unused")),
    workflowTemplates: async () => [],
    attachmentFolders: async () => [],
    addAttachmentFolder: async () => [],
    removeAttachmentFolder: async () => [],
    syncLog: async () => [],
    syncGroup: async () => [],
    trySampleAccounts: async () => [],
    periodSummary: () => Promise.reject(new Error("unused")),
    accountCards: async () => [],
    setTags: () => Promise.reject(new Error("unused")),
    tagsInUse: async () => [],
    accountOverview: () => Promise.reject(new Error("unused")),
    topPosts: async () => [],
    chart: async () => "<svg/>",
    getPreferences: async () => ({ sync_interval_hours: 6, retention_days: 0, default_mode: "live", period: "30d", appearance: "system" }),
    setPreferences: async (p) => p,
    vaultStatus: async () => ({ state: "keyring", message: "" }),
    exportConnection: async () => "/tmp",
    deleteConnectionData: async () => undefined,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("connector gallery", () => {
  it("shows a card per connector with its status, category and auth", async () => {
    const target = document.createElement("div");
    await showGallery(target, fakeApi());
    const cards = target.querySelectorAll("[data-connector]");
    expect(cards).toHaveLength(3);
    const slack = target.querySelector('[data-connector="slack"]')!;
    expect(slack.querySelector('[data-field="status"]')?.textContent).toBe("Beta");
    expect(slack.querySelector('[data-field="category"]')?.textContent).toBe("Messaging");
    expect(slack.querySelector('[data-field="auth"]')?.textContent).toBe("Bot token");
    expect(target.querySelector('[data-connector="webhook"] .badge')?.textContent).toBe("Coming soon");
    expect(target.querySelector('[data-connector="webhook"]')?.textContent).toContain("Your manifest");
  });

  it("sends the chosen category to the core and marks the chip pressed", async () => {
    const calls: ConnectorFilter[] = [];
    const target = document.createElement("div");
    await showGallery(target, fakeApi(calls));
    (target.querySelector('[data-category="social"]') as HTMLButtonElement).click();
    await settle();
    expect(calls.at(-1)).toEqual({ category: "social" });
    expect(target.querySelectorAll("[data-connector]")).toHaveLength(1);
    expect(target.querySelector('[data-category="social"]')?.getAttribute("aria-pressed")).toBe("true");
    expect(target.querySelector('[data-category="all"]')?.getAttribute("aria-pressed")).toBe("false");
  });

  it("searches as the user types and says when nothing matches", async () => {
    const target = document.createElement("div");
    await showGallery(target, fakeApi());
    const input = target.querySelector("#connector-search") as HTMLInputElement;
    input.value = "zzz";
    input.dispatchEvent(new Event("input"));
    await settle();
    expect(target.querySelectorAll("[data-connector]")).toHaveLength(0);
    expect(target.textContent).toContain("No connector matches");
  });

  it("lists skipped user manifests with their file and reason", async () => {
    const target = document.createElement("div");
    await showGallery(target, fakeApi());
    const banner = target.querySelector("[data-problems]");
    expect(banner?.textContent).toContain("bad.toml");
    expect(banner?.textContent).toContain("category: unknown variant");
  });

  it("shows the core's error in the detail panel when a connector cannot be read", async () => {
    const target = document.createElement("div");
    await showGallery(target, fakeApi());
    (target.querySelector('[data-connector="slack"]') as HTMLButtonElement).click();
    await settle();
    expect(target.querySelector(".detail [role=alert]")?.textContent).toContain("No connector is called");
  });
});
