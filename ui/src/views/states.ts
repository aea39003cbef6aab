// The loading, empty and error states every view shares.

import { h } from "../dom";
import type { ErrorPayload } from "../bindings/ErrorPayload";

export function loading(what: string): HTMLElement {
  return h("p", { class: "state state-loading", role: "status" }, `Loading ${what}…`);
}

export function failure(err: ErrorPayload): HTMLElement {
  return h(
    "div",
    { class: "state state-error", role: "alert", "data-error-code": err.code },
    h("p", { class: "state-title" }, "Something went wrong"),
    h("p", {}, err.message),
    h("p", { class: "state-code" }, `Error code: ${err.code}`),
  );
}
