import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.mjs";

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  oxc: false,
  // graphql-js ships CJS (main) and ESM (module); Node loads the CJS one for our dependencies,
  // so tests must too, or schema objects come from two "realms".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    include: ["src/**/*.test.ts"],
    reporters: reporters("api"),
    // Each file starts its own server on its own database; PGlite is heavy, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
