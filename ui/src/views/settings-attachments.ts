// Settings → Attachments: the folders email attachments may come from, beside the workspace's
// own attachments folder.

import { h, mount } from "../dom";
import type { Api } from "../api";
import { toErrorPayload } from "../api";
import { toast } from "../toast";

export function attachmentsSection(api: Api): HTMLElement[] {
  const list = h("ul", { class: "outbox", "data-list": "attachment-folders" });
  const draw = (folders: string[]) =>
    mount(
      list,
      ...folders.map((f) =>
        h(
          "li",
          { "data-folder": f },
          h("code", {}, f),
          " ",
          h("button", { type: "button", "data-action": "remove-folder", onclick: () => api.removeAttachmentFolder(f).then(draw, (e) => toast(toErrorPayload(e).message, "error")) }, "Remove"),
        ),
      ),
    );
  void api.attachmentFolders().then(draw, () => undefined);
  const path = h("input", { id: "attachment-folder", type: "text", placeholder: "/home/you/Invoices", "aria-describedby": "attachment-help" });
  const form = h(
    "form",
    { class: "connection-form", "data-form": "attachment-folder" },
    h("div", { class: "form-row" }, h("label", { for: "attachment-folder" }, "Add a folder"), path, h("p", { class: "help", id: "attachment-help" }, "Emails attach files only from Patchbay's own attachments folder and the folders listed here; any other path is refused.")),
    h("div", { class: "form-actions" }, h("button", { type: "submit", "data-action": "add-folder" }, "Add folder")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    api.addAttachmentFolder(path.value.trim()).then(
      (folders) => {
        draw(folders);
        path.value = "";
      },
      (e) => toast(toErrorPayload(e).message, "error"),
    );
  });
  return [h("h2", { id: "attachments" }, "Attachments"), list, form];
}
