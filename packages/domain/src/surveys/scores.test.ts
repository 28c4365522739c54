import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cesScore, csatScore, npsCategory, npsFromCounts, npsScore } from "./scores";

const repeat = (value: number, n: number) => Array.from({ length: n }, () => value);

describe("npsCategory", () => {
  it("calls 9-10 promoters, 7-8 passives and 0-6 detractors", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
    ]);
  });

  it("refuses anything that is not a whole number from 0 to 10", () => {
    for (const bad of [-1, 11, 6.5, Number.NaN]) expect(() => npsCategory(bad)).toThrow(RangeError);
  });
});

describe("npsScore", () => {
  it("is % promoters minus % detractors: 5 promoters, 3 passives, 2 detractors of 10 is 30", () => {
    expect(npsScore([10, 9, 9, 10, 9, 8, 7, 7, 6, 0])).toEqual({
      score: 30,
      promoters: 5,
      passives: 3,
      detractors: 2,
      total: 10,
    });
  });

  it("has no score without responses", () => {
    expect(npsScore([])).toEqual({
      score: null,
      promoters: 0,
      passives: 0,
      detractors: 0,
      total: 0,
    });
  });

  it("is 0 when everyone is passive, 100 for all promoters and -100 for all detractors", () => {
    expect(npsScore([7, 8, 8]).score).toBe(0);
    expect(npsScore([9, 10, 10, 9]).score).toBe(100);
    expect(npsScore([0, 3, 6]).score).toBe(-100);
  });

  it("scores a single response as 100, 0 or -100", () => {
    expect(npsScore([9]).score).toBe(100);
    expect(npsScore([7]).score).toBe(0);
    expect(npsScore([6]).score).toBe(-100);
  });

  it("rounds to one decimal, half away from zero, symmetric around 0", () => {
    expect(npsScore([10, 8, 8]).score).toBe(33.3);
    expect(npsScore([10, 10, 8]).score).toBe(66.7);
    expect(npsScore([0, 8, 8]).score).toBe(-33.3);
    // 1 of 16 is 6.25%: rounds to 6.3, and -6.25 to -6.3.
    expect(npsScore([9, ...repeat(8, 15)]).score).toBe(6.3);
    expect(npsScore([0, ...repeat(8, 15)]).score).toBe(-6.3);
  });

  it("gives the same result from category counts", () => {
    expect(npsFromCounts({ promoters: 5, passives: 3, detractors: 2 })).toEqual(
      npsScore([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]),
    );
  });

  it("stays within -100..100 and equals % promoters - % detractors to the rounding", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 500 }),
        (scores) => {
          const r = npsScore(scores);
          const n = scores.length;
          const promoters = scores.filter((s) => s >= 9).length;
          const detractors = scores.filter((s) => s <= 6).length;
          expect(r.promoters).toBe(promoters);
          expect(r.detractors).toBe(detractors);
          expect(r.promoters + r.passives + r.detractors).toBe(n);
          expect(r.score).not.toBeNull();
          expect(r.score!).toBeGreaterThanOrEqual(-100);
          expect(r.score!).toBeLessThanOrEqual(100);
          expect(
            Math.abs(r.score! - ((100 * promoters) / n - (100 * detractors) / n)),
          ).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.round(r.score! * 10)).toBe(r.score! * 10);
        },
      ),
    );
  });
});

describe("csatScore", () => {
  it("is the % of answers of 4 or 5", () => {
    expect(csatScore([5, 4, 3, 2, 1])).toEqual({ score: 40, satisfied: 2, total: 5 });
    expect(csatScore([4, 4, 5])).toEqual({ score: 100, satisfied: 3, total: 3 });
    expect(csatScore([3])).toEqual({ score: 0, satisfied: 0, total: 1 });
    expect(csatScore([5, 3, 3]).score).toBe(33.3);
  });

  it("has no score without responses and refuses answers off 1-5", () => {
    expect(csatScore([])).toEqual({ score: null, satisfied: 0, total: 0 });
    expect(() => csatScore([0])).toThrow(RangeError);
    expect(() => csatScore([6])).toThrow(RangeError);
  });
});

describe("cesScore", () => {
  it("is the mean effort score, to two decimals", () => {
    expect(cesScore([7, 6, 5])).toEqual({ score: 6, total: 3 });
    expect(cesScore([1, 2]).score).toBe(1.5);
    expect(cesScore([1, 1, 2]).score).toBe(1.33);
    expect(cesScore([2, 2, 1]).score).toBe(1.67);
    expect(cesScore([4]).score).toBe(4);
  });

  it("has no score without responses and refuses answers off 1-7", () => {
    expect(cesScore([])).toEqual({ score: null, total: 0 });
    expect(() => cesScore([8])).toThrow(RangeError);
  });
});
