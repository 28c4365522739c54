import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

const api = "http://127.0.0.1:4000";

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // The domain package is pure TypeScript: bundle its source instead of its CommonJS build.
      "@trouw/domain": fileURLToPath(
        new URL("../../packages/domain/src/index.ts", import.meta.url),
      ),
    },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/graphql": { target: api, changeOrigin: false },
      "/healthz": { target: api, changeOrigin: false },
      "/imports/": { target: api, changeOrigin: false },
      "/exports/": { target: api, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  // The chart library (echarts, ~550 kB) is its own chunk, loaded with the segment size tab only.
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 600 },
});
