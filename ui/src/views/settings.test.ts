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
      getRelayUrl: async () => null,
      getAutostart: async () => false,
      listApps: async () => [],
      attachmentFolders: async () => [],
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

  it("keeps the relay page address and starts at login from Settings", async () => {
    const saved: (string | null)[] = [];
    const autostart: boolean[] = [];
    const api = {
      getPreferences: async () => ({ sync_interval_hours: 6, retention_days: 0, default_mode: "live" }),
      vaultStatus: async () => ({ state: "keyring", message: "" }),
      listConnections: async () => [],
      getRelayUrl: async () => "https://me.example/relay.html",
      setRelayUrl: async (url: string | null) => { saved.push(url); return url; },
      saveRelayPage: async () => "/data/exports/relay.html",
      getAutostart: async () => false,
      setAutostart: async (on: boolean) => { autostart.push(on); return on; },
      listApps: async () => [],
      attachmentFolders: async () => [],
    } as unknown as Api;
    const target = document.createElement("div");
    await showSettings(target, api);
    expect(target.querySelector("#oauth-relay")?.textContent).toBe("OAuth relay");
    const url = target.querySelector<HTMLInputElement>("#relay-url")!;
    expect(url.value).toBe("https://me.example/relay.html");
    url.value = "";
    target.querySelector<HTMLFormElement>('[data-form="relay"]')!.dispatchEvent(new Event("submit"));
    const box = target.querySelector<HTMLInputElement>("#pref-autostart")!;
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    await settle();
    expect(saved).toEqual([null]);
    expect(autostart).toEqual([true]);
    expect(target.querySelector('[data-action="save-relay-page"]')?.textContent).toBe("Save relay page…");
  });

  it("replaces a developer app's secret for every connection that uses it", async () => {
    const patches: unknown[] = [];
    const app = { id: "tiktok-app-1", connector_id: "tiktok", name: "Agency TikTok", client_id: "ck-1", client_secret: "••••••••", connections: ["a", "b"], updated_at: "" };
    const api = {
      getPreferences: async () => ({ sync_interval_hours: 6, retention_days: 0, default_mode: "live" }),
      vaultStatus: async () => ({ state: "keyring", message: "" }),
      listConnections: async () => [],
      getRelayUrl: async () => null,
      getAutostart: async () => false,
      listApps: async () => [app],
      attachmentFolders: async () => [],
      updateApp: async (id: string, patch: unknown) => { patches.push([id, patch]); return app; },
    } as unknown as Api;
    const target = document.createElement("div");
    await showSettings(target, api);
    await settle();
    const row = target.querySelector('[data-app="tiktok-app-1"]')!;
    expect(row.textContent).toContain("used by a, b");
    expect(row.textContent).not.toContain("ck-secret");
    const secret = row.querySelector<HTMLInputElement>("[data-rotate]")!;
    secret.value = "new-secret";
    row.querySelector<HTMLButtonElement>('[data-action="rotate-secret"]')!.click();
    await settle();
    expect(patches).toEqual([["tiktok-app-1", { name: null, client_id: null, client_secret: "new-secret" }]]);
  });
});

describe("settings → attachments", () => {
  it("adds and removes a folder emails may attach from", async () => {
    let folders: string[] = ["/home/me/Invoices"];
    const api = {
      getPreferences: async () => ({ sync_interval_hours: 6, retention_days: 0, default_mode: "live" }),
      vaultStatus: async () => ({ state: "keyring", message: "" }),
      listConnections: async () => [],
      getRelayUrl: async () => null,
      getAutostart: async () => false,
      listApps: async () => [],
      attachmentFolders: async () => folders,
      addAttachmentFolder: async (f: string) => (folders = [...folders, f]),
      removeAttachmentFolder: async (f: string) => (folders = folders.filter((x) => x !== f)),
    } as unknown as Api;
    const target = document.createElement("div");
    await showSettings(target, api);
    await settle();
    const shown = () => [...target.querySelectorAll("[data-folder]")].map((li) => (li as HTMLElement).dataset["folder"]);
    expect(shown()).toEqual(["/home/me/Invoices"]);
    (target.querySelector("#attachment-folder") as HTMLInputElement).value = "/home/me/Reports";
    (target.querySelector('[data-form="attachment-folder"]') as HTMLFormElement).requestSubmit();
    await settle();
    expect(shown()).toEqual(["/home/me/Invoices", "/home/me/Reports"]);
    (target.querySelector('[data-folder="/home/me/Invoices"] [data-action="remove-folder"]') as HTMLButtonElement).click();
    await settle();
    expect(shown()).toEqual(["/home/me/Reports"]);
  });
});
