import { describe, expect, it } from "vitest";
import type { LedgerIntent } from "./ledger";
import {
  applyLedgerOp,
  createLedgerMachine,
  type LedgerMachine,
  type LedgerOp,
} from "./ledger-machine";
import type { Expiry, RefundPolicy } from "./program";
import { at } from "./test-support/configs";

const earn = (amount: number, expiresAt: Date | null = null): LedgerIntent => ({
  kind: "earn",
  amount,
  pendingDelta: 0,
  reason: "Order",
  expiresAt,
});
const pending = (amount: number, unlockAt: Date): LedgerIntent => ({
  kind: "pending",
  amount: 0,
  pendingDelta: amount,
  reason: "Order",
  unlockAt,
});

/** Applies operations in turn; throws on a refusal unless the last op is expected to be refused. */
function run(ops: LedgerOp[], args: { expiry?: Expiry; policy?: RefundPolicy } = {}) {
  let m: LedgerMachine = createLedgerMachine({
    expiry: args.expiry ?? { kind: "none" },
    policy: args.policy ?? "clamp",
  });
  let refused: string | null = null;
  for (const op of ops) {
    const r = applyLedgerOp(m, op);
    m = r.machine;
    refused = r.refused;
  }
  return { m, refused, remaining: m.lots.map((l) => l.remaining) };
}

const order = (id: string, day: string, netMinor: number, intents: LedgerIntent[]): LedgerOp => ({
  op: "order",
  at: at(`2026-${day}T00:00:00Z`),
  orderId: id,
  netMinor,
  intents,
});

describe("reference ledger machine", () => {
  it("opens a lot per credit and burns the soonest-expiring points first", () => {
    const { m, remaining } = run([
      order("o1", "01-01", 10_000, [earn(100, at("2027-01-01T00:00:00Z"))]),
      order("o2", "02-01", 5_000, [earn(50, at("2026-06-01T00:00:00Z"))]),
      { op: "burn", at: at("2026-03-01T00:00:00Z"), amount: 70, reason: "Reward" },
    ]);
    expect(m.balance).toBe(80);
    expect(remaining).toEqual([80, 0]);
    expect(m.entries.map((e) => [e.kind, e.amount])).toEqual([
      ["earn", 100],
      ["earn", 50],
      ["burn", -70],
    ]);
  });

  it("refuses a burn the balance does not cover and leaves the machine unchanged", () => {
    const before = run([order("o1", "01-01", 1_000, [earn(10)])]).m;
    const r = applyLedgerOp(before, {
      op: "burn",
      at: at("2026-01-02T00:00:00Z"),
      amount: 11,
      reason: "Reward",
    });
    expect(r.refused).toBe("INSUFFICIENT_BALANCE");
    expect(r.machine).toBe(before);
  });

  it("refuses replaying an order", () => {
    expect(
      run([order("o1", "01-01", 1_000, [earn(10)]), order("o1", "01-01", 1_000, [earn(10)])]),
    ).toMatchObject({
      refused: "ALREADY_RECORDED",
      m: { balance: 10 },
    });
  });

  it("unlocks pending points once the return window passed", () => {
    const ops: LedgerOp[] = [
      order("o1", "01-01", 4_200, [pending(42, at("2026-01-15T00:00:00Z"))]),
    ];
    expect(run([...ops, { op: "unlock", now: at("2026-01-14T23:59:59Z") }]).m).toMatchObject({
      balance: 0,
      pending: 42,
    });
    const { m } = run([...ops, { op: "unlock", now: at("2026-01-15T00:00:00Z") }], {
      expiry: { kind: "fixed", months: 6 },
    });
    expect(m).toMatchObject({ balance: 42, pending: 0, pendingLots: [] });
    expect(m.lots).toEqual([
      {
        id: expect.any(String),
        earnedAt: at("2026-01-15T00:00:00Z"),
        expiresAt: at("2026-07-15T00:00:00Z"),
        remaining: 42,
      },
    ]);
  });

  it("reverses a refund from the order's pending points first, then its own lot", () => {
    const { m } = run([
      order("old", "01-01", 10_000, [earn(100)]),
      order("o1", "02-01", 10_000, [earn(60), pending(40, at("2026-03-01T00:00:00Z"))]),
      { op: "refund", at: at("2026-02-10T00:00:00Z"), orderId: "o1", refundMinor: 7_500 },
    ]);
    // 75% of 100 = 75: 40 from pending, 35 from the balance, taken from o1's own lot
    expect(m).toMatchObject({ balance: 125, pending: 0 });
    expect(m.lots.map((l) => l.remaining)).toEqual([100, 25]);
    expect(m.entries.at(-1)).toMatchObject({ kind: "reverse", amount: -35, pendingDelta: -40 });
  });

  it("clamps a refund reversal at zero under clamp and records the shortfall", () => {
    const r = run([
      order("o1", "01-01", 10_000, [earn(100)]),
      { op: "burn", at: at("2026-01-02T00:00:00Z"), amount: 80, reason: "Reward" },
      { op: "refund", at: at("2026-01-03T00:00:00Z"), orderId: "o1", refundMinor: 10_000 },
    ]);
    expect(r.m).toMatchObject({ balance: 0, debt: 0, orders: { o1: { reversed: 100 } } });
    expect(r.m.entries.at(-1)?.reason).toContain("80 could not be taken back");
  });

  it("lets the balance go negative under allow_negative and repays the debt from the next credit", () => {
    const { m } = run(
      [
        order("o1", "01-01", 10_000, [earn(100)]),
        { op: "burn", at: at("2026-01-02T00:00:00Z"), amount: 80, reason: "Reward" },
        { op: "refund", at: at("2026-01-03T00:00:00Z"), orderId: "o1", refundMinor: 10_000 },
        order("o2", "01-04", 5_000, [earn(50)]),
      ],
      { policy: "allow_negative" },
    );
    expect(m).toMatchObject({ balance: -30, debt: 30 });
    expect(m.lots.map((l) => l.remaining)).toEqual([0]);
  });

  it("expires fixed-expiry lots once their date has come", () => {
    const { m } = run(
      [
        order("o1", "01-01", 10_000, [earn(100, at("2026-04-01T00:00:00Z"))]),
        order("o2", "02-01", 10_000, [earn(30, at("2026-05-01T00:00:00Z"))]),
        { op: "expire", now: at("2026-04-01T00:00:00Z") },
      ],
      { expiry: { kind: "fixed", months: 3 } },
    );
    expect(m.balance).toBe(30);
    expect(m.entries.at(-1)).toMatchObject({ kind: "expire", amount: -100 });
  });

  it("expires the whole balance after the months of inactivity", () => {
    const ops: LedgerOp[] = [
      order("o1", "01-31", 10_000, [earn(100)]),
      { op: "adjust", at: at("2026-05-01T00:00:00Z"), amount: 20, reason: "Goodwill" }, // not customer activity
    ];
    const expiry: Expiry = { kind: "inactivity", months: 6 };
    expect(
      run([...ops, { op: "expire", now: at("2026-07-30T23:59:59Z") }], { expiry }).m.balance,
    ).toBe(120);
    expect(
      run([...ops, { op: "expire", now: at("2026-07-31T00:00:00Z") }], { expiry }).m.balance,
    ).toBe(0);
  });

  it("requires a reason for an adjustment and, under clamp, enough balance to take points away", () => {
    const ops: LedgerOp[] = [order("o1", "01-01", 1_000, [earn(10)])];
    expect(
      run([...ops, { op: "adjust", at: at("2026-01-02T00:00:00Z"), amount: 5, reason: "  " }])
        .refused,
    ).toBe("REASON_REQUIRED");
    expect(
      run([...ops, { op: "adjust", at: at("2026-01-02T00:00:00Z"), amount: -11, reason: "Fix" }])
        .refused,
    ).toBe("INSUFFICIENT_BALANCE");
    expect(
      run([...ops, { op: "adjust", at: at("2026-01-02T00:00:00Z"), amount: -11, reason: "Fix" }], {
        policy: "allow_negative",
      }).m.balance,
    ).toBe(-1);
  });

  it("applies a completed punch card's burn with the punch", () => {
    const burn: LedgerIntent = {
      kind: "burn",
      amount: -3,
      pendingDelta: 0,
      reason: "card completed",
    };
    const { m } = run([
      order("o1", "01-01", 500, [earn(1)]),
      order("o2", "01-02", 500, [earn(1)]),
      order("o3", "01-03", 500, [earn(1), burn]),
    ]);
    expect(m.balance).toBe(0);
  });
});
