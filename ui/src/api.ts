// Typed calls into the desktop shell. Every command answers a value or an ErrorPayload.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AuthorizeRequest } from "./bindings/AuthorizeRequest";
import type { Finished } from "./bindings/Finished";
import type { Progress } from "./bindings/Progress";
import type { ReportData } from "./bindings/ReportData";
import type { AccountCard } from "./bindings/AccountCard";
import type { TagCount } from "./bindings/TagCount";
import type { RedirectStyle } from "./bindings/RedirectStyle";
import type { Route } from "./bindings/Route";
import type { AppPatch } from "./bindings/AppPatch";
import type { AppView } from "./bindings/AppView";
import type { NewApp } from "./bindings/NewApp";
import type { AppInfo } from "./bindings/AppInfo";
import type { Comparison } from "./bindings/Comparison";
import type { ConnectionFilter } from "./bindings/ConnectionFilter";
import type { ConnectionPatch } from "./bindings/ConnectionPatch";
import type { ConnectionView } from "./bindings/ConnectionView";
import type { ConnectorFilter } from "./bindings/ConnectorFilter";
import type { FieldError } from "./bindings/FieldError";
import type { NewConnection } from "./bindings/NewConnection";
import type { VerifyReport } from "./bindings/VerifyReport";
import type { ChartKind } from "./bindings/ChartKind";
import type { EngagementFormula } from "./bindings/EngagementFormula";
import type { Overview } from "./bindings/Overview";
import type { SyncRun } from "./bindings/SyncRun";
import type { SyncSummary } from "./bindings/SyncSummary";
import type { Theme } from "./bindings/Theme";
import type { TopPost } from "./bindings/TopPost";
import type { Preferences } from "./bindings/Preferences";
import type { VaultStatus } from "./bindings/VaultStatus";
import type { ConnectorSummary } from "./bindings/ConnectorSummary";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { Manifest } from "./bindings/Manifest";
import type { ActionCall } from "./bindings/ActionCall";
import type { ActionView } from "./bindings/ActionView";
import type { OutboxItem } from "./bindings/OutboxItem";
import type { StreamRecord } from "./bindings/StreamRecord";
import type { RunRow } from "./bindings/RunRow";
import type { RunView } from "./bindings/RunView";
import type { WorkflowView } from "./bindings/WorkflowView";
import type { Insights } from "./bindings/Insights";
import type { ManifestProblem } from "./bindings/ManifestProblem";

/** Whatever a command threw, as the `{code, message}` shape the core promises. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (typeof err === "object" && err !== null && "code" in err && "message" in err) {
    const { code, message, fields } = err as { code: unknown; message: unknown; fields?: unknown };
    return {
      code: String(code) as ErrorCode,
      message: String(message),
      fields: Array.isArray(fields) ? (fields as FieldError[]) : [],
    };
  }
  return { code: "ui.unexpected", message: String(err), fields: [] };
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
  createConnection(input: NewConnection): Promise<ConnectionView>;
  listConnections(filter: ConnectionFilter): Promise<ConnectionView[]>;
  getConnection(id: string): Promise<ConnectionView>;
  updateConnection(id: string, patch: ConnectionPatch): Promise<ConnectionView>;
  removeConnection(id: string, purge: boolean): Promise<void>;
  verifyConnection(id: string): Promise<VerifyReport>;
  startConnect(id: string, style: RedirectStyle | null): Promise<AuthorizeRequest>;
  completeConnect(url: string, replace: boolean): Promise<ConnectionView>;
  /** The ways back from the browser for a connection, each with the address to register. */
  connectRoutes(id: string): Promise<Route[]>;
  refreshConnection(id: string): Promise<ConnectionView>;
  disconnectConnection(id: string): Promise<boolean>;
  syncNow(id: string | null): Promise<SyncSummary[]>;
  /** Syncs a chosen group: a selection, or a tag's connections. */
  syncGroup(ids: string[]): Promise<SyncSummary[]>;
  /** Creates, connects and syncs the sandbox sample accounts. */
  trySampleAccounts(): Promise<SyncSummary[]>;
  /** Totals, per-platform subtotals and per-account rows for a period. */
  periodSummary(period: string, ids: string[]): Promise<ReportData>;
  /** Every card of the Overview (figures and sparkline) in one call. */
  accountCards(ids: string[], days: number, formula: EngagementFormula, theme: Theme): Promise<AccountCard[]>;
  setTags(id: string, tags: string[]): Promise<ConnectionView>;
  tagsInUse(): Promise<TagCount[]>;
  syncLog(id: string | null, limit: number): Promise<SyncRun[]>;
  accountOverview(id: string, days: number, formula: EngagementFormula): Promise<Overview>;
  topPosts(id: string, days: number, limit: number): Promise<TopPost[]>;
  compareAccounts(days: number): Promise<Comparison[]>;
  chart(kind: ChartKind, ids: string[], days: number, theme: Theme, utcOffset: number): Promise<string>;
  getPreferences(): Promise<Preferences>;
  setPreferences(preferences: Preferences): Promise<Preferences>;
  vaultStatus(): Promise<VaultStatus>;
  exportConnection(id: string): Promise<string>;
  deleteConnectionData(id: string): Promise<void>;
  /** Versions, doctor's checks and the recent log; never a secret. */
  diagnostics(): Promise<string>;
  getRelayUrl(): Promise<string | null>;
  setRelayUrl(url: string | null): Promise<string | null>;
  /** Writes relay.html for hosting; answers its path. */
  saveRelayPage(): Promise<string>;
  getAutostart(): Promise<boolean>;
  /** Developer apps (of one connector when given). */
  listApps(connector: string | null): Promise<AppView[]>;
  createApp(app: NewApp): Promise<AppView>;
  /** Renames an app or rotates its client ID or secret; its connections follow. */
  updateApp(id: string, patch: AppPatch): Promise<AppView>;
  removeApp(id: string): Promise<null>;
  setAutostart(enabled: boolean): Promise<boolean>;
  /** Calls `handler` whenever a connection flow ends; returns an unsubscribe function. */
  onOAuthFinished(handler: (f: Finished) => void): Promise<() => void>;
  onSyncProgress(handler: (p: Progress) => void): Promise<() => void>;
  /** Calls `handler` after every sync round, whoever started it (the scheduler, the tray, a view). */
  onSyncFinished(handler: (summaries: SyncSummary[]) => void): Promise<() => void>;
  confirmReplaceAccount(id: string): Promise<ConnectionView>;
  discardReplaceAccount(id: string): Promise<null>;
  /** A connection's actions, each with its input schema and whether it runs today. */
  listActions(id: string): Promise<ActionView[]>;
  /** Runs one action; answers its output, or throws the platform's refusal as a sentence. */
  runAction(id: string, action: string, input: unknown): Promise<unknown>;
  actionLog(id: string | null, limit: number): Promise<ActionCall[]>;
  /** What sandbox connections sent, newest first. */
  sandboxOutbox(limit: number): Promise<OutboxItem[]>;
  /** Insights from the stored history (one connection, or all). */
  insights(id: string | null, days: number, utcOffset: number, tag?: string | null): Promise<Insights>;
  /** Saves a chart as SVG (or PNG) in the exports folder; answers the file's path. */
  saveChart(kind: ChartKind, ids: string[], days: number, theme: Theme, utcOffset: number, png: boolean): Promise<string>;
  /** Every connection's history, each in its own folder; answers the folder. */
  exportWorkspace(): Promise<string>;
  /** "Save a copy…" of something saved in the exports folder: the system dialog asks where; null when cancelled. */
  saveCopy(saved: string): Promise<string | null>;
  /** Builds a report and saves it in the exports folder; answers its file name. */
  saveReport(period: string, ids: string[], pdf: boolean): Promise<string>;
  listWorkflows(): Promise<WorkflowView[]>;
  /** Checks and saves a workflow's JSON; throws its problems (with paths) and saves nothing. */
  saveWorkflow(id: string, text: string): Promise<WorkflowView>;
  setWorkflowEnabled(id: string, enabled: boolean): Promise<WorkflowView>;
  runWorkflow(id: string, input: unknown): Promise<RunView>;
  workflowRuns(id: string | null, limit: number): Promise<RunRow[]>;
  workflowRun(run: number): Promise<RunView>;
  /** Ready-to-fill workflows: [id, JSON]. */
  workflowTemplates(): Promise<[string, string][]>;
  /** The items a connector's own list streams kept, newest change first. */
  listRecords(id: string, stream: string | null, limit: number): Promise<StreamRecord[]>;
  /** The folders (besides the workspace's own) email attachments may come from. */
  attachmentFolders(): Promise<string[]>;
  addAttachmentFolder(folder: string): Promise<string[]>;
  removeAttachmentFolder(folder: string): Promise<string[]>;
}

export const api: Api = {
  listActions: (id) => call("list_actions", { id }),
  runAction: (id, action, input) => call("run_action", { id, action, input }),
  actionLog: (id, limit) => call("action_log", { id, limit }),
  sandboxOutbox: (limit) => call("sandbox_outbox", { limit }),
  listRecords: (id, stream, limit) => call("list_records", { id, stream, limit }),
  insights: (id, days, utcOffset, tag = null) => call("insights", { id, tag, days, utcOffset }),
  saveReport: (period, ids, pdf) => call("save_report", { period, ids, pdf }),
  saveChart: (kind, ids, days, theme, utcOffset, png) => call("save_chart", { kind, ids, days, theme, utcOffset, png }),
  exportWorkspace: () => call("export_workspace"),
  saveCopy: (saved) => call("save_copy", { saved }),
  listWorkflows: () => call("list_workflows"),
  saveWorkflow: (id, text) => call("save_workflow", { id, text }),
  setWorkflowEnabled: (id, enabled) => call("set_workflow_enabled", { id, enabled }),
  runWorkflow: (id, input) => call("run_workflow", { id, input }),
  workflowRuns: (id, limit) => call("workflow_runs", { id, limit }),
  workflowRun: (run) => call("workflow_run", { run }),
  workflowTemplates: () => call("workflow_templates"),
  attachmentFolders: () => call("attachment_folders"),
  addAttachmentFolder: (folder) => call("add_attachment_folder", { folder }),
  removeAttachmentFolder: (folder) => call("remove_attachment_folder", { folder }),
  appInfo: () => call("app_info"),
  listConnectors: (filter) => call("list_connectors", { filter }),
  getConnector: (id) => call("get_connector", { id }),
  registryProblems: () => call("registry_problems"),
  openConnectorDocs: (id) => call("open_connector_docs", { id }),
  createConnection: (input) => call("create_connection", { new: input }),
  listConnections: (filter) => call("list_connections", { filter }),
  getConnection: (id) => call("get_connection", { id }),
  updateConnection: (id, patch) => call("update_connection", { id, patch }),
  removeConnection: (id, purge) => call("remove_connection", { id, purge }),
  verifyConnection: (id) => call("verify_connection", { id }),
  startConnect: (id, style) => call("start_connect", { id, style }),
  completeConnect: (url, replace) => call("complete_connect", { url, replace }),
  connectRoutes: (id) => call("connect_routes", { id }),
  refreshConnection: (id) => call("refresh_connection", { id }),
  disconnectConnection: (id) => call("disconnect_connection", { id }),
  syncNow: (id) => call("sync_now", { id }),
  syncGroup: (ids) => call("sync_group", { ids }),
  trySampleAccounts: () => call("try_sample_accounts"),
  periodSummary: (period, ids) => call("period_summary", { period, ids }),
  accountCards: (ids, days, formula, theme) => call("account_cards", { ids, days, formula, theme }),
  setTags: (id, tags) => call("set_tags", { id, tags }),
  tagsInUse: () => call("tags_in_use"),
  syncLog: (id, limit) => call("sync_log", { id, limit }),
  accountOverview: (id, days, formula) => call("account_overview", { id, days, formula }),
  topPosts: (id, days, limit) => call("top_posts", { id, days, limit }),
  compareAccounts: (days) => call("compare_accounts", { days }),
  chart: (kind, ids, days, theme, utcOffset) => call("chart", { kind, ids, days, theme, utcOffset }),
  getPreferences: () => call("get_preferences"),
  setPreferences: (preferences) => call("set_preferences", { preferences }),
  vaultStatus: () => call("vault_status"),
  exportConnection: (id) => call("export_connection", { id }),
  deleteConnectionData: (id) => call("delete_connection_data", { id }),
  diagnostics: () => call("diagnostics"),
  getRelayUrl: () => call("get_relay_url"),
  setRelayUrl: (url) => call("set_relay_url", { url }),
  saveRelayPage: () => call("save_relay_page"),
  getAutostart: () => call("get_autostart"),
  listApps: (connector) => call("list_apps", { connector }),
  createApp: (app) => call("create_app", { app }),
  updateApp: (id, patch) => call("update_app", { id, patch }),
  removeApp: (id) => call("remove_app", { id }),
  setAutostart: (enabled) => call("set_autostart", { enabled }),
  onOAuthFinished: (handler) => listen<Finished>("oauth://finished", (event) => handler(event.payload)),
  onSyncProgress: (handler) => listen<Progress>("sync://progress", (event) => handler(event.payload)),
  onSyncFinished: (handler) => listen<SyncSummary[]>("sync://finished", (event) => handler(event.payload)),
  confirmReplaceAccount: (id) => call("confirm_replace_account", { id }),
  discardReplaceAccount: (id) => call("discard_replace_account", { id }),
};
