// What the window saves lands in the workspace's exports folder first (offline, no question
// asked); the message that says so offers "Save a copy…" to put it where the user wants it.

import type { Api } from "./api";
import { toErrorPayload } from "./api";
import { toast } from "./toast";

export function savedToast(api: Api, message: string, saved: string): void {
  const el = toast(message, "ok", {
    label: "Save a copy…",
    run: () =>
      api.saveCopy(saved).then(
        (copy) => { if (copy !== null) toast(`Copied to ${copy}`, "ok"); },
        (e) => toast(toErrorPayload(e).message, "error"),
      ),
  });
  el.dataset.saved = saved;
}
