import { describe, expect, it } from "vitest";
import { applyConsumption, consumeFifo, type Lot, projectBalances } from "./ledger";
import { at } from "./test-support/configs";

const lot = (id: string, earnedAt: string, expiresAt: string | null, remaining: number): Lot => ({
  id,
  earnedAt: at(earnedAt),
  expiresAt: expiresAt === null ? null : at(expiresAt),
  remaining,
});

describe("projectBalances", () => {
  it("sums the balance and pending deltas of every entry", () => {
    expect(
      projectBalances([
        { amount: 100, pendingDelta: 0 }, // earn
        { amount: 0, pendingDelta: 40 }, // pending
        { amount: 40, pendingDelta: -40 }, // unlock
        { amount: -30, pendingDelta: 0 }, // burn
        { amount: -10, pendingDelta: 0 }, // reverse
      ]),
    ).toEqual({ balance: 100, pending: 0 });
    expect(projectBalances([])).toEqual({ balance: 0, pending: 0 });
  });
});

describe("consumeFifo", () => {
  const lots = [
    lot("never", "2025-01-01", null, 50),
    lot("late", "2025-06-01", "2026-06-01", 30),
    lot("soon", "2025-09-01", "2026-03-01", 20),
    lot("soon-older", "2025-08-01", "2026-03-01", 10),
  ];

  it("consumes the soonest-expiring lots first, oldest earned first on the same expiry, never-expiring last", () => {
    expect(consumeFifo(lots, 65)).toEqual({
      consumed: [
        { lotId: "soon-older", amount: 10 },
        { lotId: "soon", amount: 20 },
        { lotId: "late", amount: 30 },
        { lotId: "never", amount: 5 },
      ],
      shortfall: 0,
    });
  });

  it("reports what the lots cannot cover as shortfall", () => {
    expect(consumeFifo(lots, 130).shortfall).toBe(20);
    expect(consumeFifo([], 7)).toEqual({ consumed: [], shortfall: 7 });
  });

  it("skips empty lots and consumes nothing for 0", () => {
    expect(consumeFifo([lot("empty", "2025-01-01", "2025-02-01", 0), ...lots], 5).consumed).toEqual(
      [{ lotId: "soon-older", amount: 5 }],
    );
    expect(consumeFifo(lots, 0)).toEqual({ consumed: [], shortfall: 0 });
  });

  it("never mutates its input", () => {
    const copy = lots.map((l) => ({ ...l }));
    const { consumed } = consumeFifo(lots, 65);
    expect(lots).toEqual(copy);
    expect(applyConsumption(lots, consumed).map((l) => l.remaining)).toEqual([45, 0, 0, 0]);
    expect(lots).toEqual(copy);
  });
});
