import { describe, expect, it } from "vitest";
import { churnRate, customersLost, retentionRate } from "./retention";

describe("retentionRate (DOMAIN.md section 8)", () => {
  it("reproduces the worked example: 1000 at the start, 200 acquired, 1100 at the end is 90%", () => {
    expect(retentionRate({ atStart: 1000, acquired: 200, atEnd: 1100 })).toBe(90);
  });

  it("is 100% when nobody left and 0% when everyone at the start left", () => {
    expect(retentionRate({ atStart: 50, acquired: 10, atEnd: 60 })).toBe(100);
    expect(retentionRate({ atStart: 50, acquired: 10, atEnd: 10 })).toBe(0);
  });

  it("rounds to one decimal: 2 of 3 kept is 66.7", () => {
    expect(retentionRate({ atStart: 3, acquired: 0, atEnd: 2 })).toBe(66.7);
  });

  it("is null for a period that started without customers", () => {
    expect(retentionRate({ atStart: 0, acquired: 25, atEnd: 25 })).toBeNull();
  });

  it("refuses counts that cannot describe a period", () => {
    expect(() => retentionRate({ atStart: -1, acquired: 0, atEnd: 0 })).toThrow(RangeError);
    expect(() => retentionRate({ atStart: 10, acquired: 5, atEnd: 4 })).toThrow(RangeError);
    expect(() => retentionRate({ atStart: 10, acquired: 0, atEnd: 11 })).toThrow(RangeError);
    expect(() => retentionRate({ atStart: 10.5, acquired: 0, atEnd: 10 })).toThrow(RangeError);
  });
});

describe("churnRate", () => {
  it("is lost / at start: 100 of 1000 is 10%", () => {
    expect(churnRate({ atStart: 1000, lost: 100 })).toBe(10);
  });

  it("is null without customers at the start and refuses losing more than there were", () => {
    expect(churnRate({ atStart: 0, lost: 0 })).toBeNull();
    expect(() => churnRate({ atStart: 5, lost: 6 })).toThrow(RangeError);
  });
});

describe("customersLost", () => {
  it("derives lost = at start + acquired - at end: 100 in the worked example", () => {
    const counts = { atStart: 1000, acquired: 200, atEnd: 1100 };
    expect(customersLost(counts)).toBe(100);
    expect(churnRate({ atStart: 1000, lost: customersLost(counts) })).toBe(10);
  });
});
