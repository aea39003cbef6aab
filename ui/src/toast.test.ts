import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toast } from "./toast";

describe("toasts", () => {
  beforeEach(() => { document.body.innerHTML = ""; vi.useFakeTimers(); });
  afterEach(() => vi.useRealTimers());

  it("a plain message goes after 8 s", () => {
    const el = toast("Settings saved.", "ok");
    vi.advanceTimersByTime(7900);
    expect(el.isConnected).toBe(true);
    vi.advanceTimersByTime(200);
    expect(el.isConnected).toBe(false);
  });

  it("a message with an action waits while the keyboard is on it, and its close button closes it", () => {
    const el = toast("Report saved.", "ok", { label: "Save a copy…", run: () => {} });
    const button = el.querySelector('[data-action="toast-action"]') as HTMLButtonElement;
    button.focus();
    vi.advanceTimersByTime(60000);
    expect(el.isConnected).toBe(true);
    button.blur();
    vi.advanceTimersByTime(2100);
    expect(el.isConnected).toBe(false);

    const other = toast("Chart saved.", "ok", { label: "Save a copy…", run: () => {} });
    (other.querySelector('[aria-label="Close"]') as HTMLButtonElement).click();
    expect(other.isConnected).toBe(false);
  });
});
