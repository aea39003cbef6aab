// "Try an action": a connection's actions, each with a form generated from its input schema,
// run on the spot; the output or the platform's sentence shows under it.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ActionView } from "../bindings/ActionView";
import type { ConnectionView } from "../bindings/ConnectionView";

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  items?: Schema;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
};

/** Long-text fields get a text area. */
const LONG = new Set(["text", "html", "body", "content", "description"]);

function kind(s: Schema): string {
  if (s.enum) return "enum";
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (t === "array" && s.items?.type === "string") return "list";
  return t ?? "json";
}

/** One input per property, reading back to a JSON value (undefined when left empty). */
function field(name: string, s: Schema, required: boolean): { el: HTMLElement; read: () => unknown } {
  const id = `action-input-${name}`;
  const label = h("label", { for: id }, name, required ? " *" : "");
  const help = s.description ? h("span", { class: "help" }, s.description) : null;
  const k = kind(s);
  let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  let read: () => unknown;
  if (k === "enum") {
    const select = h("select", { id, "data-input": name }, h("option", { value: "" }, "—"), ...(s.enum ?? []).map((v) => h("option", { value: String(v) }, String(v))));
    input = select;
    read = () => (select.value === "" ? undefined : select.value);
  } else if (k === "boolean") {
    const box = h("input", { id, type: "checkbox", "data-input": name });
    input = box;
    read = () => (box.checked ? true : undefined);
  } else if (k === "integer" || k === "number") {
    const num = h("input", { id, type: "number", "data-input": name, step: k === "integer" ? 1 : "any" });
    input = num;
    read = () => (num.value === "" ? undefined : Number(num.value));
  } else if (k === "list") {
    const text = h("input", { id, type: "text", "data-input": name, placeholder: "comma-separated" });
    input = text;
    read = () => {
      const items = text.value.split(",").map((v) => v.trim()).filter((v) => v !== "");
      return items.length === 0 ? undefined : items;
    };
  } else if (k === "string") {
    const text = LONG.has(name) ? h("textarea", { id, rows: 3, "data-input": name }) : h("input", { id, type: "text", "data-input": name });
    input = text;
    read = () => (text.value === "" ? undefined : text.value);
  } else {
    // Objects, arrays of objects and free values: JSON, parsed when run.
    const area = h("textarea", { id, rows: 3, "data-input": name, placeholder: k === "array" ? "[ … ] as JSON" : "JSON" });
    input = area;
    read = () => {
      if (area.value.trim() === "") return undefined;
      try {
        return JSON.parse(area.value);
      } catch {
        return area.value;
      }
    };
  }
  if (required) input.setAttribute("aria-required", "true");
  return { el: h("div", { class: "field" }, label, input, help), read };
}

function form(action: ActionView, api: Api, c: ConnectionView, result: HTMLElement): HTMLElement {
  const schema = action.input as Schema;
  const required = new Set(schema.required ?? []);
  // Required fields first, then the optional ones, each group in the schema's order.
  const entries = Object.entries(schema.properties ?? {});
  const ordered = [...entries.filter(([n]) => required.has(n)), ...entries.filter(([n]) => !required.has(n))];
  const fields = ordered.map(([name, s]) => ({ name, ...field(name, s, required.has(name)) }));
  const run = h("button", { type: "submit", class: "primary", "data-action": "run-action" }, `Run ${action.name}`);
  const el = h("form", { class: "action-form", "data-action-form": action.name }, h("p", { class: "help" }, action.description), ...fields.map((f) => f.el), run);
  el.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input: Record<string, unknown> = {};
    for (const f of fields) {
      const v = f.read();
      if (v !== undefined) input[f.name] = v;
    }
    run.setAttribute("disabled", "");
    mount(result, "Running…");
    result.dataset["outcome"] = "running";
    try {
      const output = await api.runAction(c.id, action.name, input);
      result.dataset["outcome"] = "ok";
      mount(result, h("strong", {}, "Done."), h("pre", { "data-field": "action-output" }, JSON.stringify(output, null, 2)));
    } catch (err) {
      const e = toErrorPayload(err);
      result.dataset["outcome"] = "error";
      result.dataset["code"] = e.code;
      mount(result, h("p", {}, e.message), e.fields.length > 0 ? h("ul", {}, ...e.fields.map((f) => h("li", {}, `${f.field}: ${f.message}`))) : null);
    } finally {
      run.removeAttribute("disabled");
    }
  });
  return el;
}

/** The collapsed panel for one connection; its actions load when it is opened. */
export function actionPanel(c: ConnectionView, api: Api): HTMLElement | null {
  if (c.actions.length === 0) return null;
  const body = h("div", { class: "action-body" });
  const panel = h("details", { class: "action-panel", "data-panel": "actions" }, h("summary", { "data-action": "try-action" }, "Try an action"), body);
  let loaded = false;
  panel.addEventListener("toggle", async () => {
    if (!panel.open || loaded) return;
    loaded = true;
    mount(body, "Loading actions…");
    try {
      const actions = await api.listActions(c.id);
      const result = h("div", { class: "action-result", role: "status", "aria-live": "polite", "data-field": "action-result" });
      const slot = h("div", {});
      const picker = h(
        "select",
        { id: `action-pick-${c.id}`, "data-field": "action-name" },
        ...actions.map((a) => h("option", { value: a.name, disabled: !a.runs }, a.runs ? a.name : `${a.name} (coming soon)`)),
      );
      const show = () => {
        const a = actions.find((x) => x.name === picker.value);
        mount(result);
        mount(slot, a ? form(a, api, c, result) : null);
      };
      picker.addEventListener("change", show);
      mount(body, h("label", { for: picker.id }, "Action "), picker, slot, result);
      show();
    } catch (err) {
      mount(body, toErrorPayload(err).message);
    }
  });
  return panel;
}
