import { defineConfig } from "vitest/config";

// The desktop shell loads the built files from ui/dist; there is no dev server in the loop.
export default defineConfig({
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // Keep every asset a file: the CSP forbids inline scripts and styles.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
  },
});
