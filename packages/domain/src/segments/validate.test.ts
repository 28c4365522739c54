import { describe, expect, it } from "vitest";
import { and, condition, rule } from "./ast";
import { validateRule } from "./validate";

const problems = (input: unknown) => {
  const v = validateRule(input);
  return v.ok ? [] : v.problems;
};

/**
 * Rules that validated but could not run in SQL (found by the differential test in
 * apps/api/src/modules/segments): validation must refuse what the compiler cannot bind.
 */
describe("validation refuses values PostgreSQL cannot bind", () => {
  it("refuses dates outside the years 0001-9999, which JS parses but timestamptz refuses", () => {
    const before = (date: string) =>
      condition("date_field", { field: "signedUpAt", match: { op: "before", date } });
    const window = (from: string) =>
      condition("event_aggregate", {
        filter: { types: ["order"] },
        window: { kind: "absolute", from },
        aggregate: "count",
        compare: { op: "gte", value: 1 },
      });
    for (const date of ["+010000-01-01", "0000-01-01", "-000001-01-01T00:00:00Z"]) {
      expect(problems(rule(and(before(date), window(date))))).toEqual([
        {
          path: "root.children[0].args.match.date",
          message: expect.stringContaining("0001 to 9999"),
        },
        {
          path: "root.children[1].args.window.from",
          message: expect.stringContaining("0001 to 9999"),
        },
      ]);
    }
    for (const date of ["0001-01-01", "9999-12-31T23:59:59.999Z", "2026-06-15T12:00:00+02:00"])
      expect(problems(rule(and(before(date), window(date))))).toEqual([]);
  });

  it("refuses NUL characters in text values, which PostgreSQL text cannot hold", () => {
    const nul = "a\u0000b";
    const r = rule(
      and(
        condition("text_field", { field: "name", match: { op: "eq", value: nul } }),
        condition("text_field", { field: "name", match: { op: "in", values: ["x", nul] } }),
        condition("custom_attribute", {
          key: "club",
          valueType: "text",
          match: { op: "contains", value: nul },
        }),
        condition("tags", { op: "contains_any", tags: [nul] }),
        condition("event_aggregate", {
          filter: { types: ["order"], category: nul, productId: nul },
          window: { kind: "all" },
          aggregate: "count",
          compare: { op: "gte", value: 1 },
        }),
      ),
    );
    expect(problems(r).map((p) => p.path)).toEqual([
      "root.children[0].args.match.value",
      "root.children[1].args.match.values[1]",
      "root.children[2].args.match.value",
      "root.children[3].args.tags[0]",
      "root.children[4].args.filter.category",
      "root.children[4].args.filter.productId",
    ]);
    expect(problems(r)[0]?.message).toBe("must not contain NUL characters");
  });
});
