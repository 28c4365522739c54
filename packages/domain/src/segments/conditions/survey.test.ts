import { describe, expect, it } from "vitest";
import { condition, not, or, rule } from "../ast";
import { compileRule, evaluateRule, explainRule } from "../engine";
import { DAY_MS, type Subject, type SubjectSurveys } from "../subject";
import { validateRule } from "../validate";
import { SEGMENT_FROM, SEGMENT_FROM_FACTS } from "../facts";

const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

function subject(surveys?: Partial<SubjectSurveys>): Subject {
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
    events: [],
    ...(surveys
      ? {
          surveys: {
            latestNps: null,
            latestNpsAt: null,
            latestCsat: null,
            latestCsatAt: null,
            ...surveys,
          },
        }
      : {}),
  };
}

const nps = (score: number, d = 1) => subject({ latestNps: score, latestNpsAt: daysAgo(d) });
const csat = (score: number, d = 1) => subject({ latestCsat: score, latestCsatAt: daysAgo(d) });
const holds = (r: ReturnType<typeof rule>, s: Subject) => evaluateRule(r, s, { now });

describe("survey_nps_category", () => {
  const detractors = rule(condition("survey_nps_category", { categories: ["detractor"] }));
  const happy = rule(condition("survey_nps_category", { categories: ["promoter", "passive"] }));

  it("puts 0-6 in detractors, 7-8 in passives and 9-10 in promoters", () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => holds(detractors, nps(s)))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([6, 7, 8, 9, 10].map((s) => holds(happy, nps(s)))).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
  });

  it("never matches a customer without an NPS answer, so NOT matches them", () => {
    expect(holds(detractors, subject())).toBe(false);
    expect(holds(detractors, csat(1))).toBe(false);
    expect(holds(rule(not(detractors.root)), subject())).toBe(true);
  });

  it("counts only answers within the last N days when asked, the boundary included", () => {
    const recent = rule(
      condition("survey_nps_category", { categories: ["detractor"], withinDays: 30 }),
    );
    expect(holds(recent, nps(3, 30))).toBe(true);
    expect(
      holds(recent, subject({ latestNps: 3, latestNpsAt: new Date(daysAgo(30).getTime() - 1) })),
    ).toBe(false);
  });

  it("explains what it saw", () => {
    const why = explainRule(detractors, nps(4), { now });
    expect(why).toMatchObject({
      holds: true,
      seen: "detractor (4)",
      description: "latest NPS answer is detractor",
    });
  });

  it("refuses no category, an unknown one or one listed twice", () => {
    for (const categories of [[], ["fan"], ["promoter", "promoter"]]) {
      const v = validateRule(rule(condition("survey_nps_category", { categories })));
      expect(v.ok).toBe(false);
    }
  });

  it("compiles to the customer's facts row with bind parameters only", () => {
    const r = rule(condition("survey_nps_category", { categories: ["promoter"], withinDays: 7 }));
    const viaFacts = compileRule(r, { now, facts: true });
    expect(viaFacts.sql).toContain("f.latest_nps BETWEEN");
    expect(viaFacts.sql).not.toContain("EXISTS");
    // Only customers with facts can have an answer: the query is driven by the facts.
    expect(viaFacts.from).toBe(SEGMENT_FROM_FACTS);
    const lookup = compileRule(r, { now });
    expect(lookup.sql).toContain("EXISTS (SELECT 1 FROM customer_facts sf");
    for (const compiled of [viaFacts, lookup]) {
      expect(compiled.sql).not.toMatch(/\b(9|10|7)\b/);
      expect(compiled.params).toEqual([9, 10, daysAgo(7)]);
    }
  });

  it("lets a rule that ORs a survey condition with an event condition be driven by the facts", () => {
    const r = rule(
      or(
        condition("survey_nps_category", { categories: ["detractor"] }),
        condition("event_aggregate", {
          filter: { types: ["support_contact"] },
          window: { kind: "last_days", days: 30 },
          aggregate: "count",
          compare: { op: "gte", value: 1 },
        }),
      ),
    );
    expect(compileRule(r, { now, facts: true }).from).toBe(SEGMENT_FROM_FACTS);
    // NOT of a survey condition holds without facts: every customer must be considered.
    expect(compileRule(rule(not(r.root)), { now, facts: true }).from).toBe(SEGMENT_FROM);
  });
});

describe("survey_csat", () => {
  const unhappy = rule(condition("survey_csat", { compare: { op: "lte", value: 2 } }));

  it("compares the latest CSAT answer", () => {
    expect([1, 2, 3, 5].map((s) => holds(unhappy, csat(s)))).toEqual([true, true, false, false]);
    const between = rule(condition("survey_csat", { compare: { op: "between", min: 4, max: 5 } }));
    expect(holds(between, csat(4))).toBe(true);
  });

  it("never matches without a CSAT answer, whatever the comparison", () => {
    const neq = rule(condition("survey_csat", { compare: { op: "neq", value: 3 } }));
    expect(holds(neq, subject())).toBe(false);
    expect(holds(neq, nps(10))).toBe(false);
  });

  it("honours withinDays", () => {
    const recent = rule(
      condition("survey_csat", { compare: { op: "gte", value: 4 }, withinDays: 0 }),
    );
    expect(holds(recent, csat(5, 0))).toBe(true);
    expect(holds(recent, csat(5, 1))).toBe(false);
  });
});
