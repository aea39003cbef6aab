// The window calls exactly the commands declared in src-tauri/front-door.json (which build.rs
// turns into the app's grants and handler) and listens only to declared events.

/// <reference types="node" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Vitest runs from ui/ (see package.json).
const declared = JSON.parse(readFileSync("../src-tauri/front-door.json", "utf8")) as {
  commands: Record<string, string>;
  events: Record<string, { payload: string }>;
};
const api = readFileSync("src/api.ts", "utf8");
const called = new Set(Array.from(api.matchAll(/call(?:<[^>]*>)?\("([a-z_]+)"/g), (m) => m[1]!));
const heard = Array.from(api.matchAll(/listen<([^>]+)>\("([^"]+)"/g), (m) => ({ payload: m[1]!, event: m[2]! }));

describe("the front door", () => {
  it("calls every declared command and nothing else", () => {
    expect([...called].sort()).toEqual(Object.keys(declared.commands).sort());
  });

  it("listens only to declared events, with their declared payloads", () => {
    expect(heard.length).toBeGreaterThan(0);
    for (const { event, payload } of heard) {
      expect(declared.events[event], event).toBeDefined();
      expect(payload).toBe(declared.events[event]!.payload);
    }
  });
});
