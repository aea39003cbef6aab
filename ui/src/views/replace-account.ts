// "You signed in as B, but this connection belongs to A": the core holds B's tokens for ten
// minutes and the window asks before anything changes.

import { h } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { Finished } from "../bindings/Finished";
import { toast } from "../toast";

export const DIFFERENT_ACCOUNT = "oauth.different_account";

/** The question, or null when the finished flow was something else. */
export function replaceQuestion(f: Finished, api: Api, done: () => void): HTMLElement | null {
  const id = f.connection_id;
  if (f.ok || f.code !== DIFFERENT_ACCOUNT || !id) return null;
  const box = h("div", { class: "confirm replace-account", role: "alertdialog", "aria-labelledby": "replace-title", "aria-describedby": "replace-text", "data-replace": id });
  const answer = (replace: boolean) => {
    const call = replace ? api.confirmReplaceAccount(id) : api.discardReplaceAccount(id);
    call.then(
      (view) => {
        toast(replace && view ? view.status_message ?? "Account replaced." : "Kept the connected account; nothing changed.", "ok");
        box.remove();
        done();
      },
      (e) => toast(toErrorPayload(e).message, "error"),
    );
  };
  const replace = h("button", { type: "button", class: "danger", "data-action": "confirm-replace", onclick: () => answer(true) }, "Replace the account");
  box.append(
    h("strong", { id: "replace-title" }, "A different account signed in"),
    h("p", { id: "replace-text" }, f.message),
    h("div", { class: "row-actions" }, replace, h("button", { type: "button", "data-action": "keep-account", onclick: () => answer(false) }, "Keep the current account")),
  );
  queueMicrotask(() => replace.focus());
  return box;
}
