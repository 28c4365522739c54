import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cesConfidence, cesConfidenceFromCounts, csatConfidence } from "./confidence";
import { cesFromCounts, cesScore, csatFromCounts, csatScore, scoreCounts } from "./scores";

/* Scores from the counts SQL aggregates give must equal the scores of the answers themselves. */

describe("csatFromCounts", () => {
  it("gives csatScore's result from satisfied and total counts", () => {
    expect(csatFromCounts({ satisfied: 2, total: 5 })).toEqual(csatScore([5, 4, 3, 2, 1]));
    expect(csatFromCounts({ satisfied: 0, total: 0 })).toEqual({
      score: null,
      satisfied: 0,
      total: 0,
    });
  });

  it("refuses counts that cannot be", () => {
    expect(() => csatFromCounts({ satisfied: 3, total: 2 })).toThrow(RangeError);
    expect(() => csatFromCounts({ satisfied: -1, total: 2 })).toThrow(RangeError);
    expect(() => csatFromCounts({ satisfied: 0.5, total: 2 })).toThrow(RangeError);
  });

  it("agrees with csatScore on any answers", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 300 }), (scores) => {
        const satisfied = scores.filter((s) => s >= 4).length;
        const fromCounts = csatFromCounts({ satisfied, total: scores.length });
        expect(fromCounts).toEqual(csatScore(scores));
        expect(csatConfidence(fromCounts)).toEqual(
          csatConfidence({ satisfied, total: scores.length }),
        );
      }),
    );
  });
});

describe("cesFromCounts and cesConfidenceFromCounts", () => {
  it("score 1..7 once each as a mean of 4 with a margin of ±1.6", () => {
    const counts = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 };
    expect(cesFromCounts(counts)).toEqual({ score: 4, total: 7 });
    expect(cesConfidenceFromCounts(counts)).toMatchObject({ n: 7, marginOfError: 1.6 });
  });

  it("have no score and no margin without answers", () => {
    expect(cesFromCounts({})).toEqual({ score: null, total: 0 });
    expect(cesFromCounts({ 3: 0 })).toEqual({ score: null, total: 0 });
    expect(cesConfidenceFromCounts({})).toMatchObject({ n: 0, marginOfError: null });
  });

  it("refuse values off the 1-7 scale and counts that are not whole numbers", () => {
    expect(() => cesFromCounts({ 0: 1 })).toThrow(RangeError);
    expect(() => cesFromCounts({ 8: 1 })).toThrow(RangeError);
    expect(() => cesFromCounts({ 3: -1 })).toThrow(RangeError);
    expect(() => cesConfidenceFromCounts({ 3: 1.5 })).toThrow(RangeError);
  });

  it("agree with cesScore and cesConfidence on any answers", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 300 }), (scores) => {
        const counts = scoreCounts(scores);
        expect(cesFromCounts(counts)).toEqual(cesScore(scores));
        expect(cesConfidenceFromCounts(counts)).toEqual(cesConfidence(scores));
      }),
    );
  });
});
