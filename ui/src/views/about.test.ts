import { describe, expect, it } from "vitest";
import { showAbout } from "./about";

describe("about screen", () => {
  it("shows what the core reports", async () => {
    const target = document.createElement("div");
    await showAbout(target, async () => ({
      version: "9.8.7",
      data_dir: "/home/maya/.local/share/patchbay",
      database_path: "/home/maya/.local/share/patchbay/patchbay.sqlite3",
      schema_version: 4,
      sandbox_connectors: [],
    }));
    expect(target.querySelector('[data-fact="version"]')?.textContent).toBe("9.8.7");
    expect(target.querySelector('[data-fact="schema_version"]')?.textContent).toBe("4");
    expect(target.querySelector('[data-fact="data_dir"]')?.textContent).toContain(".local/share/patchbay");
  });

  it("shows the core's sentence and code when the workspace cannot open", async () => {
    const target = document.createElement("div");
    await showAbout(target, () =>
      Promise.reject({ code: "database.schema_too_new", message: "Update Patchbay." }),
    );
    const alert = target.querySelector('[role="alert"]');
    expect(alert?.getAttribute("data-error-code")).toBe("database.schema_too_new");
    expect(alert?.textContent).toContain("Update Patchbay.");
  });

  it("never interprets text from the core as HTML", async () => {
    const target = document.createElement("div");
    await showAbout(target, async () => ({
      version: "<img src=x onerror=alert(1)>",
      data_dir: "/d",
      database_path: "/d/db",
      schema_version: 1,
      sandbox_connectors: [],
    }));
    expect(target.querySelector("img")).toBeNull();
  });
});
