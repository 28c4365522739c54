import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.mjs";

export default defineConfig({
  test: { include: ["src/**/*.test.ts"], reporters: reporters("config") },
});
