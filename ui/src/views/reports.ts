// Reports: a period and the accounts to cover, built into one self-contained HTML report that
// is saved in the exports folder and previewed here (it loads nothing from the network), or
// into a PDF saved beside it.

import { convertFileSrc } from "@tauri-apps/api/core";
import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import { savedToast } from "../saved";
import { toast } from "../toast";
import { failure, loading } from "./states";
import { currentPeriod, periodPicker } from "../period";

export async function showReports(target: Element, api: Api): Promise<void> {
  mount(target, loading("reports"));
  try {
    const [all, shared] = await Promise.all([api.listConnections({}), currentPeriod(api)]);
    const accounts = all.filter((c) => c.last_synced_at !== null);
    const period = h("input", { id: "report-period", type: "text", value: shared, "data-field": "report-period", "aria-describedby": "report-period-help" });
    const picker = periodPicker(api, shared, (p) => {
      period.value = p;
      for (const b of picker.querySelectorAll("[data-period]")) b.setAttribute("aria-pressed", String(b.getAttribute("data-period") === p));
    });
    const boxes = accounts.map((c) => h("input", { type: "checkbox", id: `report-${c.id}`, value: c.id, checked: true, "data-report-account": c.id }));
    // A client's report: the accounts carrying its tag.
    const tags = [...new Set(accounts.flatMap((c) => c.tags))].sort();
    const client = h("select", { id: "report-tag", "data-field": "report-tag" }, h("option", { value: "" }, "Every account"), ...tags.map((t) => h("option", { value: t }, t)));
    client.addEventListener("change", () => {
      accounts.forEach((c, i) => {
        boxes[i]!.checked = client.value === "" || c.tags.includes(client.value);
      });
    });
    const preview = h("div", { class: "report-preview", "data-field": "report-preview" });
    const build = h("button", { type: "submit", class: "primary", "data-action": "build-report" }, "Build and save");
    const pdf = h("button", { type: "button", "data-action": "save-pdf" }, "Save as PDF");
    pdf.addEventListener("click", () => {
      const ids = boxes.filter((b) => b.checked).map((b) => b.value);
      api.saveReport(period.value.trim(), ids, true).then(
        (name) => savedToast(api, `PDF saved as ${name} in the exports folder.`, name),
        (e) => toast(toErrorPayload(e).message, "error"),
      );
    });
    const form = h(
      "form",
      { class: "connection-form", "data-form": "report" },
      h("div", { class: "form-row" }, h("label", { for: "report-period" }, "Period"), picker, period, h("p", { class: "help", id: "report-period-help" }, "A month (2026-11), this-month, the last days (30d) or a range (2026-11-01..2026-11-15).")),
      tags.length > 0 ? h("div", { class: "form-row" }, h("label", { for: "report-tag" }, "Client"), client) : null,
      h("fieldset", {}, h("legend", {}, "Accounts"), ...accounts.map((c, i) => h("label", { class: "inline", for: `report-${c.id}` }, boxes[i], ` ${c.name}`))),
      h("div", { class: "form-actions" }, build, pdf),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const ids = boxes.filter((b) => b.checked).map((b) => b.value);
      build.setAttribute("disabled", "");
      api.saveReport(period.value.trim(), ids, false).then(
        (name) => {
          savedToast(api, `Report saved as ${name} in the exports folder.`, name);
          mount(preview, h("iframe", { title: "Report preview", src: convertFileSrc(name, "report"), sandbox: "", "data-report": name, class: "report-frame" }));
        },
        (e) => toast(toErrorPayload(e).message, "error"),
      ).finally(() => build.removeAttribute("disabled"));
    });
    mount(
      target,
      h(
        "section",
        { class: "reports-view" },
        h("h1", {}, "Reports"),
        accounts.length === 0 ? h("p", { class: "state state-empty" }, "No account has been synced yet: connect one and sync it first.") : form,
        preview,
      ),
    );
  } catch (err) {
    mount(target, failure(toErrorPayload(err)));
  }
}
