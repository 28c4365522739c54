import { describe, expect, it } from "vitest";
import { refundReversal, type RefundReversalArgs } from "./refunds";

/** An order of €100.00 that earned 100 points, all spendable, none refunded yet. */
const args = (over: Partial<RefundReversalArgs> = {}): RefundReversalArgs => ({
  earnedForOrder: 100,
  orderNetMinor: 10_000,
  refundedBeforeMinor: 0,
  refundMinor: 10_000,
  reversedBefore: 0,
  pendingLeft: 0,
  balance: 1_000,
  policy: "clamp",
  ...over,
});
const taken = (r: { fromPending: number; fromBalance: number; shortfall: number }) =>
  r.fromPending + r.fromBalance + r.shortfall;

describe("refundReversal", () => {
  it("reverses exactly what was earned on a full refund", () => {
    expect(refundReversal(args())).toMatchObject({
      fromPending: 0,
      fromBalance: 100,
      shortfall: 0,
    });
  });

  it("reverses proportionally on a partial refund, rounding down", () => {
    // 100 × 3333 / 10000 = 33.33 → 33
    expect(refundReversal(args({ refundMinor: 3_333 }))).toMatchObject({ fromBalance: 33 });
  });

  it("does not drift over several partial refunds: the last one completes the total exactly", () => {
    const earned = 7;
    const refunds = [3_333, 3_333, 3_334];
    let refundedBefore = 0;
    let reversed = 0;
    const steps: number[] = [];
    for (const refundMinor of refunds) {
      const r = refundReversal(
        args({
          earnedForOrder: earned,
          refundMinor,
          refundedBeforeMinor: refundedBefore,
          reversedBefore: reversed,
        }),
      );
      steps.push(r.fromBalance);
      refundedBefore += refundMinor;
      reversed += taken(r);
    }
    // floor(7 × .3333) = 2, floor(7 × .6666) = 4, then 7: per-refund rounding would give 2 + 2 + 2 = 6.
    expect(steps).toEqual([2, 2, 3]);
    expect(reversed).toBe(earned);
  });

  it("takes points still pending for the order first, then the balance", () => {
    expect(refundReversal(args({ pendingLeft: 60 }))).toMatchObject({
      fromPending: 60,
      fromBalance: 40,
    });
    expect(refundReversal(args({ pendingLeft: 500, refundMinor: 5_000 }))).toMatchObject({
      fromPending: 50,
      fromBalance: 0,
    });
  });

  it("with clamp never takes the balance below zero and reports the shortfall", () => {
    const r = refundReversal(args({ balance: 30, pendingLeft: 20 }));
    expect(r).toMatchObject({ fromPending: 20, fromBalance: 30, shortfall: 50 });
    expect(r.explanation).toContain("50 could not be taken back");
    expect(refundReversal(args({ balance: -5 }))).toMatchObject({ fromBalance: 0, shortfall: 100 });
  });

  it("with allow_negative takes it all and says the balance goes negative", () => {
    const r = refundReversal(args({ balance: 30, policy: "allow_negative" }));
    expect(r).toMatchObject({ fromPending: 0, fromBalance: 100, shortfall: 0 });
    expect(r.explanation).toContain("goes negative (-70)");
  });

  it("forgives an earlier clamped shortfall instead of collecting it from later earnings", () => {
    const first = refundReversal(args({ refundMinor: 5_000, balance: 0 }));
    expect(first).toMatchObject({ fromBalance: 0, shortfall: 50 });
    const second = refundReversal(
      args({
        refundedBeforeMinor: 5_000,
        refundMinor: 5_000,
        reversedBefore: taken(first),
        balance: 500,
      }),
    );
    expect(second).toMatchObject({ fromBalance: 50, shortfall: 0 });
  });

  it("reverses nothing more once everything due was taken", () => {
    const r = refundReversal(args({ earnedForOrder: 1, refundMinor: 100 }));
    expect(taken(r)).toBe(0);
    expect(r.explanation).toContain("nothing more to reverse");
  });

  it("stays exact beyond 2^53 intermediate products", () => {
    const r = refundReversal(
      args({
        earnedForOrder: 9_000_000_000,
        orderNetMinor: 9_000_000_001,
        refundMinor: 3_000_000_000,
        balance: 1e13,
      }),
    );
    expect(r.fromBalance).toBe(2_999_999_999); // floor(9e9 × 3e9 / (9e9 + 1))
  });
});
