import type { LedgerKind } from "./program";

/**
 * The ledger model. Entries are append-only; each carries two signed deltas, one for the
 * spendable balance and one for points still pending, so a balance is always a sum:
 *
 *   earn    amount +n                      (spendable at once)
 *   pending amount 0,  pendingDelta +n     (waits for the return window)
 *   unlock  amount +n, pendingDelta -n     (the window passed)
 *   burn    amount -n                      (redemption, completed punch card)
 *   expire  amount -n
 *   adjust  amount ±n                      (manual, always with a reason)
 *   reverse amount -b, pendingDelta -p     (refund: p from pending first, then b from balance)
 */
export interface LedgerIntent {
  kind: LedgerKind;
  amount: number;
  pendingDelta: number;
  reason: string;
  unlockAt?: Date | null;
  expiresAt?: Date | null;
  campaignId?: string | null;
}

export interface Balances {
  balance: number;
  pending: number;
}

/** The projection the stored balances must always equal. */
export function projectBalances(
  entries: readonly { amount: number; pendingDelta: number }[],
): Balances {
  let balance = 0;
  let pending = 0;
  for (const e of entries) {
    balance += e.amount;
    pending += e.pendingDelta;
  }
  return { balance, pending };
}

/** An earn lot: what is left of one credit, for FIFO consumption and fixed expiry. */
export interface Lot {
  id: string;
  earnedAt: Date;
  expiresAt: Date | null;
  remaining: number;
}

/** Soonest expiry first (lots that never expire last), then oldest earned, then id. */
export function compareLots(a: Lot, b: Lot): number {
  const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ea !== eb) return ea < eb ? -1 : 1;
  const d = a.earnedAt.getTime() - b.earnedAt.getTime();
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Takes `amount` from the lots that expire soonest, so a burn never lets points expire
 * that could have been spent. Never mutates `lots`; `shortfall` is what the lots could not
 * cover.
 */
export function consumeFifo(
  lots: readonly Lot[],
  amount: number,
): { consumed: { lotId: string; amount: number }[]; shortfall: number } {
  const consumed: { lotId: string; amount: number }[] = [];
  let left = Math.max(0, amount);
  for (const lot of [...lots].sort(compareLots)) {
    if (left === 0) break;
    if (lot.remaining <= 0) continue;
    const take = Math.min(lot.remaining, left);
    consumed.push({ lotId: lot.id, amount: take });
    left -= take;
  }
  return { consumed, shortfall: left };
}

/** Lots after a consumption (returns new lot objects; lots emptied to 0 are kept). */
export function applyConsumption(
  lots: readonly Lot[],
  consumed: readonly { lotId: string; amount: number }[],
): Lot[] {
  const taken = new Map<string, number>();
  for (const c of consumed) taken.set(c.lotId, (taken.get(c.lotId) ?? 0) + c.amount);
  return lots.map((lot) => {
    const t = taken.get(lot.id);
    return t ? { ...lot, remaining: lot.remaining - t } : lot;
  });
}
