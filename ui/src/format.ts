// Numbers and dates the way a creator reads them.

import { currentTheme } from "./appearance";

/** 950 → "950", 1234 → "1.2K", 45600 → "46K", 3400000 → "3.4M". */
export function compact(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  const a = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  const unit = (v: number, u: string) => `${sign}${v >= 10 ? v.toFixed(0) : v.toFixed(1)}${u}`;
  if (a >= 1e9) return unit(a / 1e9, "B");
  if (a >= 1e6) return unit(a / 1e6, "M");
  if (a >= 1e3) return unit(a / 1e3, "K");
  return `${sign}${Math.round(a)}`;
}

/** +1.2K / −35 / "—". */
export function signed(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return n > 0 ? `+${compact(n)}` : n < 0 ? `−${compact(-n)}` : "0";
}

export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : `${n.toFixed(2)} %`;
}

export function shortDate(iso: string | null | undefined): string {
  if (!iso) return "never";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Light or dark, as the system is. */
export function theme(): "light" | "dark" {
  return currentTheme();
}

/** The user's offset from UTC in minutes (east positive). */
export function utcOffset(): number {
  return -new Date().getTimezoneOffset();
}

/** How far away a moment is: "now", "in 12 min", "in 3 h", "in 2 days", "5 min ago". */
export function relative(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "never";
  const ms = Date.parse(iso) - now.getTime();
  if (Number.isNaN(ms)) return iso;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return "now";
  const span = minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`;
  return ms > 0 ? `in ${span}` : `${span} ago`;
}
