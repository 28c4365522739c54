// One flat config for the whole workspace.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/generated/**", "**/.turbo/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through @trouw/config.",
        },
      ],
    },
  },
  {
    files: [
      "packages/config/**",
      "tests/**",
      "**/*.config.*",
      ".ci/**",
      "scripts/**",
      "**/test-support/**",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The domain package is pure: no I/O, ORM, GraphQL or UI framework.
    files: ["packages/domain/src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "typeorm",
                "type-graphql",
                "graphql",
                "vue",
                "pg",
                "@electric-sql/*",
                "node:fs",
                "fs",
                "node:net",
                "http",
                "node:http",
              ],
              message: "packages/domain is pure TypeScript.",
            },
          ],
        },
      ],
    },
  },
);
