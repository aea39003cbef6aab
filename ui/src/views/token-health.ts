// "Token expires in N days": how long an OAuth connection keeps working without the user.

import type { ConnectionView } from "../bindings/ConnectionView";

export function daysUntil(iso: string | null, now: Date = new Date()): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso) - now.getTime();
  return Number.isNaN(ms) ? null : Math.floor(ms / 86_400_000);
}

export function tokenHealth(v: ConnectionView, now: Date = new Date()): string | null {
  if (v.auth !== "oauth2" || !("access_token" in v.secrets)) return null;
  const days = daysUntil(v.token_expires_at, now);
  const scopes = v.scopes.length > 0 ? ` · scopes: ${v.scopes.join(", ")}` : "";
  if (days === null) return `Token does not expire${scopes}`;
  if (days < 0) return `Token expired${scopes}`;
  // Without a refresh token nothing can renew it: warn a week ahead.
  if (days <= 7 && !("refresh_token" in v.secrets) && v.connector_id !== "instagram") {
    return `⚠ Token expires in ${days} day${days === 1 ? "" : "s"} and cannot be refreshed: reconnect before then${scopes}`;
  }
  if (days === 0) {
    const hours = Math.max(1, Math.floor((Date.parse(v.token_expires_at ?? "") - now.getTime()) / 3_600_000));
    return `Token expires in ${hours} hour${hours === 1 ? "" : "s"}${scopes}`;
  }
  return `Token expires in ${days} day${days === 1 ? "" : "s"}${scopes}`;
}
