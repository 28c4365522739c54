import { describe, expect, it } from "vitest";
import { and, condition, not, or, rule } from "./ast";
import { compileRule, evaluateRule, explainRule } from "./engine";
import type { Subject, SubjectEvent } from "./subject";
import { DAY_MS } from "./subject";
import { validateRule } from "./validate";

const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

function order(d: number, amount: number, discount = 0, categories = ["shoes"]): SubjectEvent {
  return {
    type: "order",
    occurredAt: daysAgo(d),
    amountMinor: amount,
    discountMinor: discount,
    category: categories[0] ?? null,
    payload: {
      categories,
      lines: categories.map((c, i) => ({ productId: `${c}-${i}`, category: c })),
    },
  };
}

function subject(over: Partial<Subject["customer"]> = {}, events: SubjectEvent[] = []): Subject {
  return {
    customer: {
      id: "00000000-0000-4000-8000-000000000001",
      externalId: "c-1",
      email: "Anna@Example.com",
      name: "Anna",
      phone: null,
      locale: "nl",
      birthDate: "1990-06-20",
      signedUpAt: daysAgo(400),
      acquisitionSource: "referral",
      marketingConsent: true,
      tags: ["vip"],
      attributes: { shoeSize: 39, club: "gold" },
      personalityColour: "green",
      referredByCustomerId: null,
      ...over,
    },
    events,
  };
}

const ctx = { now };
const ordersInLast = (days: number, op: string, value: number) =>
  condition("event_aggregate", {
    filter: { types: ["order"] },
    window: { kind: "last_days", days },
    aggregate: "count",
    compare: { op, value },
  });

describe("evaluating rules", () => {
  it("counts orders in a window", () => {
    const s = subject({}, [order(5, 1000), order(20, 2000), order(100, 500)]);
    expect(evaluateRule(rule(ordersInLast(30, "gte", 2)), s, ctx)).toBe(true);
    expect(evaluateRule(rule(ordersInLast(10, "gte", 2)), s, ctx)).toBe(false);
  });

  it("treats missing data as false, so NOT of a comparison on no data holds", () => {
    const lastOrderOver180 = condition("days_since_event", {
      which: "last",
      filter: { types: ["order"] },
      compare: { op: "gt", value: 180 },
    });
    expect(evaluateRule(rule(lastOrderOver180), subject(), ctx)).toBe(false);
    expect(evaluateRule(rule(not(lastOrderOver180)), subject(), ctx)).toBe(true);
  });

  it("compares averages and shares exactly, without dividing", () => {
    const s = subject({}, [order(1, 1000, 100), order(2, 2000, 0), order(3, 3000, 300)]);
    const avg = (value: number) =>
      condition("event_aggregate", {
        filter: { types: ["order"] },
        window: { kind: "all" },
        aggregate: "avg",
        compare: { op: "eq", value },
      });
    expect(evaluateRule(rule(avg(2000)), s, ctx)).toBe(true);
    const share = (op: string, value: number) =>
      condition("event_aggregate", {
        filter: { types: ["order"] },
        window: { kind: "all" },
        aggregate: "share_discounted",
        compare: { op, value },
      });
    expect(evaluateRule(rule(share("gte", 66)), s, ctx)).toBe(true);
    expect(evaluateRule(rule(share("gte", 67)), s, ctx)).toBe(false);
  });

  it("counts distinct categories across order lines", () => {
    const s = subject({}, [
      order(1, 1000, 0, ["shoes", "bags"]),
      order(2, 1000, 0, ["socks", "shoes"]),
    ]);
    const c = condition("event_aggregate", {
      filter: { types: ["order"] },
      window: { kind: "all" },
      aggregate: "distinct_categories",
      compare: { op: "eq", value: 3 },
    });
    expect(evaluateRule(rule(c), s, ctx)).toBe(true);
  });

  it("matches text case-insensitively, enums, tags, custom attributes and anniversaries", () => {
    const s = subject();
    const r = rule(
      and(
        condition("text_field", {
          field: "email",
          match: { op: "contains", value: "example.COM" },
        }),
        condition("enum_field", {
          field: "personalityColour",
          op: "in",
          values: ["green", "blue"],
        }),
        condition("tags", { op: "contains_any", tags: ["VIP"] }),
        condition("custom_attribute", {
          key: "shoeSize",
          valueType: "number",
          match: { op: "between", min: 38, max: 40 },
        }),
        condition("date_field", {
          field: "birthDate",
          match: { op: "anniversary_within_days", days: 7 },
        }),
        or(
          condition("marketing_consent", { value: false }),
          condition("date_field", {
            field: "signedUpAt",
            match: { op: "more_than_days_ago", days: 365 },
          }),
        ),
      ),
    );
    expect(evaluateRule(r, s, ctx)).toBe(true);
    const explained = explainRule(r, s, ctx);
    expect(explained.holds).toBe(true);
    expect(explained.children?.[3]).toMatchObject({
      kind: "custom_attribute",
      holds: true,
      seen: 39,
    });
  });

  it("celebrates a Feb 29 anniversary on Mar 1 in other years", () => {
    const s = subject({ birthDate: "2000-02-29" });
    const within = (days: number) =>
      rule(
        condition("date_field", {
          field: "birthDate",
          match: { op: "anniversary_within_days", days },
        }),
      );
    const feb27 = { now: new Date("2027-02-27T08:00:00Z") };
    expect(evaluateRule(within(1), s, feb27)).toBe(false);
    expect(evaluateRule(within(2), s, feb27)).toBe(true);
  });
});

describe("validating rules", () => {
  it("reports every problem with its JSON path", () => {
    const result = validateRule({
      version: 1,
      root: {
        type: "and",
        children: [
          { type: "condition", kind: "nope", args: {} },
          {
            type: "condition",
            kind: "event_aggregate",
            args: {
              filter: { types: [] },
              window: { kind: "last_days", days: -1 },
              aggregate: "count",
              compare: { op: "gte", value: "3" },
            },
          },
          { type: "xor" },
          {
            type: "not",
            child: {
              type: "condition",
              kind: "enum_field",
              args: { field: "personalityColour", op: "eq", values: ["purple"] },
            },
          },
        ],
      },
    });
    expect(result.ok).toBe(false);
    const paths = (result as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "root.children[0].kind",
        "root.children[1].args.filter.types",
        "root.children[1].args.window.days",
        "root.children[1].args.compare.value",
        "root.children[2].type",
        "root.children[3].child.args.values[0]",
      ]),
    );
  });

  it("refuses self references and cycles through other segments", () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const b = "00000000-0000-4000-8000-00000000000b";
    const refersTo = (id: string) => rule(condition("segment_member", { segmentId: id }));
    const saved: Record<string, ReturnType<typeof rule>> = { [b]: refersTo(a) };
    const opts = { selfId: a, segmentRule: (id: string) => saved[id] ?? null };
    expect(validateRule(refersTo(a), opts)).toMatchObject({
      ok: false,
      problems: [{ message: "a segment cannot contain itself" }],
    });
    expect(validateRule(refersTo(b), opts)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining("cycle") }],
    });
    expect(validateRule(refersTo("00000000-0000-4000-8000-0000000000cc"), opts)).toMatchObject({
      ok: false,
      problems: [{ message: "is not a saved segment" }],
    });
  });

  it("limits depth", () => {
    let node: unknown = ordersInLast(1, "gte", 1);
    for (let i = 0; i < 25; i++) node = { type: "not", child: node };
    expect(validateRule({ version: 1, root: node }).ok).toBe(false);
  });
});

describe("compiling rules", () => {
  it("puts every value in a bind parameter and none in the SQL text", () => {
    const evil = "x'; DROP TABLE customers; --";
    const compiled = compileRule(
      rule(
        and(
          condition("text_field", { field: "name", match: { op: "eq", value: evil } }),
          condition("custom_attribute", {
            key: "club",
            valueType: "text",
            match: { op: "contains", value: evil },
          }),
        ),
      ),
      { now, paramOffset: 2 },
    );
    expect(compiled.sql).not.toContain("DROP");
    expect(compiled.sql).toContain("$3::text");
    expect(compiled.params).toContain(evil);
  });
});
