import { describe, expect, it } from "vitest";
import type { Api } from "../api";
import { showSettings } from "./settings";

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("settings", () => {
  it("shows the diagnostics bundle for the user to read before sending it", async () => {
    const api = {
      getPreferences: async () => ({ sync_interval_hours: 6, retention_days: 0, default_mode: "live" }),
      vaultStatus: async () => ({ state: "keyring", message: "Secrets are locked with the OS keyring." }),
      listConnections: async () => [],
      diagnostics: async () => "Patchbay 0.1.0\ndoctor:\n  ok   data_dir: fine\n",
    } as unknown as Api;
    const target = document.createElement("div");
    await showSettings(target, api);
    const bundle = target.querySelector("#diagnostics") as HTMLTextAreaElement;
    expect(bundle.hidden).toBe(true);
    (target.querySelector('[data-action="copy-diagnostics"]') as HTMLButtonElement).click();
    await settle();
    await settle();
    expect(bundle.hidden).toBe(false);
    expect(bundle.value).toContain("doctor:");
  });
});
