import { describe, expect, it, vi } from "vitest";
import type { Api } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import { actionPanel } from "./action-panel";

const settle = () => new Promise((r) => setTimeout(r, 0));

const stripe = { id: "shop-1", actions: ["create_customer"] } as unknown as ConnectionView;

const customer = {
  name: "create_customer",
  description: "Create a customer.",
  runs: true,
  input: {
    type: "object",
    required: ["email"],
    properties: { email: { type: "string" }, seats: { type: "integer" }, tags: { type: "array", items: { type: "string" } }, metadata: { type: "object" }, vip: { type: "boolean" } },
  },
};

async function opened(api: Partial<Api>): Promise<HTMLElement> {
  const panel = actionPanel(stripe, api as Api) as HTMLDetailsElement;
  document.body.replaceChildren(panel);
  panel.open = true;
  panel.dispatchEvent(new Event("toggle"));
  await settle();
  return panel;
}

function set(panel: HTMLElement, name: string, value: string): void {
  (panel.querySelector(`[data-input="${name}"]`) as HTMLInputElement).value = value;
}

describe("Try an action", () => {
  it("is absent for a connection without actions", () => {
    expect(actionPanel({ id: "ig", actions: [] } as unknown as ConnectionView, {} as Api)).toBeNull();
  });

  it("builds a form from the input schema and sends typed values", async () => {
    const runAction = vi.fn(async () => ({ id: "cus_1" }));
    const panel = await opened({ listActions: async () => [customer, { ...customer, name: "delete_everything", runs: false }], runAction });
    const options = [...panel.querySelectorAll("option")].map((o) => [o.textContent, o.disabled]);
    expect(options).toEqual([["create_customer", false], ["delete_everything (coming soon)", true]]);
    expect(panel.querySelector('[data-input="email"]')?.getAttribute("aria-required")).toBe("true");
    set(panel, "email", "jane@example.com");
    set(panel, "seats", "3");
    set(panel, "tags", "a, b");
    set(panel, "metadata", '{"plan":"pro"}');
    (panel.querySelector("form") as HTMLFormElement).requestSubmit();
    await settle();
    expect(runAction).toHaveBeenCalledWith("shop-1", "create_customer", { email: "jane@example.com", seats: 3, tags: ["a", "b"], metadata: { plan: "pro" } });
    expect(panel.querySelector('[data-field="action-output"]')?.textContent).toContain("cus_1");
  });

  it("shows the platform's sentence and each field problem", async () => {
    const runAction = vi.fn(async () => {
      throw { code: "action.invalid_input", message: "The input was refused.", fields: [{ field: "/email", message: "is required" }] };
    });
    const panel = await opened({ listActions: async () => [customer], runAction });
    (panel.querySelector("form") as HTMLFormElement).requestSubmit();
    await settle();
    const result = panel.querySelector('[data-field="action-result"]') as HTMLElement;
    expect(result.dataset["code"]).toBe("action.invalid_input");
    expect(result.textContent).toContain("The input was refused.");
    expect(result.textContent).toContain("/email: is required");
  });
});
