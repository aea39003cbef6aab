// The app frame: navigation between views.

import { h, mount } from "./dom";
import type { Api } from "./api";
import type { ConnectionView } from "./bindings/ConnectionView";
import { showAbout } from "./views/about";
import { showAccount } from "./views/account";
import { showOverview } from "./views/overview";
import { showSettings } from "./views/settings";
import { showSyncLog } from "./views/sync-log";
import { showAutomations } from "./views/automations";
import { showInsights } from "./views/insights";
import { showReports } from "./views/reports";
import { showConnectionForm } from "./views/connection-form";
import { showConnections } from "./views/connections";
import { showGallery } from "./views/gallery";
import { applyAppearance } from "./appearance";

type Tab = "overview" | "insights" | "reports" | "connectors" | "connections" | "automations" | "sync-log" | "settings" | "about";

export function startApp(root: Element, api: Api): void {
  // Focusable from script only, so a view change can move focus (and a screen reader) to it.
  const main = h("main", { id: "view", tabindex: -1 });
  const labels: Record<Tab, string> = { overview: "Overview", insights: "Insights", reports: "Reports", connectors: "Connectors", connections: "Connections", automations: "Automations", "sync-log": "Sync log", settings: "Settings", about: "About" };
  const links = (Object.keys(labels) as Tab[]).map((tab) =>
    h("button", { type: "button", class: "nav-link", "data-view": tab, onclick: () => go(tab) }, labels[tab]),
  );
  function mark(tab: Tab): void {
    for (const link of links) {
      if (link.dataset["view"] === tab) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }
  // The view showing synced data, redrawn when any sync finishes (the scheduler's, the tray's or
  // one started here). Forms, settings and an account's chosen date range are never redrawn
  // under the user's hands.
  let current: (() => void) | null = null;
  const nav = {
    gallery: () => go("connectors"),
    account: (v: ConnectionView) => {
      mark("overview");
      current = null;
      void showAccount(main, api, v);
    },
    connections: (highlight?: string) => {
      mark("connections");
      // A redraw after a sync keeps whatever the user opened since.
      current = () => void showConnections(main, api, nav);
      void showConnections(main, api, nav, highlight);
    },
    add: (connectorId: string) => {
      mark("connections");
      current = null;
      void showConnectionForm(main, api, connectorId, null, (v) => nav.connections(v.id));
    },
    edit: (view: ConnectionView) => {
      mark("connections");
      current = null;
      void showConnectionForm(main, api, view.connector_id, view, (v) => nav.connections(v.id));
    },
  };
  // Whether a view was shown yet: the opening view never replaces one the user already chose.
  let shown = false;
  function go(tab: Tab, moveFocus = true): void {
    shown = true;
    mark(tab);
    current = tab === "overview" || tab === "sync-log" || tab === "connections" ? () => go(tab, false) : null;
    if (moveFocus) main.focus({ preventScroll: true });
    if (tab === "connectors") void showGallery(main, api, nav.add, () => go("overview"));
    else if (tab === "overview") void showOverview(main, api, nav);
    else if (tab === "sync-log") void showSyncLog(main, api);
    else if (tab === "automations") void showAutomations(main, api);
    else if (tab === "insights") void showInsights(main, api);
    else if (tab === "reports") void showReports(main, api);
    else if (tab === "settings") void showSettings(main, api);
    else if (tab === "connections") nav.connections();
    else void showAbout(main, () => api.appInfo());
  }
  // Left and right arrows move between the navigation's buttons, as in a menu bar.
  const bar = h("nav", { class: "nav", "aria-label": "Main" }, h("span", { class: "brand" }, "Patchbay"), ...links);
  bar.addEventListener("keydown", (e) => {
    const i = links.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0 || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
    e.preventDefault();
    links[(i + (e.key === "ArrowRight" ? 1 : links.length - 1)) % links.length]!.focus();
  });
  const skip = h("a", { class: "skip-link", href: "#view", onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, "Skip to content");
  mount(root, skip, bar, main);
  // A returning user opens on their numbers; a first run on the gallery and its sample accounts.
  applyAppearance("system");
  void api.getPreferences().then((p) => applyAppearance(p.appearance), () => {});
  api.listConnections({}).then(
    (list) => shown || go(list.length > 0 ? "overview" : "connectors", false),
    () => shown || go("connectors", false),
  );
  // A burst of finished syncs (a scheduled round ends one connection at a time) redraws once,
  // and never under the user's hands: an open sign-in, question or form stays as it is.
  let pending: ReturnType<typeof setTimeout> | null = null;
  void api.onSyncFinished(() => {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = null;
      if (busy(main)) return;
      current?.();
    }, 250);
  });
}

/** Whether the user is in the middle of something a redraw would throw away. */
export function busy(view: Element): boolean {
  return view.querySelector(".oauth-wait:not([hidden]), .confirm:not([hidden]), [data-replace], form.connection-form") !== null;
}
