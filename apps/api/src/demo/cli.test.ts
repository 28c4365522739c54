import { PassThrough } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import type { QueryRunner } from "typeorm";
import { describe, expect, it } from "vitest";
import { Foundation1763900000000 } from "../db/migrations/1763900000000-Foundation";
import { parseDemoArgs, runDemoCli } from "./cli";

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe("demo CLI", () => {
  it("parses options with defaults and rejects bad ones", () => {
    expect(parseDemoArgs(["--customers", "5", "--now", "2026-01-01T00:00:00Z"])).toEqual({
      customers: 5,
      seed: 1,
      batchSize: 1000,
      now: new Date("2026-01-01T00:00:00Z"),
    });
    expect(() => parseDemoArgs([])).toThrow(/--customers is required/);
    expect(() => parseDemoArgs(["--customers", "1.5"])).toThrow(/integer/);
    expect(() => parseDemoArgs(["--customers", "5", "--now", "yesterday"])).toThrow(/ISO-8601/);
    expect(() => parseDemoArgs(["--customers", "5", "--bogus"])).toThrow();
  });

  it("writes the requested customers and reports what it wrote", async () => {
    const db = new PGlite();
    try {
      await new Foundation1763900000000().up({
        query: (sql: string) => db.exec(sql),
      } as unknown as QueryRunner);
      const out = capture();
      const err = capture();
      const result = await runDemoCli(
        ["--customers", "30", "--seed", "3", "--batch-size", "7"],
        { kind: "pglite", db },
        { stdout: out.stream, stderr: err.stream },
      );
      expect(result.customers).toBe(30);
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM customers");
      expect(rows[0]!.n).toBe(30);
      expect(out.text()).toMatch(
        /^Wrote 30 customers, \d+ events and \d+ support contacts in .* \(seed 3, now .*\)\.\n$/,
      );
    } finally {
      await db.close();
    }
  });
});
