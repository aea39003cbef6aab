// Automations: every workflow with its trigger, an on/off switch, its last and next run and
// its problems; new ones from templates; an editor that shows validation problems where they
// are; Run now; and each run's steps as a timeline.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { RunView } from "../bindings/RunView";
import type { WorkflowView } from "../bindings/WorkflowView";
import { shortDate } from "../format";
import { toast } from "../toast";
import { failure, loading } from "./states";

/** A run's steps, one line each: status, name, kind, time, and the error sentence. */
export function timeline(v: RunView): HTMLElement {
  return h(
    "section",
    { class: "timeline", "data-run": v.run.id, "data-status": v.run.status },
    h("h3", {}, `Run ${v.run.id} · ${v.run.trigger} · `, h("span", { class: `badge run-${v.run.status}`, "data-field": "run-status" }, v.run.status)),
    h(
      "ol",
      { class: "steps" },
      ...v.steps.map((s) =>
        h(
          "li",
          { "data-step": s.name, "data-status": s.status },
          h("span", { class: `badge run-${s.status}` }, s.status),
          ` ${s.name} (${s.kind})`,
          s.duration_ms === null ? "" : ` · ${s.duration_ms} ms`,
          s.error ? h("p", { class: "field-error" }, s.error) : null,
        ),
      ),
    ),
  );
}

function editor(target: Element, api: Api, id: string, text: string, reload: () => void): HTMLElement {
  const name = h("input", { id: "workflow-id", type: "text", value: id, "data-field": "workflow-id", pattern: "^[a-z0-9_-]+$" });
  const area = h("textarea", { id: "workflow-text", rows: 18, spellcheck: false, "data-field": "workflow-text" });
  area.value = text;
  const problems = h("ul", { class: "problems", "data-field": "workflow-problems", "aria-live": "polite" });
  const save = h("button", { type: "submit", class: "primary", "data-action": "save-workflow" }, "Save");
  const form = h(
    "form",
    { class: "connection-form workflow-editor", "data-form": "workflow" },
    h("div", { class: "form-row" }, h("label", { for: "workflow-id" }, "File name"), name),
    h("div", { class: "form-row" }, h("label", { for: "workflow-text" }, "Workflow (JSON)"), area, h("p", { class: "help" }, "Steps use earlier steps' output as {{ step.field }}, the run's input as {{ input.field }} and the trigger's data as {{ trigger.field }}.")),
    problems,
    h("div", { class: "form-actions" }, save, h("button", { type: "button", onclick: reload }, "Cancel")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    api.saveWorkflow(name.value.trim(), area.value).then(
      (v) => {
        toast(`${v.name} saved.`, "ok");
        reload();
      },
      (err) => {
        const e = toErrorPayload(err);
        mount(problems, ...(e.fields.length > 0 ? e.fields.map((f) => h("li", { class: "field-error" }, `${f.field}: ${f.message}`)) : [h("li", { class: "field-error" }, e.message)]));
      },
    );
  });
  void target;
  return form;
}

/** A typed value from what was typed: a number, true/false, or the text itself. */
export function typed(text: string): unknown {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === "true" || t === "false") return t === "true";
  return text;
}

/** The inputs a manual run reads (`{{ input.email }}`), one field each. */
function inputFields(w: WorkflowView): { fields: HTMLElement | null; values: () => Record<string, unknown> } {
  if (w.inputs.length === 0) return { fields: null, values: () => ({}) };
  const boxes = w.inputs.map((name) => h("input", { type: "text", id: `wf-${w.id}-${name}`, "data-run-input": name }));
  return {
    fields: h(
      "fieldset",
      { class: "run-inputs" },
      h("legend", {}, "Run with"),
      ...w.inputs.map((name, i) => h("div", { class: "form-row" }, h("label", { for: `wf-${w.id}-${name}` }, name), boxes[i])),
      h("p", { class: "help" }, "Numbers and true/false are passed as such; anything else as text."),
    ),
    values: () => Object.fromEntries(boxes.filter((b) => b.value.trim() !== "").map((b) => [b.dataset["runInput"]!, typed(b.value)])),
  };
}

function card(w: WorkflowView, api: Api, target: Element, reload: () => void): HTMLElement {
  const toggle = h("input", { type: "checkbox", id: `wf-on-${w.id}`, checked: w.enabled, "data-action": "toggle-workflow" });
  toggle.addEventListener("change", () => {
    api.setWorkflowEnabled(w.id, toggle.checked).then(
      (v) => toast(`${v.name} is ${v.enabled ? "on" : "off"}.`, "ok"),
      (e) => toast(toErrorPayload(e).message, "error"),
    );
  });
  const result = h("div", { "data-field": "workflow-result" });
  const inputs = inputFields(w);
  const run = h("button", { type: "button", class: "primary", "data-action": "run-workflow", disabled: w.problems.length > 0 }, "Run now");
  run.addEventListener("click", () => {
    run.setAttribute("disabled", "");
    api.runWorkflow(w.id, inputs.values()).then(
      (v) => mount(result, timeline(v)),
      (e) => mount(result, h("p", { class: "field-error" }, toErrorPayload(e).message)),
    ).finally(() => run.removeAttribute("disabled"));
  });
  const edit = h("button", { type: "button", "data-action": "edit-workflow" }, "Edit");
  edit.addEventListener("click", () => {
    mount(target, editor(target, api, w.id, JSON.stringify(w.definition ?? {}, null, 2), reload));
  });
  const last = w.last_run ? `Last run ${shortDate(w.last_run.started_at)}: ${w.last_run.status}` : "Never ran";
  const next = w.next_run_at ? ` · next ${shortDate(w.next_run_at)}` : "";
  return h(
    "li",
    { class: "connection", "data-workflow": w.id },
    h("div", { class: "connection-head" }, h("strong", {}, w.name), h("span", { class: "tag" }, w.trigger), h("label", { for: toggle.id, class: "inline" }, toggle, " On")),
    w.description ? h("p", { class: "help" }, w.description) : null,
    h("p", { class: "help", "data-field": "workflow-last" }, last + next),
    w.problems.length > 0 ? h("ul", { class: "problems", "data-field": "workflow-problems" }, ...w.problems.map((p) => h("li", { class: "field-error" }, `${p.field}: ${p.message}`))) : null,
    inputs.fields,
    h("div", { class: "row-actions" }, run, edit),
    result,
  );
}

export async function showAutomations(target: Element, api: Api): Promise<void> {
  const reload = () => void showAutomations(target, api);
  mount(target, loading("automations"));
  try {
    const [list, templates, recent] = await Promise.all([api.listWorkflows(), api.workflowTemplates(), api.workflowRuns(null, 10)]);
    const pick = h("select", { id: "workflow-template", "data-field": "workflow-template" }, ...templates.map(([id]) => h("option", { value: id }, id)));
    const create = h("button", { type: "button", "data-action": "new-workflow" }, "New from template");
    create.addEventListener("click", () => {
      const chosen = templates.find(([id]) => id === pick.value);
      if (chosen) mount(target, editor(target, api, chosen[0], chosen[1], reload));
    });
    const runs = h("ul", { class: "outbox", "data-list": "workflow-runs" }, ...recent.map((r) =>
      h("li", { "data-run": r.id }, h("button", { type: "button", class: "link", onclick: () => api.workflowRun(r.id).then((v) => mount(detail, timeline(v))) }, `Run ${r.id}`), ` ${r.workflow} · ${shortDate(r.started_at)} · ${r.status}`),
    ));
    const detail = h("div", { "data-field": "run-detail" });
    mount(
      target,
      h(
        "section",
        { class: "automations-view" },
        h("h1", {}, "Automations"),
        h("p", { class: "help" }, "Workflows run here, on this computer: by hand, on a schedule, or when your numbers say so. Their files live in the workflows folder of Patchbay's data directory."),
        h("div", { class: "row-actions" }, h("label", { for: pick.id }, "Template "), pick, create),
        list.length === 0 ? h("p", { class: "state state-empty" }, "No workflows yet. Start from a template.") : h("ul", { class: "connections", "aria-label": "Workflows" }, ...list.map((w) => card(w, api, target, reload))),
        h("h2", {}, "Recent runs"),
        recent.length === 0 ? h("p", { class: "state state-empty" }, "No run yet.") : runs,
        detail,
      ),
    );
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
