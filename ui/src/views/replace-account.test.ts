import { describe, expect, it, vi } from "vitest";
import type { Api } from "../api";
import type { Finished } from "../bindings/Finished";
import { replaceQuestion } from "./replace-account";

const different: Finished = {
  ok: false,
  message: "You signed in as leo_x2, but this connection belongs to maya_x1. Connect again with the same account, or confirm that leo_x2 should replace it.",
  code: "oauth.different_account",
  connection: null,
  connection_id: "sandbox-x-1a2b",
};

describe("replacing a connection's account", () => {
  it("asks first, and replaces only when the user says so", async () => {
    const confirm = vi.fn(async () => ({ status_message: "Connected as leo_x2." }));
    const discard = vi.fn(async () => null);
    const api = { confirmReplaceAccount: confirm, discardReplaceAccount: discard } as unknown as Api;
    const done = vi.fn();
    const box = replaceQuestion(different, api, done)!;
    document.body.append(box);
    expect(box.getAttribute("role")).toBe("alertdialog");
    expect(box.textContent).toContain("leo_x2");
    (box.querySelector('[data-action="confirm-replace"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(done).toHaveBeenCalled());
    expect(confirm).toHaveBeenCalledWith("sandbox-x-1a2b");
    expect(discard).not.toHaveBeenCalled();
    expect(box.isConnected).toBe(false);
  });

  it("keeps the current account when asked to", async () => {
    const discard = vi.fn(async () => null);
    const api = { confirmReplaceAccount: vi.fn(), discardReplaceAccount: discard } as unknown as Api;
    const box = replaceQuestion(different, api, () => {})!;
    (box.querySelector('[data-action="keep-account"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(discard).toHaveBeenCalledWith("sandbox-x-1a2b"));
  });

  it("stays out of every other outcome", () => {
    const api = {} as Api;
    expect(replaceQuestion({ ...different, code: "oauth.denied" }, api, () => {})).toBeNull();
    expect(replaceQuestion({ ...different, ok: true, code: null }, api, () => {})).toBeNull();
  });
});
