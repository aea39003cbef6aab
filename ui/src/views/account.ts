// One account: the shared period, KPIs, the follower trend, engagement per post, the posting-time
// heatmap, and the top posts.

import { convertFileSrc } from "@tauri-apps/api/core";
import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import type { ConnectionView } from "../bindings/ConnectionView";
import type { TopPost } from "../bindings/TopPost";
import { compact, percent, shortDate, signed, theme, utcOffset } from "../format";
import { svgNode } from "../svg";
import { readableChart } from "../chart-values";
import { currentPeriod, periodDays, periodPicker } from "../period";
import { savedToast } from "../saved";
import { toast } from "../toast";
import { failure, loading } from "./states";

/** The thumbnail Patchbay keeps on this machine; never a remote link (they expire, and would
 * make the window call out). */
function thumbnail(p: TopPost): HTMLElement {
  return p.thumbnail_file
    ? h("img", { src: convertFileSrc(p.thumbnail_file, "media"), alt: "", width: 48, height: 48, loading: "lazy", class: "thumb", "data-thumbnail": p.thumbnail_file })
    : h("span", { class: "thumb thumb-placeholder", "aria-hidden": "true" }, (p.media_type ?? "post").slice(0, 1));
}

function postsTable(posts: TopPost[]): HTMLElement {
  if (posts.length === 0) return h("p", { class: "state state-empty" }, "No posts in this period.");
  return h(
    "table",
    { class: "posts", "data-table": "top-posts" },
    h("thead", {}, h("tr", {}, ...["", "Post", "Date", "Views", "Likes", "Comments", "Engagement"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      ...posts.map((p) =>
        h(
          "tr",
          { "data-post": p.platform_id },
          h("td", {}, thumbnail(p)),
          h("td", {}, p.permalink ? h("a", { href: p.permalink, target: "_blank", rel: "noopener noreferrer" }, p.caption ?? "(no caption)") : p.caption ?? ""),
          h("td", {}, p.posted_at.slice(0, 10)),
          h("td", { "data-metric": "views", title: String(p.views ?? "") }, compact(p.views)),
          h("td", { "data-metric": "likes", title: String(p.likes ?? "") }, compact(p.likes)),
          h("td", { "data-metric": "comments", title: String(p.comments ?? "") }, compact(p.comments)),
          h("td", {}, percent(p.engagement_rate)),
        ),
      ),
    ),
  );
}

const CHART_NAMES = { followers: "Followers", engagement: "Engagement per post", heatmap: "Best posting times" } as const;

/** A chart whose values read by hover or keyboard, with "Save as SVG" and "Save as PNG" (into
 * the exports folder). */
function chartBox(api: Api, kind: "followers" | "engagement" | "heatmap", node: Node, ids: string[], days: number): HTMLElement {
  const save = (png: boolean) => () =>
    api.saveChart(kind, ids, days, theme(), utcOffset(), png).then(
      (path) => savedToast(api, `Chart saved to ${path}`, path),
      (e) => toast(toErrorPayload(e).message, "error"),
    );
  const box = h(
    "div",
    { class: "chart", "data-chart": kind },
    h("div", { class: "chart-frame" }, node),
    h("div", { class: "row-actions chart-actions" }, h("button", { type: "button", "data-action": "save-svg", onclick: save(false) }, "Save as SVG"), h("button", { type: "button", "data-action": "save-png", onclick: save(true) }, "Save as PNG")),
  );
  readableChart(box, CHART_NAMES[kind]);
  return box;
}

/** Other accounts to draw on the follower chart beside this one. */
function overlayChoice(api: Api, v: ConnectionView, others: ConnectionView[], days: number, slot: HTMLElement): HTMLElement | null {
  if (others.length === 0) return null;
  const boxes = others.map((o) => h("input", { type: "checkbox", id: `overlay-${o.id}`, value: o.id, "data-overlay": o.id }));
  const redraw = async () => {
    const ids = [v.id, ...boxes.filter((b) => b.checked).map((b) => b.value)];
    try {
      const svg = await api.chart("followers", ids, Math.max(days, 90), theme(), utcOffset());
      mount(slot, chartBox(api, "followers", svgNode(svg, "followers"), ids, Math.max(days, 90)));
    } catch (e) {
      toast(toErrorPayload(e).message, "error");
    }
  };
  for (const b of boxes) b.addEventListener("change", () => void redraw());
  return h(
    "fieldset",
    { class: "overlay-choice" },
    h("legend", {}, "Compare followers with"),
    ...others.map((o, i) => h("label", { class: "inline", for: `overlay-${o.id}` }, boxes[i], ` ${o.name}`)),
  );
}

export async function showAccount(target: Element, api: Api, v: ConnectionView): Promise<void> {
  mount(target, loading(v.name));
  try {
    const period = await currentPeriod(api);
    const days = periodDays(period);
    const [o, posts, followers, engagement, heat, all] = await Promise.all([
      api.accountOverview(v.id, days, "per_follower"),
      api.topPosts(v.id, days, 10),
      api.chart("followers", [v.id], Math.max(days, 90), theme(), utcOffset()),
      api.chart("engagement", [v.id], days, theme(), utcOffset()),
      api.chart("heatmap", [v.id], Math.max(days, 90), theme(), utcOffset()),
      api.listConnections({}),
    ]);
    const range = periodPicker(api, period, () => void showAccount(target, api, v));
    const sync = h("button", { type: "button", "data-action": "sync-account" }, "Sync now");
    sync.addEventListener("click", async () => {
      sync.setAttribute("disabled", "");
      try {
        const [r] = await api.syncNow(v.id);
        toast(r && r.status === "ok" ? `Synced ${r.posts} posts.` : (r?.errors[0] ?? "Sync finished with problems."), r && r.status === "ok" ? "ok" : "error");
        await showAccount(target, api, v);
      } catch (e) {
        toast(toErrorPayload(e).message, "error");
      }
    });
    const followersSlot = h("div", { "data-slot": "followers" }, chartBox(api, "followers", svgNode(followers, "followers"), [v.id], Math.max(days, 90)));
    const kpi = (label: string, value: string, key: string) => h("div", { class: "kpi-box" }, h("span", { class: "help" }, label), h("strong", { "data-kpi": key }, value));
    mount(
      target,
      h(
        "section",
        { class: "account", "data-account-view": v.id },
        h("div", { class: "view-head" }, h("h1", {}, v.name), range, sync),
        h("p", { class: "help" }, `${o.handle ?? ""} · last sync ${shortDate(o.last_synced_at)}`),
        h(
          "div",
          { class: "kpis" },
          kpi("Followers", compact(o.followers), "followers"),
          kpi("7 days", signed(o.change_7d), "change_7d"),
          kpi("30 days", signed(o.change_30d), "change_30d"),
          kpi(`Posts (${days} d)`, String(o.posts_in_period), "posts"),
          kpi(`Engagement (${o.engagement_label})`, percent(o.engagement_rate), "engagement"),
        ),
        o.engagement_note ? h("p", { class: "help" }, o.engagement_note) : null,
        overlayChoice(api, v, all.filter((c) => c.id !== v.id && c.schedule.next_sync_at !== null), days, followersSlot),
        followersSlot,
        chartBox(api, "engagement", svgNode(engagement, "engagement"), [v.id], days),
        chartBox(api, "heatmap", svgNode(heat, "heatmap"), [v.id], Math.max(days, 90)),
        h("h2", {}, "Top posts"),
        postsTable(posts),
      ),
    );
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
