import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents for every graphql() call in src, from the schema the API emits.
const config: CodegenConfig = {
  schema: "../api/schema.graphql",
  documents: ["src/**/*.ts", "src/**/*.vue", "!src/graphql/generated/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/graphql/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: {
          DateTime: "string",
          LocalDate: "string",
          SafeInt: "number",
          JSON: "Record<string, unknown>",
          JSONObject: "Record<string, unknown>",
        },
      },
    },
  },
};

export default config;
