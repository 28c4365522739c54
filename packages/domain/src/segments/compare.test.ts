import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { condition, rule } from "./ast";
import { compareRatio, type NumberComparison } from "./compare";
import { evaluateRule } from "./engine";
import type { Subject, SubjectEvent } from "./subject";
import { DAY_MS } from "./subject";

const now = new Date("2026-06-15T12:00:00Z");

function order(daysAgo: number, amountMinor: number): SubjectEvent {
  return {
    type: "order",
    occurredAt: new Date(now.getTime() - daysAgo * DAY_MS),
    amountMinor,
    discountMinor: 0,
    category: "shoes",
    payload: { categories: ["shoes"] },
  };
}

const subject = (events: SubjectEvent[]): Subject => ({
  customer: {
    id: "00000000-0000-4000-8000-000000000001",
    externalId: "c-1",
    email: null,
    name: null,
    phone: null,
    locale: "en",
    birthDate: null,
    signedUpAt: new Date("2025-01-01T00:00:00Z"),
    acquisitionSource: "direct",
    marketingConsent: false,
    tags: [],
    attributes: {},
    personalityColour: null,
    referredByCustomerId: null,
  },
  events,
});

describe("ratio comparisons (averages, shares)", () => {
  it("are exact: 15 orders totalling 123 average exactly 8.2, as in SQL", () => {
    // Found by the differential test: 8.2 * 15 is 122.99999999999999 in floating point.
    const s = subject([...Array.from({ length: 14 }, (_, i) => order(i, 8)), order(20, 11)]);
    const avg = (op: string) =>
      rule(
        condition("event_aggregate", {
          filter: { types: ["order"] },
          window: { kind: "all" },
          aggregate: "avg",
          compare: { op, value: 8.2 },
        }),
      );
    const holds = Object.fromEntries(
      ["eq", "neq", "gt", "gte", "lt", "lte"].map((op) => [op, evaluateRule(avg(op), s, { now })]),
    );
    expect(holds).toEqual({ eq: true, neq: false, gt: false, gte: true, lt: false, lte: true });
  });

  it("agree with exact integer arithmetic for decimal values", () => {
    // value = k/100; the reference compares num*scale*100 with k*den in integers. num sits
    // on (or next to) the boundary k*den / (100*scale), where floating point goes wrong.
    const op = fc.constantFrom("eq", "neq", "gt", "gte", "lt", "lte") as fc.Arbitrary<
      Exclude<NumberComparison["op"], "between">
    >;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.constantFrom(1, 100),
        fc.constantFrom(-1, 0, 0, 0, 1),
        op,
        (den, k, k2, scale, delta, o) => {
          const num = Math.floor((k * den) / (100 * scale)) + delta;
          const ref = (kk: number) => num * scale * 100 - kk * den;
          const r = ref(k);
          const expected =
            den === 0
              ? false
              : { eq: r === 0, neq: r !== 0, gt: r > 0, gte: r >= 0, lt: r < 0, lte: r <= 0 }[o];
          expect(compareRatio(num, den, { op: o, value: k / 100 }, scale)).toBe(expected);
          const [lo, hi] = k <= k2 ? [k, k2] : [k2, k];
          const between: NumberComparison = { op: "between", min: lo / 100, max: hi / 100 };
          expect(compareRatio(num, den, between, scale)).toBe(
            den !== 0 && ref(lo) >= 0 && ref(hi) <= 0,
          );
        },
      ),
      { seed: 424242, numRuns: 20_000 },
    );
  });

  it("handle values in exponent form", () => {
    expect(compareRatio(1, 1, { op: "lt", value: 1e21 })).toBe(true);
    expect(compareRatio(10 ** 15, 10 ** 6, { op: "eq", value: 1e9 })).toBe(true);
    expect(compareRatio(1, 10 ** 7, { op: "eq", value: 1e-7 })).toBe(true);
    expect(compareRatio(3, 2, { op: "between", min: 1.5, max: 1.5 })).toBe(true);
  });
});
