// The add/edit form, generated from the connector's config fields: secrets as password inputs,
// help text, the browser's constraint checks, and the core's per-field errors inline.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConfigField } from "../bindings/ConfigField";
import type { ConnectionView } from "../bindings/ConnectionView";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import type { Manifest } from "../bindings/Manifest";

const OVERRIDES = [
  ["api_base_url", "API base URL"],
  ["authorize_url", "Authorize URL"],
  ["token_url", "Token URL"],
] as const;

function inputFor(field: ConfigField, existing: ConnectionView | null): HTMLElement {
  const id = `field-${field.name}`;
  const current = existing?.config[field.name];
  const common = { id, name: field.name, "aria-describedby": `${id}-help ${id}-error` };
  if (field.kind === "select") {
    const value = String(current ?? field.default ?? "");
    return h(
      "select",
      { ...common, required: field.required },
      ...(field.required ? [] : [h("option", { value: "" }, "—")]),
      ...(field.options ?? []).map((o) => h("option", { value: o, selected: o === value }, o)),
    );
  }
  if (field.kind === "bool") {
    return h("input", { ...common, type: "checkbox", checked: Boolean(current ?? field.default) });
  }
  const type = { text: "text", secret: "password", number: "number", url: "url", email: "email" }[field.kind];
  const stored = existing?.secrets[field.name];
  return h("input", {
    ...common,
    type,
    autocomplete: field.kind === "secret" ? "new-password" : "off",
    required: field.required && !(field.kind === "secret" && stored),
    pattern: field.pattern ?? undefined,
    value: field.kind === "secret" ? undefined : current === undefined || current === null ? (field.default === undefined ? undefined : String(field.default)) : String(current),
    placeholder: stored ? `${stored} (stored; leave empty to keep)` : undefined,
  });
}

function fieldRow(field: ConfigField, existing: ConnectionView | null): HTMLElement {
  const id = `field-${field.name}`;
  return h(
    "div",
    { class: "form-row", "data-field": field.name },
    h("label", { for: id }, field.label, field.required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
    inputFor(field, existing),
    h("p", { class: "help", id: `${id}-help` }, field.help ?? ""),
    h("p", { class: "field-error", id: `${id}-error`, role: "alert" }),
  );
}

/** Reads the form into the settings the core expects; secrets left empty are omitted. */
export function readSettings(form: HTMLFormElement, m: Manifest, editing: boolean): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of m.config) {
    const el = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | null;
    if (!el) continue;
    if (field.kind === "bool") {
      settings[field.name] = (el as HTMLInputElement).checked;
    } else if (field.kind === "number") {
      if (el.value !== "") settings[field.name] = Number(el.value);
      else if (editing) settings[field.name] = null;
    } else if (field.kind === "secret") {
      if (el.value !== "") settings[field.name] = el.value;
    } else if (el.value !== "") {
      settings[field.name] = el.value;
    } else if (editing) {
      settings[field.name] = null;
    }
  }
  for (const [key] of OVERRIDES) {
    const el = form.elements.namedItem(key) as HTMLInputElement | null;
    if (el && (el.value !== "" || editing)) settings[key] = el.value === "" ? null : el.value;
  }
  return settings;
}

export function showFieldErrors(form: HTMLElement, err: ErrorPayload): void {
  for (const el of Array.from(form.querySelectorAll(".field-error"))) el.textContent = "";
  for (const f of err.fields) {
    const slot = form.querySelector(`[data-field="${CSS.escape(f.field)}"] .field-error`);
    if (slot) slot.textContent = f.message;
  }
  const summary = form.querySelector(".form-error");
  if (summary) summary.textContent = err.fields.length > 0 ? "Some settings need fixing." : err.message;
}

export interface FormDone {
  (view: ConnectionView): void;
}

export async function showConnectionForm(
  target: Element,
  api: Api,
  connectorId: string,
  existing: ConnectionView | null,
  done: FormDone,
): Promise<void> {
  const m = await api.getConnector(connectorId);
  const editing = existing !== null;
  // Sandbox mode only where Patchbay has an emulator of the platform.
  const emulated = await api.appInfo().then((info) => info.sandbox_connectors.includes(m.id), () => false);
  let startInSandbox = false;
  if (!editing && emulated) {
    try {
      startInSandbox = (await api.getPreferences()).default_mode === "sandbox";
    } catch {
      // Preferences are a convenience here: without them the form starts in live mode.
    }
  }
  const name = h("input", { id: "field-name", name: "connection-name", required: true, value: existing?.name ?? `My ${m.name}` });
  const mode = h(
    "select",
    { id: "field-mode", name: "connection-mode" },
    h("option", { value: "live", selected: existing?.mode !== "sandbox" && !startInSandbox }, "Live: the real platform"),
    emulated || existing?.mode === "sandbox" ? h("option", { value: "sandbox", selected: existing?.mode === "sandbox" || startInSandbox }, "Sandbox: Patchbay's local emulator") : null,
  );
  // Sandbox apps accept any client: fill the client fields so a new user can try it at once.
  mode.addEventListener("change", () => {
    if (mode.value !== "sandbox" || m.auth.type !== "oauth2") return;
    const fill = (field: string | undefined, value: string) => {
      const el = field ? (form.elements.namedItem(field) as HTMLInputElement | null) : null;
      if (el && el.value === "") el.value = value;
    };
    const idField = m.config.find((f) => f.name === (m.auth.type === "oauth2" ? m.auth.client_id_field : ""));
    fill(idField?.name, idField?.pattern?.includes("googleusercontent") ? "1234567890-sandbox.apps.googleusercontent.com" : idField?.pattern?.includes("[0-9]") ? "1000000001" : "sandbox-client");
    fill(m.auth.client_secret_field, "sandbox-client-secret");
  });
  // A developer app holds the client fields for every account of the platform.
  const clientFields = m.auth.type === "oauth2" ? [m.auth.client_id_field, m.auth.client_secret_field ?? ""] : [];
  const apps = !editing && m.auth.type === "oauth2" ? await api.listApps(m.id).catch(() => []) : [];
  const appSelect = h(
    "select",
    { id: "field-app", name: "connection-app" },
    h("option", { value: "" }, "This account's own client credentials"),
    ...apps.map((a) => h("option", { value: a.id, selected: a === apps[0] }, `${a.name} (client ID ${a.client_id})`)),
  );
  const saveAsApp = h("input", { type: "checkbox", id: "field-save-app" });
  const appRow =
    m.auth.type === "oauth2" && !editing
      ? h(
          "div",
          { class: "form-row", "data-field": "app" },
          h("label", { for: "field-app" }, "Developer app"),
          appSelect,
          h("label", { class: "inline", for: "field-save-app", "data-own-only": "" }, saveAsApp, " Save these client credentials as an app for my other accounts"),
          h("p", { class: "help" }, "Agencies register one app per platform and use it for every account; replacing its secret in Settings updates them all."),
        )
      : null;
  const showClientFields = (): void => {
    const own = appSelect.value === "";
    for (const name of clientFields) {
      const row = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
      const input = form.elements.namedItem(name) as HTMLInputElement | null;
      if (row) row.hidden = !own;
      if (input) {
        input.dataset["wasRequired"] ??= String(input.required);
        input.required = own && input.dataset["wasRequired"] === "true";
      }
    }
    const ownOnly = form.querySelector<HTMLElement>("[data-own-only]");
    if (ownOnly) ownOnly.hidden = !own;
  };
  appSelect.addEventListener("change", showClientFields);
  const clears = m.config
    .filter((f) => f.kind === "secret" && existing?.secrets[f.name])
    .map((f) => h("label", { class: "inline" }, h("input", { type: "checkbox", name: `clear-${f.name}`, "data-clear": f.name }), ` Clear the stored ${f.label}`));
  const form = h(
    "form",
    { class: "connection-form", novalidate: false, "data-connector": m.id },
    h("h1", {}, editing ? `Edit ${existing.name}` : `Add a ${m.name} connection`),
    h("div", { class: "form-row" }, h("label", { for: "field-name" }, "Connection name"), name),
    h("div", { class: "form-row" }, h("label", { for: "field-mode" }, "Mode"), mode),
    appRow,
    ...m.config.map((f) => fieldRow(f, existing)),
    clears.length > 0 ? h("div", { class: "form-row" }, ...clears) : null,
    h(
      "details",
      { class: "advanced" },
      h("summary", {}, "Advanced: endpoint overrides"),
      h("p", { class: "help" }, "For proxies, regional endpoints or a local test server. Leave empty to use the platform's own."),
      ...OVERRIDES.map(([key, label]) =>
        h(
          "div",
          { class: "form-row", "data-field": key },
          h("label", { for: `field-${key}` }, label),
          h("input", { id: `field-${key}`, name: key, type: "url", value: existing?.overrides[key] ?? undefined }),
          h("p", { class: "field-error", role: "alert" }),
        ),
      ),
    ),
    h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "primary", "data-action": "save" }, editing ? "Save changes" : "Add connection")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!form.reportValidity()) return;
    const settings = readSettings(form, m, editing);
    const clear = Array.from(form.querySelectorAll<HTMLInputElement>("[data-clear]"))
      .filter((c) => c.checked)
      .map((c) => c.dataset["clear"] ?? "");
    const chosenMode = mode.value === "sandbox" ? "sandbox" : "live";
    if (editing) {
      api.updateConnection(existing.id, { name: name.value, mode: chosenMode, settings, clear }).then(done, (err) => showFieldErrors(form, toErrorPayload(err)));
      return;
    }
    const appId = appSelect.value;
    if (appId !== "") for (const field of clientFields) delete settings[field];
    // "Save as an app": the client fields go into a new app, and this account uses it.
    const app: Promise<string | null> =
      appId !== "" ? Promise.resolve(appId)
      : saveAsApp.checked && m.auth.type === "oauth2"
        ? api.createApp({ connector_id: m.id, name: "", client_id: String(settings[m.auth.client_id_field] ?? ""), client_secret: m.auth.client_secret_field ? ((settings[m.auth.client_secret_field] as string | undefined) ?? null) : null }).then((a) => a.id)
        : Promise.resolve(null);
    app
      .then((id) => {
        if (id !== null) for (const field of clientFields) delete settings[field];
        return api.createConnection({ connector_id: m.id, name: name.value, mode: chosenMode, settings, ...(id !== null ? { app_id: id } : {}) });
      })
      .then(done, (err) => showFieldErrors(form, toErrorPayload(err)));
  });
  mount(target, form);
  showClientFields();
  if (startInSandbox) mode.dispatchEvent(new Event("change"));
}
