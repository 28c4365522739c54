import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./calendar";
import { type CampaignForEarning, earnForOrder } from "./earning";
import { lotsDueForExpiry, inactivityExpiresAt } from "./expiry";
import { projectBalances } from "./ledger";
import { applyLedgerOp, createLedgerMachine, type LedgerMachine } from "./ledger-machine";
import type { Expiry, RefundPolicy } from "./program";
import { refundReversal } from "./refunds";
import { pointsProgram } from "./test-support/configs";

/**
 * Random sequences of earn / pending / unlock / refund / redeem / expire / adjust, applied
 * through the reference machine. After every step the ledger must project to the running
 * balances computed here from the rules alone, never overdraw, and keep its lots in step
 * with the balance.
 */

const START = new Date("2026-01-01T00:00:00Z");
const CAMPAIGN: CampaignForEarning = {
  id: "double",
  name: "Double points",
  multiplier: 2,
  bonusPoints: 0,
  stacking: "stackable",
  capPerCustomer: 150,
};

const setup = fc.record({
  policy: fc.constantFrom<RefundPolicy>("clamp", "allow_negative"),
  expiry: fc.oneof(
    fc.constant<Expiry>({ kind: "none" }),
    fc.integer({ min: 1, max: 6 }).map((months): Expiry => ({ kind: "fixed", months })),
    fc.integer({ min: 1, max: 4 }).map((months): Expiry => ({ kind: "inactivity", months })),
  ),
  pendingDays: fc.constantFrom(0, 0, 14, 30),
  rounding: fc.constantFrom("floor", "round", "ceil"),
});

const days = fc.integer({ min: 0, max: 25 });
const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("order" as const),
      days,
      campaign: fc.boolean(),
      lines: fc.array(
        fc.record({
          amountMinor: fc.integer({ min: 0, max: 30_000 }),
          discountMinor: fc.integer({ min: 0, max: 2_000 }),
          category: fc.constantFrom(null, "shoes", "bags"),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("unlock" as const), days }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("refund" as const),
      days,
      pick: fc.nat(),
      part: fc.nat(),
      full: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("burn" as const),
      days,
      amount: fc.integer({ min: 1, max: 400 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("expire" as const), days }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("adjust" as const),
      days,
      amount: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
      reason: fc.constantFrom("Goodwill", "Correction", ""),
    }),
  },
);

interface TrackedOrder {
  netMinor: number;
  earned: number;
  refundedMinor: number;
  reversed: number;
}

const lotsSum = (m: LedgerMachine) => m.lots.reduce((s, l) => s + l.remaining, 0);

describe("ledger invariants (property)", () => {
  it("keep balances equal to the ledger sum, never overdraw, and keep FIFO lots in step", () => {
    fc.assert(
      fc.property(setup, fc.array(step, { maxLength: 60 }), (s, steps) => {
        const program = pointsProgram({
          categoryMultipliers: { shoes: 2, bags: 1.5 },
          rounding: s.rounding,
          pendingDays: s.pendingDays,
          expiry: s.expiry,
        });
        let m = createLedgerMachine({ expiry: s.expiry, policy: s.policy });
        let now = START;
        const running = { balance: 0, pending: 0 };
        const orders = new Map<string, TrackedOrder>();
        const campaignEarned: Record<string, number> = {};

        steps.forEach((st, i) => {
          now = addDays(now, st.days);
          const before = m;
          switch (st.op) {
            case "order": {
              const lines = st.lines.map((l) => ({
                ...l,
                discountMinor: Math.min(l.discountMinor, l.amountMinor),
              }));
              const netMinor = lines.reduce((sum, l) => sum + l.amountMinor - l.discountMinor, 0);
              const outcome = earnForOrder(
                program,
                { netMinor, currency: "EUR", occurredAt: now, lines },
                {
                  now,
                  tierCode: null,
                  campaigns: st.campaign ? [CAMPAIGN] : [],
                  campaignEarned,
                  periodCreditedMinor: 0,
                  punches: 0,
                  cumulativeSpendMinor: 0,
                  reachedThresholds: [],
                },
              );
              const r = applyLedgerOp(m, {
                op: "order",
                at: now,
                orderId: `o${i}`,
                netMinor,
                intents: outcome.intents,
              });
              expect(r.refused).toBeNull();
              m = r.machine;
              let earned = 0;
              for (const intent of outcome.intents) {
                running.balance += intent.amount;
                running.pending += intent.pendingDelta;
                earned += intent.amount + intent.pendingDelta;
                if (intent.campaignId)
                  campaignEarned[intent.campaignId] =
                    (campaignEarned[intent.campaignId] ?? 0) + intent.pendingDelta + intent.amount;
              }
              orders.set(`o${i}`, { netMinor, earned, refundedMinor: 0, reversed: 0 });
              break;
            }
            case "unlock": {
              const due = before.pendingLots.filter((p) => p.unlockAt.getTime() <= now.getTime());
              const amount = due.reduce((sum, p) => sum + p.amount, 0);
              m = applyLedgerOp(m, { op: "unlock", now }).machine;
              running.balance += amount;
              running.pending -= amount;
              break;
            }
            case "refund": {
              const open = [...orders].filter(([, o]) => o.refundedMinor < o.netMinor);
              if (open.length === 0) return;
              const [orderId, o] = open[st.pick % open.length]!;
              const left = o.netMinor - o.refundedMinor;
              const refundMinor = st.full ? left : 1 + (st.part % left);
              const expected = refundReversal({
                earnedForOrder: o.earned,
                orderNetMinor: o.netMinor,
                refundedBeforeMinor: o.refundedMinor,
                refundMinor,
                reversedBefore: o.reversed,
                pendingLeft: before.pendingLots
                  .filter((p) => p.orderId === orderId)
                  .reduce((sum, p) => sum + p.amount, 0),
                balance: before.balance,
                policy: s.policy,
              });
              const r = applyLedgerOp(m, { op: "refund", at: now, orderId, refundMinor });
              expect(r.refused).toBeNull();
              expect(r.shortfall).toBe(expected.shortfall);
              m = r.machine;
              running.balance -= expected.fromBalance;
              running.pending -= expected.fromPending;
              o.refundedMinor += refundMinor;
              o.reversed += expected.fromPending + expected.fromBalance + expected.shortfall;
              // Drift-free: the total due back never exceeds what was earned, and a full refund
              // takes back exactly that (counting clamped shortfall).
              expect(o.reversed).toBeLessThanOrEqual(o.earned);
              if (o.refundedMinor === o.netMinor) expect(o.reversed).toBe(o.earned);
              break;
            }
            case "burn": {
              const r = applyLedgerOp(m, {
                op: "burn",
                at: now,
                amount: st.amount,
                reason: "Reward",
              });
              // A redemption goes through only when the balance covers it, whatever the policy.
              expect(r.refused === null).toBe(before.balance >= st.amount);
              if (r.refused === null) running.balance -= st.amount;
              m = r.machine;
              break;
            }
            case "expire": {
              const lapse =
                before.lastActivityAt && inactivityExpiresAt(s.expiry, before.lastActivityAt);
              const expected =
                lapse && lapse.getTime() <= now.getTime()
                  ? Math.max(0, before.balance)
                  : lotsDueForExpiry(before.lots, now).reduce((sum, d) => sum + d.amount, 0);
              m = applyLedgerOp(m, { op: "expire", now }).machine;
              running.balance -= expected;
              for (const lot of m.lots)
                if (lot.expiresAt && lot.expiresAt.getTime() <= now.getTime())
                  expect(lot.remaining).toBe(0);
              break;
            }
            case "adjust": {
              const r = applyLedgerOp(m, {
                op: "adjust",
                at: now,
                amount: st.amount,
                reason: st.reason,
              });
              const allowed =
                st.reason !== "" &&
                (st.amount > 0 || s.policy === "allow_negative" || before.balance >= -st.amount);
              expect(r.refused === null).toBe(allowed);
              if (allowed) running.balance += st.amount;
              m = r.machine;
              break;
            }
          }

          // The projection equals the running balances and the machine's own counters.
          expect(projectBalances(m.entries)).toEqual(running);
          expect({ balance: m.balance, pending: m.pending }).toEqual(running);
          // Pending points are exactly the pending lots, never negative.
          expect(m.pending).toBe(m.pendingLots.reduce((sum, p) => sum + p.amount, 0));
          expect(m.pendingLots.every((p) => p.amount > 0)).toBe(true);
          // Lots never go negative; what they hold minus any debt is the balance.
          expect(m.lots.every((l) => l.remaining >= 0)).toBe(true);
          expect(lotsSum(m) - m.debt).toBe(m.balance);
          if (m.debt > 0) expect(lotsSum(m)).toBe(0);
          if (s.policy === "clamp") {
            expect(m.balance).toBeGreaterThanOrEqual(0);
            expect(m.debt).toBe(0);
            // The FIFO invariant: with clamp the lots hold exactly the balance.
            expect(lotsSum(m)).toBe(m.balance);
          }
          // Every entry is an integer delta with a reason.
          const last = m.entries.at(-1);
          if (last) {
            expect(
              Number.isSafeInteger(last.amount) && Number.isSafeInteger(last.pendingDelta),
            ).toBe(true);
            expect(last.reason.trim()).not.toBe("");
          }
        });
      }),
      { seed: 20_260_310, numRuns: 400 },
    );
  });
});
