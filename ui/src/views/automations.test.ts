import { describe, expect, it, vi } from "vitest";
import type { Api } from "../api";
import { showAutomations } from "./automations";

const settle = () => new Promise((r) => setTimeout(r, 0));

function api(overrides: Partial<Api> = {}): Api {
  return {
    listWorkflows: async () => [],
    workflowTemplates: async () => [["weekly-email", '{"name": "Weekly", "steps": []}']],
    workflowRuns: async () => [],
    ...overrides,
  } as unknown as Api;
}

describe("automations", () => {
  it("shows a workflow's problems where they are and saves nothing", async () => {
    const saveWorkflow = vi.fn(async () => {
      throw { code: "workflow.invalid", message: "not valid", fields: [{ field: "steps[0].config.credentialId", message: "no connection is called `My Mail`" }] };
    });
    const target = document.createElement("div");
    await showAutomations(target, api({ saveWorkflow }));
    (target.querySelector('[data-action="new-workflow"]') as HTMLButtonElement).click();
    const text = target.querySelector('[data-field="workflow-text"]') as HTMLTextAreaElement;
    expect(text.value).toContain("Weekly");
    (target.querySelector('[data-form="workflow"]') as HTMLFormElement).requestSubmit();
    await settle();
    expect(saveWorkflow).toHaveBeenCalledWith("weekly-email", text.value);
    expect(target.querySelector('[data-field="workflow-problems"]')?.textContent).toContain("steps[0].config.credentialId: no connection is called `My Mail`");
  });

  it("runs a workflow and shows each step of the run", async () => {
    const wf = { id: "w", name: "W", description: null, trigger: "by hand", enabled: true, file: "/x/w.json", problems: [], last_run: null, next_run_at: null, definition: {}, inputs: [] };
    const run = { run: { id: 7, workflow: "w", trigger: "manual", status: "failed", started_at: "2026-11-30T12:00:00Z", finished_at: null, error: "x" },
      steps: [{ idx: 0, name: "fetch", kind: "http_request", status: "ok", started_at: "", finished_at: null, duration_ms: 4, output: null, error: null },
              { idx: 1, name: "send", kind: "connector", status: "failed", started_at: "", finished_at: null, duration_ms: 9, output: null, error: "Slack refused it" }] };
    const target = document.createElement("div");
    await showAutomations(target, api({ listWorkflows: async () => [wf], runWorkflow: async () => run } as Partial<Api>));
    (target.querySelector('[data-action="run-workflow"]') as HTMLButtonElement).click();
    await settle();
    await settle();
    const steps = [...target.querySelectorAll("[data-step]")].map((li) => [(li as HTMLElement).dataset["step"], (li as HTMLElement).dataset["status"]]);
    expect(steps).toEqual([["fetch", "ok"], ["send", "failed"]]);
    expect(target.querySelector('[data-step="send"]')?.textContent).toContain("Slack refused it");
  });

  it("asks a manual run for the inputs its steps read, typed", async () => {
    const wf = { id: "hello", name: "Hello", description: null, trigger: "by hand", enabled: true, file: "/x/hello.json", problems: [], last_run: null, next_run_at: null, definition: {}, inputs: ["email", "count", "vip"] };
    const runWorkflow = vi.fn(async () => ({ run: { id: 1, workflow: "hello", trigger: "manual", status: "ok", started_at: "", finished_at: null, error: null }, steps: [] }));
    const target = document.createElement("div");
    await showAutomations(target, api({ listWorkflows: async () => [wf], runWorkflow } as Partial<Api>));
    const field = (name: string) => target.querySelector(`[data-run-input="${name}"]`) as HTMLInputElement;
    expect([...target.querySelectorAll("[data-run-input]")].map((i) => (i as HTMLElement).dataset["runInput"])).toEqual(["email", "count", "vip"]);
    field("email").value = "maya@example.com";
    field("count").value = "3";
    field("vip").value = "true";
    (target.querySelector('[data-action="run-workflow"]') as HTMLButtonElement).click();
    await settle();
    expect(runWorkflow).toHaveBeenCalledWith("hello", { email: "maya@example.com", count: 3, vip: true });
  });
});
