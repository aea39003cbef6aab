// The first screen: what the core reports about this install.

import { h, mount } from "../dom";
import type { AppInfo } from "../bindings/AppInfo";
import { toErrorPayload } from "../api";
import { failure, loading } from "./states";

function row(label: string, value: string, key: string): HTMLElement {
  return h("div", { class: "fact" }, h("dt", {}, label), h("dd", { "data-fact": key }, value));
}

export function renderAbout(info: AppInfo): HTMLElement {
  return h(
    "section",
    { class: "about", "aria-labelledby": "about-title" },
    h("h1", { id: "about-title" }, "Patchbay"),
    h("p", { class: "lede" }, "Your platforms, credentials and analytics, on your own machine."),
    h(
      "dl",
      { class: "facts" },
      row("Version", info.version, "version"),
      row("Data directory", info.data_dir, "data_dir"),
      row("Database", info.database_path, "database_path"),
      row("Schema version", String(info.schema_version), "schema_version"),
    ),
  );
}

export async function showAbout(target: Element, load: () => Promise<AppInfo>): Promise<void> {
  mount(target, loading("workspace details"));
  try {
    mount(target, renderAbout(await load()));
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
