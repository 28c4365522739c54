import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.mjs";

export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  oxc: false,
  test: {
    include: ["src/**/*.test.ts"],
    reporters: reporters("api"),
    // Each file starts its own server on its own database; PGlite is heavy, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
