// Typed calls into the desktop shell. Every command answers a value or an ErrorPayload.

import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { ConnectorFilter } from "./bindings/ConnectorFilter";
import type { ConnectorSummary } from "./bindings/ConnectorSummary";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { Manifest } from "./bindings/Manifest";
import type { ManifestProblem } from "./bindings/ManifestProblem";

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

/** Everything the views ask of the core. Tests hand views a fake with the same shape. */
export interface Api {
  appInfo(): Promise<AppInfo>;
  listConnectors(filter: ConnectorFilter): Promise<ConnectorSummary[]>;
  getConnector(id: string): Promise<Manifest>;
  registryProblems(): Promise<ManifestProblem[]>;
  openConnectorDocs(id: string): Promise<void>;
}

export const api: Api = {
  appInfo: () => call("app_info"),
  listConnectors: (filter) => call("list_connectors", { filter }),
  getConnector: (id) => call("get_connector", { id }),
  registryProblems: () => call("registry_problems"),
  openConnectorDocs: (id) => call("open_connector_docs", { id }),
};
