// One period for the Overview, an account and Reports: the last 7, 30 or 90 days, this month,
// or a custom range. The choice is the workspace's (preferences), so every view and the next
// start of the app show the same one.

import { h } from "./dom";
import type { Api } from "./api";
import { toErrorPayload } from "./api";
import { toast } from "./toast";

export const PRESETS: [string, string][] = [
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["90d", "90 days"],
  ["this-month", "This month"],
];

let remembered: string | null = null;

/** The period in use (read from the preferences once per window). */
export async function currentPeriod(api: Api): Promise<string> {
  if (remembered === null) remembered = await api.getPreferences().then((p) => p.period, () => "30d");
  return remembered;
}

/** Chooses a period: every view reads it from here, and the workspace remembers it. */
export async function choosePeriod(api: Api, period: string): Promise<void> {
  const now = await api.getPreferences();
  await api.setPreferences({ ...now, period });
  remembered = period;
}

const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** How many days back from today a chart must reach to cover the period. */
export function periodDays(period: string, today: Date = new Date()): number {
  const todayNumber = Math.floor(today.getTime() / 86_400_000);
  const days = /^(\d+)d$/.exec(period);
  if (days) return Number(days[1]);
  if (period === "this-month") return today.getUTCDate();
  const range = RANGE.exec(period);
  if (range) return Math.max(1, todayNumber - dayNumber(range[1]!) + 1);
  return 30;
}

/** "the last 30 days", "this month", "1 Nov – 15 Nov 2026". */
export function periodLabel(period: string): string {
  const days = /^(\d+)d$/.exec(period);
  if (days) return `the last ${days[1]} days`;
  if (period === "this-month") return "this month";
  const range = RANGE.exec(period);
  if (range) return `${range[1]} – ${range[2]}`;
  return period;
}

/** The picker: preset buttons (pressed when chosen) and a custom range. */
export function periodPicker(api: Api, period: string, onChange: (period: string) => void): HTMLElement {
  const pick = (p: string) => {
    choosePeriod(api, p).then(() => onChange(p), (e) => toast(toErrorPayload(e).message, "error"));
  };
  const range = RANGE.exec(period);
  const from = h("input", { type: "date", id: "period-from", value: range?.[1] ?? "", "aria-label": "From" });
  const until = h("input", { type: "date", id: "period-until", value: range?.[2] ?? "", "aria-label": "Until" });
  const custom = h(
    "form",
    { class: "period-custom", hidden: !range, "data-period-custom": "" },
    from,
    h("span", { "aria-hidden": "true" }, "–"),
    until,
    h("button", { type: "submit", "data-action": "apply-period" }, "Apply"),
  );
  custom.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!from.value || !until.value) {
      toast("Choose both days of the range.", "error");
      return;
    }
    pick(`${from.value}..${until.value}`);
  });
  const buttons = PRESETS.map(([value, label]) =>
    h("button", { type: "button", class: "chip", "data-period": value, "aria-pressed": String(period === value), onclick: () => pick(value) }, label),
  );
  const more = h("button", { type: "button", class: "chip", "data-period": "custom", "aria-pressed": String(Boolean(range)), "aria-expanded": String(Boolean(range)), onclick: () => { custom.hidden = !custom.hidden; more.setAttribute("aria-expanded", String(!custom.hidden)); } }, "Custom…");
  return h("div", { class: "period-picker", role: "group", "aria-label": "Period" }, ...buttons, more, custom);
}
