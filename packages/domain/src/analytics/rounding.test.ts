import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divideHalfUp, multiplyHalfUp, percentOf, roundedRatio } from "./rounding";

describe("percentOf", () => {
  it("is part / whole × 100 to one decimal, half away from zero", () => {
    expect(percentOf(900, 1000)).toBe(90);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 16)).toBe(6.3);
    expect(percentOf(-1, 16)).toBe(-6.3);
    expect(percentOf(0, 5)).toBe(0);
  });

  it("is null for a whole of 0", () => {
    expect(percentOf(0, 0)).toBeNull();
  });

  it("rounds exactly where floating point would not: 1 of 8 is 12.5, 5 of 16 is 31.3", () => {
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(5, 16)).toBe(31.3);
    expect(percentOf(7, 16)).toBe(43.8);
  });

  it("is never more than 0.05 from the exact percentage", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (p, w) => {
          expect(Math.abs(percentOf(p, w)! - (100 * p) / w)).toBeLessThanOrEqual(0.05 + 1e-9);
        },
      ),
    );
  });
});

describe("roundedRatio", () => {
  it("rounds to the given decimals, half away from zero", () => {
    expect(roundedRatio(5, 3, 2)).toBe(1.67);
    expect(roundedRatio(3, 2, 0)).toBe(2);
    expect(roundedRatio(-3, 2, 0)).toBe(-2);
    expect(() => roundedRatio(1, 0)).toThrow(RangeError);
    expect(() => roundedRatio(0.5, 1)).toThrow(RangeError);
  });
});

describe("divideHalfUp", () => {
  it("rounds a mean of minor units half up to a whole unit", () => {
    expect(divideHalfUp(3001n, 2)).toBe(1501);
    expect(divideHalfUp(3001n, 3)).toBe(1000);
    expect(divideHalfUp(2n, 3)).toBe(1);
  });
});

describe("multiplyHalfUp", () => {
  it("multiplies by decimals as written: 1000 × 1.005 is 1005 (floating point says 1004.999…)", () => {
    expect(1000 * 1.005).toBeLessThan(1005);
    expect(multiplyHalfUp(1000, 1.005)).toBe(1005);
    expect(multiplyHalfUp(100, 1.005)).toBe(101);
    expect(multiplyHalfUp(7, 1e-7)).toBe(0);
    expect(multiplyHalfUp(3, 2, 1.5)).toBe(9);
  });
});
