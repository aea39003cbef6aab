import { api } from "./api";
import { showAbout } from "./views/about";

const root = document.getElementById("app");
if (root) {
  void showAbout(root, api.appInfo);
}
