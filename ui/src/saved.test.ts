import { beforeEach, describe, expect, it } from "vitest";
import type { Api } from "./api";
import { savedToast } from "./saved";

const settle = () => new Promise((r) => setTimeout(r, 0));
const messages = () => [...document.querySelectorAll("[data-toast] .toast-message")].map((t) => t.textContent ?? "");

describe("a saved file's message", () => {
  beforeEach(() => { document.body.innerHTML = ""; });

  it("offers a copy where the user picks, and says where it went", async () => {
    const asked: string[] = [];
    const api = { saveCopy: async (saved: string) => { asked.push(saved); return "/home/me/Desktop/report.pdf"; } } as unknown as Api;
    savedToast(api, "PDF saved as report.pdf in the exports folder.", "report.pdf");
    (document.querySelector('[data-action="toast-action"]') as HTMLButtonElement).click();
    await settle();
    expect(asked).toEqual(["report.pdf"]);
    expect(messages()).toEqual(["Copied to /home/me/Desktop/report.pdf"]);
  });

  it("says nothing more when the user cancels the dialog, and a failure in red", async () => {
    let answer: () => Promise<string | null> = async () => null;
    const api = { saveCopy: () => answer() } as unknown as Api;
    savedToast(api, "Chart saved", "/data/exports/charts/a.svg");
    (document.querySelector('[data-action="toast-action"]') as HTMLButtonElement).click();
    await settle();
    expect(messages()).toEqual([]);
    answer = async () => { throw { code: "io", message: "Could not copy: the disk is full." }; };
    savedToast(api, "Chart saved", "/data/exports/charts/a.svg");
    (document.querySelector('[data-action="toast-action"]') as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector('[data-toast="error"]')?.textContent).toBe("Could not copy: the disk is full.");
  });
});
