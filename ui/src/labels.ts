// Words the UI shows for the core's enum values.

import type { Category } from "./bindings/Category";
import type { ConnectionStatus } from "./bindings/ConnectionStatus";
import type { Status } from "./bindings/Status";

export const CATEGORIES: Category[] = [
  "social", "messaging", "email", "payments", "commerce", "ads",
  "productivity", "crm", "analytics", "developer", "events", "marketing",
];

const CATEGORY_LABELS: Record<Category, string> = {
  social: "Social", messaging: "Messaging", email: "Email", payments: "Payments",
  commerce: "Commerce", ads: "Ads", productivity: "Productivity", crm: "CRM",
  analytics: "Analytics", developer: "Developer", events: "Events", marketing: "Marketing",
};

const STATUS_LABELS: Record<Status, string> = {
  available: "Available", beta: "Beta", "coming-soon": "Coming soon", deprecated: "Deprecated",
};

const AUTH_LABELS: Record<string, string> = {
  oauth2: "OAuth 2.0", api_key: "API key", basic: "Username & password",
  bot_token: "Bot token", smtp: "SMTP login", none: "No credentials",
};

export const categoryLabel = (c: Category): string => CATEGORY_LABELS[c];
export const statusLabel = (s: Status): string => STATUS_LABELS[s];
export const authLabel = (a: string): string => AUTH_LABELS[a] ?? a;

const CONNECTION_STATUS_LABELS: Record<ConnectionStatus, string> = {
  pending_setup: "Not verified", active: "Active", inactive: "Inactive",
  error: "Error", needs_reauth: "Needs reconnect",
};

export const connectionStatusLabel = (s: ConnectionStatus): string => CONNECTION_STATUS_LABELS[s];
