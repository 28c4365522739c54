import { describe, expect, it } from "vitest";
import { condition, not, rule } from "../ast";
import { compileRule, evaluateRule, explainRule } from "../engine";
import { DAY_MS, type Subject, type SubjectLoyaltyAccount } from "../subject";
import { validateRule } from "../validate";

const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);
const PROGRAM = "00000000-0000-4000-8000-0000000000aa";
const OTHER = "00000000-0000-4000-8000-0000000000bb";

function subject(loyalty?: Partial<SubjectLoyaltyAccount>[]): Subject {
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
    loyalty: loyalty?.map((a) => ({
      programId: PROGRAM,
      status: "enrolled",
      balance: 0,
      tierCode: null,
      earnings: [],
      ...a,
    })),
  };
}

const holds = (r: ReturnType<typeof rule>, s: Subject) => evaluateRule(r, s, { now });

describe("loyalty conditions", () => {
  it("member of a program: enrolled accounts only, not members who left or of another program", () => {
    const r = rule(condition("loyalty_member", { programId: PROGRAM }));
    expect(holds(r, subject([{}]))).toBe(true);
    expect(holds(r, subject([{ status: "left" }]))).toBe(false);
    expect(holds(r, subject([{ programId: OTHER }]))).toBe(false);
    expect(holds(r, subject())).toBe(false);
    expect(holds(rule(not(condition("loyalty_member", { programId: PROGRAM }))), subject())).toBe(
      true,
    );
  });

  it("tier: matches the listed tiers; no tier or no account never matches", () => {
    const r = rule(
      condition("loyalty_tier", { programId: PROGRAM, tierCodes: ["gold", "silver"] }),
    );
    expect(holds(r, subject([{ tierCode: "gold" }]))).toBe(true);
    expect(holds(r, subject([{ tierCode: "bronze" }]))).toBe(false);
    expect(holds(r, subject([{ tierCode: null }]))).toBe(false);
    expect(holds(r, subject())).toBe(false);
  });

  it("balance compares the spendable balance, with the value seen in the explanation", () => {
    const r = rule(
      condition("loyalty_balance", { programId: PROGRAM, compare: { op: "gte", value: 500 } }),
    );
    expect(holds(r, subject([{ balance: 500 }]))).toBe(true);
    expect(holds(r, subject([{ balance: 499 }]))).toBe(false);
    expect(explainRule(r, subject([{ balance: 499 }]), { now }).seen).toBe(499);
  });

  it("points earned sums earnings inside the window, net of reversals, whatever was spent", () => {
    const r = rule(
      condition("loyalty_points_earned", {
        programId: PROGRAM,
        days: 30,
        compare: { op: "gte", value: 100 },
      }),
    );
    const earned = (amounts: [number, number][]) =>
      subject([
        { balance: 0, earnings: amounts.map(([d, amount]) => ({ at: daysAgo(d), amount })) },
      ]);
    expect(holds(r, earned([[10, 100]]))).toBe(true);
    expect(
      holds(
        r,
        earned([
          [29, 60],
          [1, 40],
        ]),
      ),
    ).toBe(true);
    expect(
      holds(
        r,
        earned([
          [31, 500],
          [5, 99],
        ]),
      ),
    ).toBe(false);
    expect(
      holds(
        r,
        earned([
          [5, 150],
          [2, -60],
        ]),
      ),
    ).toBe(false);
  });

  it("validates arguments by path and compiles to bind parameters only", () => {
    const bad = validateRule(
      rule(condition("loyalty_tier", { programId: "not-a-uuid", tierCodes: [] })),
    );
    expect(bad.ok).toBe(false);
    const compiled = compileRule(
      rule(
        condition("loyalty_tier", { programId: PROGRAM, tierCodes: ["gold'; DROP TABLE x;--"] }),
      ),
      { now },
    );
    expect(compiled.sql).not.toContain("DROP");
    expect(compiled.params).toContain(PROGRAM);
  });
});
