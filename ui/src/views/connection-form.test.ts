import { describe, expect, it } from "vitest";
import type { Api } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import type { Manifest } from "../bindings/Manifest";
import type { NewConnection } from "../bindings/NewConnection";
import { showConnectionForm } from "./connection-form";

const slack: Manifest = {
  id: "slack", name: "Slack", summary: "", description: "", category: "messaging", status: "beta",
  tags: [], publisher: "Patchbay", docs_url: "https://api.slack.com", capabilities: [], setup: [],
  auth: { type: "bot_token", field: "bot_token", header: "Authorization", prefix: "Bearer " },
  config: [
    { name: "bot_token", label: "Bot token", kind: "secret", required: true, pattern: "^xoxb-.+$", help: "Starts with xoxb-", options: [] },
    { name: "default_channel", label: "Default channel", kind: "text", required: false, options: [] },
    { name: "port", label: "Port", kind: "number", required: false, default: 587, options: [] },
  ],
  rate_limits: [], actions: [], streams: [],
};

function fakeApi(record: { created?: NewConnection }, reject?: unknown, emulated: string[] = []): Api {
  return {
    listApps: async () => [],
    appInfo: async () => ({ version: "0.1.0", data_dir: "/d", database_path: "/d/p", schema_version: 8, sandbox_connectors: emulated }),
    getPreferences: async () => ({ sync_interval_hours: 6, retention_days: 0, default_mode: "sandbox" }),
    getConnector: async () => slack,
    createConnection: async (input: NewConnection) => {
      record.created = input;
      if (reject) throw reject;
      return { id: "acme-slack-1234" } as ConnectionView;
    },
  } as unknown as Api;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("connection form", () => {
  it("offers sandbox mode only for a connector with an emulator", async () => {
    const without = document.createElement("div");
    await showConnectionForm(without, fakeApi({}), "slack", null, () => {});
    expect(Array.from(without.querySelectorAll("#field-mode option")).map((o) => o.getAttribute("value"))).toEqual(["live"]);
    const withEmulator = document.createElement("div");
    await showConnectionForm(withEmulator, fakeApi({}, undefined, ["slack"]), "slack", null, () => {});
    expect(Array.from(withEmulator.querySelectorAll("#field-mode option")).map((o) => o.getAttribute("value"))).toEqual(["live", "sandbox"]);
  });

  it("renders secret fields as password inputs with help and the manifest's pattern", async () => {
    const target = document.createElement("div");
    await showConnectionForm(target, fakeApi({}), "slack", null, () => {});
    const token = target.querySelector<HTMLInputElement>("#field-bot_token")!;
    expect(token.type).toBe("password");
    expect(token.required).toBe(true);
    expect(token.pattern).toBe("^xoxb-.+$");
    expect(target.querySelector('[data-field="bot_token"] .help')?.textContent).toBe("Starts with xoxb-");
    expect(target.querySelector<HTMLInputElement>("#field-port")?.value).toBe("587");
  });

  it("submits typed settings, the secret, and overrides", async () => {
    const record: { created?: NewConnection } = {};
    const target = document.createElement("div");
    let done = "";
    await showConnectionForm(target, fakeApi(record), "slack", null, (v) => { done = v.id; });
    target.querySelector<HTMLInputElement>("#field-name")!.value = "Acme Slack";
    target.querySelector<HTMLInputElement>("#field-bot_token")!.value = "xoxb-123";
    target.querySelector<HTMLInputElement>("#field-api_base_url")!.value = "http://127.0.0.1:9000";
    target.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(record.created).toEqual({
      connector_id: "slack", name: "Acme Slack", mode: "live",
      settings: { bot_token: "xoxb-123", port: 587, api_base_url: "http://127.0.0.1:9000" },
    });
    expect(done).toBe("acme-slack-1234");
  });

  it("shows the core's per-field errors next to their fields", async () => {
    const target = document.createElement("div");
    const reject = { code: "connection.invalid_config", message: "The settings are not valid", fields: [{ field: "bot_token", message: "Bot token must match ^xoxb-.+$." }] };
    await showConnectionForm(target, fakeApi({}, reject), "slack", null, () => {});
    target.querySelector<HTMLInputElement>("#field-bot_token")!.value = "xoxb-1";
    target.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(target.querySelector('[data-field="bot_token"] .field-error')?.textContent).toBe("Bot token must match ^xoxb-.+$.");
    expect(target.querySelector(".form-error")?.textContent).toBe("Some settings need fixing.");
  });

  it("editing leaves a stored secret empty, showing its mask as a placeholder", async () => {
    const target = document.createElement("div");
    const existing = {
      id: "acme-slack-1234", connector_id: "slack", name: "Acme Slack", mode: "live", config: { default_channel: "general" },
      overrides: {}, status: "active", status_message: null, account_id: null, account_handle: null, scopes: [],
      token_expires_at: null, created_at: "", updated_at: "", last_verified_at: null, last_synced_at: null, tags: [],
      secrets: { bot_token: "xoxb…oken" }, auth: "bot_token", api_budget_percent: null,
  schedule: { own: null, label: "every 6 h (default)", next_sync_at: null },
  backfill: null,
  app_id: null,
    actions: [],
    record_streams: [],
    } as ConnectionView;
    await showConnectionForm(target, fakeApi({}), "slack", existing, () => {});
    const token = target.querySelector<HTMLInputElement>("#field-bot_token")!;
    expect(token.value).toBe("");
    expect(token.required).toBe(false);
    expect(token.placeholder).toContain("xoxb…oken");
    expect(target.querySelector<HTMLInputElement>("#field-default_channel")?.value).toBe("general");
    expect(target.querySelector("[data-clear=bot_token]")).not.toBeNull();
  });
});
