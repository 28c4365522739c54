import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.mjs";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    reporters: reporters("e2e"),
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
