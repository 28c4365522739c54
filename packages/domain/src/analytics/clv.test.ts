import { describe, expect, it } from "vitest";
import {
  averageClv,
  averageClvOfTotal,
  expectedLifespanYears,
  historicClv,
  predictiveClv,
} from "./clv";

describe("historicClv", () => {
  it("is net revenue to date: net order amounts minus refunds", () => {
    expect(historicClv([{ netMinor: 5000, refundedMinor: 1000 }, { netMinor: 2500 }])).toBe(6500);
    expect(historicClv([{ netMinor: 3000, refundedMinor: 3000 }])).toBe(0);
    expect(historicClv([])).toBe(0);
  });
});

describe("predictiveClv", () => {
  it("is AOV × purchases per year × expected lifespan: €40 × 2.5 × 3 years is €300", () => {
    expect(
      predictiveClv({
        averageOrderValueMinor: 4000,
        purchasesPerYear: 2.5,
        expectedLifespanYears: 3,
      }),
    ).toBe(30_000);
  });

  it("rounds the exact product half up to a whole minor unit", () => {
    expect(
      predictiveClv({
        averageOrderValueMinor: 1001,
        purchasesPerYear: 1.5,
        expectedLifespanYears: 1,
      }),
    ).toBe(1502);
    // 1000 × 1.005 × 1 is 1005 exactly, though 1000 * 1.005 is 1004.999… in floating point.
    expect(
      predictiveClv({
        averageOrderValueMinor: 1000,
        purchasesPerYear: 1.005,
        expectedLifespanYears: 1,
      }),
    ).toBe(1005);
  });

  it("refuses negative or non-finite inputs", () => {
    expect(() =>
      predictiveClv({
        averageOrderValueMinor: 100,
        purchasesPerYear: -1,
        expectedLifespanYears: 1,
      }),
    ).toThrow(RangeError);
    expect(() =>
      predictiveClv({
        averageOrderValueMinor: 100,
        purchasesPerYear: 1,
        expectedLifespanYears: Infinity,
      }),
    ).toThrow(RangeError);
    expect(() =>
      predictiveClv({
        averageOrderValueMinor: 99.5,
        purchasesPerYear: 1,
        expectedLifespanYears: 1,
      }),
    ).toThrow(RangeError);
  });
});

describe("expectedLifespanYears", () => {
  it("is 1 / annual churn: 20% churn a year is 5 years; without churn there is no estimate", () => {
    expect(expectedLifespanYears(20)).toBe(5);
    expect(expectedLifespanYears(100)).toBe(1);
    expect(expectedLifespanYears(0)).toBeNull();
  });
});

describe("averageClv", () => {
  it("is the mean CLV in minor units, rounded half up, or null for no customers", () => {
    expect(averageClv([100, 201])).toBe(151);
    expect(averageClv([6500, 0, 0])).toBe(2167);
    expect(averageClv([])).toBeNull();
  });
});

describe("averageClvOfTotal", () => {
  it("rounds a total over customers as averageClv does", () => {
    expect(averageClvOfTotal(6500, 3)).toBe(averageClv([6500, 0, 0]));
    expect(averageClvOfTotal(301n, 2)).toBe(151);
    expect(averageClvOfTotal(0, 0)).toBeNull();
  });
});
