import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clvBucketsExact, clvStep, niceWidth } from "./analytics.service";

/** analytics_clv_bucket of the migration: the value rounded down to three significant digits. */
const rounded = (v: number) => v - (v % clvStep(v));
const bucketOf = (v: number, width: number, buckets: number) =>
  Math.min(Math.floor(v / width), buckets - 1);

describe("CLV histogram from rounded values", () => {
  it("rounds like the migration's analytics_clv_bucket", () => {
    expect([0, 999, 1000, 1234, 12_345, 987_654_321].map(rounded)).toEqual([
      0, 999, 1000, 1230, 12_300, 987_000_000,
    ]);
  });

  it("puts every rounded value in the bucket of its exact value whenever it says so", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 100_000 }),
          fc
            .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 5 }))
            .map(([d, k]) => d * 10 ** k),
        ),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 2_000_000_000 }), { maxLength: 50 }),
        (width, buckets, values) => {
          fc.pre(clvBucketsExact(width, buckets));
          const edges = Array.from({ length: buckets }, (_, b) => b * width);
          for (const v of [...values, ...edges, ...edges.map((e) => e - 1).filter((e) => e >= 0)])
            expect(bucketOf(rounded(v), width, buckets)).toBe(bucketOf(v, width, buckets));
        },
      ),
    );
  });

  it("is exact for every width it picks itself, and not for widths that cut rounding steps", () => {
    for (let buckets = 1; buckets <= 50; buckets++)
      for (const upper of [0, 7, 999, 1000, 4321, 98_765, 1_234_567, 10 ** 9])
        expect(clvBucketsExact(niceWidth(upper, buckets), buckets)).toBe(true);
    // The last bucket starts at 11,106, where values round to hundreds: 1,234 cuts them.
    expect(clvBucketsExact(1234, 10)).toBe(false);
  });
});
