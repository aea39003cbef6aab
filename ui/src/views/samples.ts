// First run: "Try it with sample accounts" creates a sandbox account on each analytics
// platform, signs it in through the real OAuth path against the built-in sandbox, syncs it, and
// opens the Overview, so a newcomer sees their numbers' shape before connecting their own.

import { h } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import { toast } from "../toast";
import { syncOutcome } from "./overview";

export function samplesBanner(api: Api, done: () => void): HTMLElement {
  const status = h("p", { class: "help", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "primary", "data-action": "try-samples" }, "Try it with sample accounts");
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    status.textContent = "Connecting six sandbox accounts and syncing their history…";
    const stop = await api.onSyncProgress((p) => {
      if (p.stage !== "finished") status.textContent = `Syncing ${p.name}… ${p.posts} posts`;
    });
    try {
      const results = await api.trySampleAccounts();
      toast(...syncOutcome(results));
      done();
    } catch (e) {
      status.textContent = toErrorPayload(e).message;
      button.removeAttribute("disabled");
    } finally {
      stop();
    }
  });
  return h(
    "section",
    { class: "samples", "aria-labelledby": "samples-title" },
    h("h2", { id: "samples-title" }, "New here?"),
    h("p", {}, "See Patchbay with six sample accounts (Instagram, TikTok, YouTube, a Facebook Page, X and Reddit) served by its built-in sandbox: nothing leaves this computer, and you can remove them any time."),
    button,
    status,
  );
}
