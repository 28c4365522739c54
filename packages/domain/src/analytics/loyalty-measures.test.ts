import { describe, expect, it } from "vitest";
import { pointsLiability, redemptionRate } from "./loyalty-measures";

describe("pointsLiability", () => {
  it("is outstanding points × value per point, in minor units", () => {
    expect(pointsLiability({ outstandingPoints: 25_000, valuePerPointMinor: 1 })).toBe(25_000);
    expect(pointsLiability({ outstandingPoints: 0, valuePerPointMinor: 5 })).toBe(0);
  });

  it("takes fractional values per point and rounds half up: 12,345 points at half a cent is 6,173", () => {
    expect(pointsLiability({ outstandingPoints: 12_345, valuePerPointMinor: 0.5 })).toBe(6173);
    expect(pointsLiability({ outstandingPoints: 100, valuePerPointMinor: 1.005 })).toBe(101);
  });

  it("refuses fractional or negative points and negative values", () => {
    expect(() => pointsLiability({ outstandingPoints: 1.5, valuePerPointMinor: 1 })).toThrow(
      RangeError,
    );
    expect(() => pointsLiability({ outstandingPoints: -1, valuePerPointMinor: 1 })).toThrow(
      RangeError,
    );
    expect(() => pointsLiability({ outstandingPoints: 1, valuePerPointMinor: -1 })).toThrow(
      RangeError,
    );
  });
});

describe("redemptionRate", () => {
  it("is points burned / points earned: 2,500 of 10,000 is 25%", () => {
    expect(redemptionRate({ earned: 10_000, burned: 2_500 })).toBe(25);
    expect(redemptionRate({ earned: 3, burned: 1 })).toBe(33.3);
  });

  it("can exceed 100% when earlier points are burned, and is null when nothing was earned", () => {
    expect(redemptionRate({ earned: 100, burned: 150 })).toBe(150);
    expect(redemptionRate({ earned: 0, burned: 50 })).toBeNull();
  });
});
