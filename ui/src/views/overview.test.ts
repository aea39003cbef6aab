import { describe, expect, it } from "vitest";
import type { SyncSummary } from "../bindings/SyncSummary";
import { syncOutcome } from "./overview";

const summary = (status: string, errors: string[] = []): SyncSummary => ({ connection_id: status, name: status, status, posts: 0, followers: null, errors, duration_ms: 0, records: 0 });

describe("Sync now's outcome", () => {
  it("does not call a sync already running a problem", () => {
    expect(syncOutcome([summary("ok"), summary("skipped", ["A sync of this connection is already running; it carries on."])])).toEqual(["Synced 1 account(s). 1 already syncing; they carry on.", "ok"]);
  });
  it("names what needs attention", () => {
    expect(syncOutcome([summary("ok"), summary("needs_reauth", ["Reconnect X."])])).toEqual(["1 account(s) need attention: Reconnect X.", "error"]);
  });
});
