import { describe, expect, it } from "vitest";
import { condition, rule } from "../ast";
import { compileRule, evaluateRule, explainRule } from "../engine";
import type { Subject, SubjectEvent } from "../subject";
import { DAY_MS } from "../subject";
import { validateRule } from "../validate";
import { matchingEvents, type EventFilter } from "./events";

const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

function event(type: string, d: number, payload: Record<string, unknown>): SubjectEvent {
  return {
    type,
    occurredAt: daysAgo(d),
    amountMinor: null,
    discountMinor: null,
    category: null,
    payload,
  };
}

function subject(events: SubjectEvent[]): Subject {
  return {
    customer: {
      id: "00000000-0000-4000-8000-000000000001",
      externalId: "c-1",
      email: null,
      name: null,
      phone: null,
      locale: "en",
      birthDate: null,
      signedUpAt: daysAgo(400),
      acquisitionSource: "direct",
      marketingConsent: false,
      tags: [],
      attributes: {},
      personalityColour: null,
      referredByCustomerId: null,
    },
    events,
  };
}

const complaints = (value: number) =>
  rule(
    condition("event_aggregate", {
      filter: { types: ["support_contact"], payload: { key: "kind", equals: "complaint" } },
      window: { kind: "last_days", days: 90 },
      aggregate: "count",
      compare: { op: "gte", value },
    }),
  );

describe("filtering events on a payload field", () => {
  const history = [
    event("support_contact", 3, { kind: "complaint", subject: "Broken zip" }),
    event("support_contact", 10, { kind: "presales_question" }),
    event("support_contact", 20, { kind: "complaint" }),
    event("support_contact", 200, { kind: "complaint" }),
    event("subscription", 5, { change: "lifetime", plan: "lifetime" }),
  ];

  it("counts only the events whose payload field equals the string, within the window", () => {
    expect(evaluateRule(complaints(2), subject(history), { now })).toBe(true);
    expect(evaluateRule(complaints(3), subject(history), { now })).toBe(false);
  });

  it("combines with the other filters: a payload match does not widen the types", () => {
    const f: EventFilter = { types: ["order"], payload: { key: "kind", equals: "complaint" } };
    expect(matchingEvents(history, f, { kind: "all" }, now)).toEqual([]);
  });

  it("never matches numbers, booleans, nested values, missing keys or inherited properties", () => {
    const odd = [
      event("page_view", 1, { pageType: 5 }),
      event("page_view", 1, { pageType: true }),
      event("page_view", 1, { pageType: ["5"] }),
      event("page_view", 1, { pageType: null }),
      event("page_view", 1, {}),
    ];
    const filter = (key: string, equals: string): EventFilter => ({
      types: ["page_view"],
      payload: { key, equals },
    });
    for (const equals of ["5", "true", '["5"]', "null"])
      expect(matchingEvents(odd, filter("pageType", equals), { kind: "all" }, now)).toEqual([]);
    expect(matchingEvents(odd, filter("toString", "function"), { kind: "all" }, now)).toEqual([]);
  });

  it("matches exactly, case-sensitively", () => {
    const f: EventFilter = {
      types: ["subscription"],
      payload: { key: "change", equals: "Lifetime" },
    };
    expect(matchingEvents(history, f, { kind: "all" }, now)).toEqual([]);
  });

  it("explains itself", () => {
    const explained = explainRule(complaints(1), subject(history), { now });
    expect(explained.description).toContain('with kind "complaint"');
    expect(explained.seen).toBe(2);
  });

  it("refuses keys that are not plain identifiers, and empty, overlong or NUL values", () => {
    const withPayload = (payload: unknown) =>
      validateRule({
        version: 1,
        root: {
          type: "condition",
          kind: "event_aggregate",
          args: {
            filter: { types: ["support_contact"], payload },
            window: { kind: "all" },
            aggregate: "count",
            compare: { op: "gte", value: 1 },
          },
        },
      });
    expect(withPayload({ key: "kind", equals: "complaint" }).ok).toBe(true);
    expect(withPayload({ key: "pageType_2", equals: "x" }).ok).toBe(true);
    for (const key of ["", "1kind", "__proto__", "kind'--", "a.b", "a-b", "a".repeat(65)])
      expect(withPayload({ key, equals: "x" }), key).toMatchObject({
        ok: false,
        problems: [{ path: "root.args.filter.payload.key" }],
      });
    for (const equals of ["", "a\u0000b", "x".repeat(201)])
      expect(withPayload({ key: "kind", equals }), JSON.stringify(equals)).toMatchObject({
        ok: false,
        problems: [{ path: "root.args.filter.payload.equals" }],
      });
    expect(withPayload({ key: "kind" })).toMatchObject({ ok: false });
  });
});

describe("compiling a payload filter", () => {
  it("binds the key and the value as parameters and checks the JSON type", () => {
    const evilKey = "kind";
    const evilValue = "x'; DROP TABLE events; --";
    const compiled = compileRule(
      rule(
        condition("days_since_event", {
          which: "last",
          filter: { types: ["support_contact"], payload: { key: evilKey, equals: evilValue } },
          compare: { op: "lte", value: 30 },
        }),
      ),
      { now },
    );
    expect(compiled.sql).not.toContain("DROP");
    expect(compiled.sql).not.toContain("'kind'");
    expect(compiled.params).toEqual(expect.arrayContaining([evilKey, evilValue]));
    const key = `$${compiled.params.indexOf(evilKey) + 1}::text`;
    const value = `$${compiled.params.indexOf(evilValue) + 1}::text`;
    expect(compiled.sql).toContain(
      `(jsonb_typeof(e.payload -> ${key}) = 'string' AND e.payload ->> ${key} = ${value})`,
    );
  });

  it("leaves the SQL of filters without a payload match unchanged", () => {
    const compiled = compileRule(
      rule(
        condition("event_aggregate", {
          filter: { types: ["order"] },
          window: { kind: "all" },
          aggregate: "count",
          compare: { op: "gte", value: 1 },
        }),
      ),
      { now },
    );
    expect(compiled.sql).not.toContain("jsonb_typeof");
  });
});
