import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  averageOrderValue,
  averageOrderValueOfTotal,
  repeatPurchaseRate,
  repeatPurchaseRateOfCounts,
} from "./orders";

describe("repeatPurchaseRate", () => {
  it("is the share of buyers with 2 or more orders, ignoring customers who never ordered", () => {
    expect(repeatPurchaseRate([0, 1, 2, 5, 1])).toEqual({
      rate: 50,
      repeatCustomers: 2,
      customers: 4,
    });
    expect(repeatPurchaseRate([1, 1, 1])).toEqual({ rate: 0, repeatCustomers: 0, customers: 3 });
    expect(repeatPurchaseRate([2, 3, 1])).toEqual({ rate: 66.7, repeatCustomers: 2, customers: 3 });
  });

  it("has no rate without buyers", () => {
    expect(repeatPurchaseRate([])).toEqual({ rate: null, repeatCustomers: 0, customers: 0 });
    expect(repeatPurchaseRate([0, 0])).toEqual({ rate: null, repeatCustomers: 0, customers: 0 });
  });

  it("refuses counts that are not whole numbers", () => {
    expect(() => repeatPurchaseRate([1.5])).toThrow(RangeError);
    expect(() => repeatPurchaseRate([-1])).toThrow(RangeError);
  });
});

describe("averageOrderValue", () => {
  it("is the mean net order value in minor units, rounded half up", () => {
    expect(averageOrderValue([{ netMinor: 1000 }, { netMinor: 2001 }])).toBe(1501);
    expect(averageOrderValue([{ netMinor: 1000 }, { netMinor: 1000 }, { netMinor: 1001 }])).toBe(
      1000,
    );
    expect(averageOrderValue([{ netMinor: 4999 }])).toBe(4999);
  });

  it("ignores refunds unless asked to subtract them; a refunded order still counts as an order", () => {
    const orders = [{ netMinor: 2000, refundedMinor: 2000 }, { netMinor: 1000 }];
    expect(averageOrderValue(orders)).toBe(1500);
    expect(averageOrderValue(orders, { subtractRefunds: true })).toBe(500);
  });

  it("is null without orders and refuses amounts that are not minor units", () => {
    expect(averageOrderValue([])).toBeNull();
    expect(() => averageOrderValue([{ netMinor: 10.5 }])).toThrow(RangeError);
    expect(() => averageOrderValue([{ netMinor: 100, refundedMinor: 101 }])).toThrow(RangeError);
  });
});

describe("from totals (what SQL sums)", () => {
  it("gives the same AOV as the order list, to the minor unit", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 40 }), (nets) => {
        const total = nets.reduce((a, b) => a + b, 0);
        expect(averageOrderValueOfTotal(total, nets.length)).toBe(
          averageOrderValue(nets.map((netMinor) => ({ netMinor }))),
        );
      }),
    );
    expect(averageOrderValueOfTotal(10n ** 16n + 1n, 2)).toBe(5_000_000_000_000_001);
  });

  it("gives the same repeat purchase rate as per-customer counts", () => {
    expect(repeatPurchaseRateOfCounts({ customers: 3, repeatCustomers: 2 })).toEqual(
      repeatPurchaseRate([2, 3, 1]),
    );
    expect(repeatPurchaseRateOfCounts({ customers: 0, repeatCustomers: 0 }).rate).toBeNull();
    expect(() => repeatPurchaseRateOfCounts({ customers: 1, repeatCustomers: 2 })).toThrow(
      RangeError,
    );
  });

  it("refuses negative or fractional totals", () => {
    expect(() => averageOrderValueOfTotal(-1, 1)).toThrow(RangeError);
    expect(() => averageOrderValueOfTotal(1.5, 1)).toThrow(RangeError);
    expect(() => averageOrderValueOfTotal(1, -1)).toThrow(RangeError);
  });
});
