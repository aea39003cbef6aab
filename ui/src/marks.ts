// The platforms' marks, from the simple-icons package (CC0), compiled into the bundle: the window
// never fetches an icon. A connector without a mark in the set (Slack, LinkedIn and Twilio ask
// simple-icons not to carry theirs; SMTP, HTTP and users' own connectors have none) keeps its
// monogram. Either way the tile wears the manifest's colour, or the mark's own.

import type { SimpleIcon } from "simple-icons";
import {
  siAsana, siDiscord, siFacebook, siGmail, siGoogleads, siGooglesheets, siHubspot, siInstagram, siNotion,
  siReddit, siShopify, siStripe, siTiktok, siTrello, siWhatsapp, siX, siYoutube,
} from "simple-icons";

const MARKS: Record<string, SimpleIcon> = {
  asana: siAsana,
  discord: siDiscord,
  "facebook-pages": siFacebook,
  gmail: siGmail,
  "google-ads": siGoogleads,
  "google-sheets": siGooglesheets,
  hubspot: siHubspot,
  instagram: siInstagram,
  notion: siNotion,
  reddit: siReddit,
  shopify: siShopify,
  stripe: siStripe,
  tiktok: siTiktok,
  trello: siTrello,
  "twilio-whatsapp": siWhatsapp,
  x: siX,
  youtube: siYoutube,
};

const SVG = "http://www.w3.org/2000/svg";

/** Whether Patchbay carries a mark for this connector. */
export function hasMark(connectorId: string): boolean {
  return connectorId in MARKS;
}

/** The colour a connector's tile wears: the manifest's, else its mark's, else none. */
export function brandColor(connectorId: string, manifestColor: string | null | undefined): string | null {
  if (manifestColor) return manifestColor;
  const icon = MARKS[connectorId];
  return icon ? `#${icon.hex}` : null;
}

/** A connector's tile: its mark (decorative; the name always stands beside it) or monogram. */
export function markTile(connectorId: string, monogram: string, manifestColor: string | null | undefined, size: "small" | "large" = "large"): HTMLElement {
  const tile = document.createElement("span");
  tile.className = `monogram mark-${size}`;
  tile.setAttribute("aria-hidden", "true");
  tile.dataset["mark"] = connectorId;
  const color = brandColor(connectorId, manifestColor);
  if (color) tile.style.setProperty("--brand", color);
  const icon = MARKS[connectorId];
  if (!icon) {
    tile.textContent = monogram;
    return tile;
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", icon.path);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  tile.append(svg);
  tile.classList.add("has-mark");
  return tile;
}

