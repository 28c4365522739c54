import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printTrouwSchema } from "./emit-schema";

describe("schema contract", () => {
  it("schema.graphql matches the code (run `pnpm --filter @trouw/api schema` after changing types)", async () => {
    expect(readFileSync(join(__dirname, "..", "schema.graphql"), "utf8")).toBe(
      await printTrouwSchema(),
    );
  });
});
