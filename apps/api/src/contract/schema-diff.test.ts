import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, print, visit } from "graphql";
import { describe, expect, it } from "vitest";
import {
  API_ROOT,
  CURRENT_SCHEMA,
  RELEASE_SCHEMA,
  diffSchemaSdl,
  formatReport,
  readAcknowledgements,
} from "./schema-diff";

const current = readFileSync(CURRENT_SCHEMA, "utf8");

/** The current schema with one field of one type removed. */
function withoutField(sdl: string, type: string, field: string): string {
  let removed = false;
  const edited = visit(parse(sdl), {
    FieldDefinition(node, _key, _parent, _path, ancestors) {
      const owner = ancestors[ancestors.length - 1] as { name?: { value: string } };
      if (owner?.name?.value !== type || node.name.value !== field) return undefined;
      removed = true;
      return null;
    },
  });
  expect(removed).toBe(true);
  return print(edited);
}

describe("schema contract against the last release", () => {
  it("schema.graphql has no unacknowledged breaking change against schema.release.graphql", async () => {
    const report = await diffSchemaSdl(
      readFileSync(RELEASE_SCHEMA, "utf8"),
      current,
      readAcknowledgements(),
    );
    expect(report.unacknowledged.map((c) => `${c.type} ${c.path}: ${c.message}`)).toEqual([]);
    expect(report.unused, "stale entries in schema.breaking.json").toEqual([]);
  });

  it("reports a removed field as breaking and unacknowledged", async () => {
    const report = await diffSchemaSdl(current, withoutField(current, "Customer", "externalId"));
    expect(report.unacknowledged.map((c) => [c.type, c.path])).toEqual([
      ["FIELD_REMOVED", "Customer.externalId"],
    ]);
    expect(formatReport(report)).toContain("1 unacknowledged breaking change(s)");
  });

  it("reports a new required argument as breaking and a new type as safe", async () => {
    const changed = current
      .replace(/\ntype Query \{\n/, '\ntype Query {\n  """x"""\n  probe(a: Int!): Probe\n')
      .concat('\n"""A probe."""\ntype Probe {\n  """x"""\n  x: Int\n}\n');
    const required = changed.replace("probe(a: Int!): Probe", "probe(a: Int!, b: String!): Probe");
    const report = await diffSchemaSdl(changed, required);
    expect(report.unacknowledged.map((c) => c.type)).toEqual(["FIELD_ARGUMENT_ADDED"]);
    const additions = await diffSchemaSdl(current, changed);
    expect(additions.breaking).toEqual([]);
    expect(additions.safe.map((c) => `${c.type} ${c.path}`)).toEqual(
      expect.arrayContaining(["FIELD_ADDED Query.probe", "TYPE_ADDED Probe"]),
    );
  });

  it("passes an acknowledged breaking change and flags acknowledgements that match nothing", async () => {
    const ack = { type: "FIELD_REMOVED", path: "Customer.externalId", reason: "test" };
    const stale = { type: "TYPE_REMOVED", path: "Nope", reason: "test" };
    const report = await diffSchemaSdl(current, withoutField(current, "Customer", "externalId"), [
      ack,
      stale,
    ]);
    expect(report.breaking).toHaveLength(1);
    expect(report.unacknowledged).toEqual([]);
    expect(report.unused).toEqual([stale]);
  });

  it("the CLI (pnpm schema:diff) exits non-zero on a breaking change and zero without one", () => {
    const dir = mkdtempSync(join(tmpdir(), "trouw-schema-diff-"));
    const broken = join(dir, "broken.graphql");
    writeFileSync(broken, withoutField(current, "Customer", "externalId"));
    const run = (args: string[]) => {
      try {
        const stdout = execFileSync(
          process.execPath,
          ["-r", "@swc-node/register", "src/contract/schema-diff.ts", ...args],
          { cwd: API_ROOT, encoding: "utf8" },
        );
        return { code: 0, stdout };
      } catch (err) {
        const e = err as { status: number; stdout: string };
        return { code: e.status, stdout: e.stdout };
      }
    };
    const failing = run([CURRENT_SCHEMA, broken]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("[FIELD_REMOVED] Customer.externalId");
    expect(run([CURRENT_SCHEMA, CURRENT_SCHEMA]).code).toBe(0);
  }, 30_000);
});
