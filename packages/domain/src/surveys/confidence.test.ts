import { describe, expect, it } from "vitest";
import { cesConfidence, confidenceLevel, csatConfidence, npsConfidence } from "./confidence";
import { npsScore } from "./scores";

describe("confidenceLevel", () => {
  it("is insufficient below 30 answers, low below 100 and ok from 100", () => {
    expect([0, 1, 29, 30, 99, 100, 5000].map(confidenceLevel)).toEqual([
      "insufficient",
      "insufficient",
      "insufficient",
      "low",
      "low",
      "ok",
      "ok",
    ]);
  });
});

describe("npsConfidence", () => {
  it("gives the 95% margin from the NPS variance: 50/30/20 of 100 is ±15.3 points", () => {
    // P = .5, D = .2: variance = .7 - .3² = .61; 1.96 × √(.61 / 100) × 100 = 15.308...
    expect(npsConfidence({ promoters: 50, passives: 30, detractors: 20 })).toEqual({
      level: "ok",
      n: 100,
      marginOfError: 15.3,
      minimumSample: 30,
      recommendedSample: 100,
      note: "100 responses: enough for a reliable score.",
    });
  });

  it("takes an NPS result directly; the margin shrinks with the square root of n", () => {
    const scores = [...Array(200).fill(10), ...Array(120).fill(8), ...Array(80).fill(0)];
    // Same shares as above, four times the answers: half the margin.
    expect(npsConfidence(npsScore(scores)).marginOfError).toBe(7.7);
  });

  it("has no margin without answers and calls fewer than 30 insufficient", () => {
    const none = npsConfidence({ promoters: 0, passives: 0, detractors: 0 });
    expect(none).toMatchObject({ level: "insufficient", n: 0, marginOfError: null });
    expect(none.note).toBe("Only 0 responses: at least 30 are needed before the score means much.");
    const one = npsConfidence({ promoters: 1, passives: 0, detractors: 0 });
    expect(one).toMatchObject({ level: "insufficient", n: 1, marginOfError: 0 });
    expect(one.note).toBe("Only 1 response: at least 30 are needed before the score means much.");
  });

  it("has zero margin when every answer is in one category, but the level still follows n", () => {
    expect(npsConfidence({ promoters: 30, passives: 0, detractors: 0 })).toMatchObject({
      level: "low",
      marginOfError: 0,
    });
  });

  it("is widest for an even split of promoters and detractors: ±98 points at n = 4", () => {
    // variance = 1 - 0 = 1; 1.96 × √(1 / 4) × 100 = 98.
    expect(npsConfidence({ promoters: 2, passives: 0, detractors: 2 }).marginOfError).toBe(98);
  });
});

describe("csatConfidence", () => {
  it("uses the margin of a proportion: 80 of 100 satisfied is ±7.8 points", () => {
    // 1.96 × √(.8 × .2 / 100) × 100 = 7.84
    expect(csatConfidence({ satisfied: 80, total: 100 })).toMatchObject({
      level: "ok",
      marginOfError: 7.8,
    });
  });
});

describe("cesConfidence", () => {
  it("uses the margin of a mean with the sample standard deviation", () => {
    // 1..7: mean 4, s² = 28 / 6; 1.96 × √(28 / 6 / 7) = 1.6003
    expect(cesConfidence([1, 2, 3, 4, 5, 6, 7])).toMatchObject({
      level: "insufficient",
      n: 7,
      marginOfError: 1.6,
    });
    expect(cesConfidence([])).toMatchObject({ n: 0, marginOfError: null });
  });
});
