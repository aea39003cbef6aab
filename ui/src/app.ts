// The app frame: navigation between views.

import { h, mount } from "./dom";
import type { Api } from "./api";
import { showAbout } from "./views/about";
import { showGallery } from "./views/gallery";

type View = "connectors" | "about";

export function startApp(root: Element, api: Api): void {
  const main = h("main", { id: "view" });
  const views: Record<View, () => Promise<void>> = {
    connectors: () => showGallery(main, api),
    about: () => showAbout(main, () => api.appInfo()),
  };
  const links = (Object.keys(views) as View[]).map((view) =>
    h(
      "button",
      { type: "button", class: "nav-link", "data-view": view, onclick: () => go(view) },
      view === "connectors" ? "Connectors" : "About",
    ),
  );
  function go(view: View): void {
    for (const link of links) {
      if (link.dataset["view"] === view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    void views[view]();
  }
  mount(
    root,
    h("nav", { class: "nav", "aria-label": "Main" }, h("span", { class: "brand" }, "Patchbay"), ...links),
    main,
  );
  go("connectors");
}
