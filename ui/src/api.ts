// Typed calls into the desktop shell. Every command answers a value or an ErrorPayload.

import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { ErrorPayload } from "./bindings/ErrorPayload";

/** Whatever a command threw, as the `{code, message}` shape the core promises. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (typeof err === "object" && err !== null && "code" in err && "message" in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    return { code: String(code), message: String(message) };
  }
  return { code: "ui.unexpected", message: String(err) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toErrorPayload(err);
  }
}

export const api = {
  appInfo: (): Promise<AppInfo> => call<AppInfo>("app_info"),
};
