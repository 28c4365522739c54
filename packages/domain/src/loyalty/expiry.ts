import { addDays, addMonths } from "./calendar";
import type { Lot } from "./ledger";
import type { Expiry } from "./program";

/** Fixed expiry: every lot expires N months after it was earned. Other kinds: no lot expiry. */
export function lotExpiresAt(expiry: Expiry, earnedAt: Date): Date | null {
  return expiry.kind === "fixed" ? addMonths(earnedAt, expiry.months) : null;
}

/**
 * Inactivity expiry: the whole balance expires N months after the last earn or burn.
 * Other kinds: null.
 */
export function inactivityExpiresAt(expiry: Expiry, lastActivityAt: Date): Date | null {
  return expiry.kind === "inactivity" ? addMonths(lastActivityAt, expiry.months) : null;
}

/**
 * Inactivity expiry's notice: the whole balance lapses at `inactivityExpiresAt`, so within
 * the notice window (`now < expiresAt <= now + noticeDays`) all of it is expiring soon, in
 * the shape of `expiringSoon`. Outside the window, other kinds, or no balance: nothing.
 */
export function inactivityExpiringSoon(
  expiry: Expiry,
  lastActivityAt: Date,
  balance: number,
  now: Date,
  noticeDays: number,
): { amount: number; firstExpiresAt: Date | null } {
  const lapseAt = inactivityExpiresAt(expiry, lastActivityAt);
  if (lapseAt === null || balance <= 0) return { amount: 0, firstExpiresAt: null };
  const t = lapseAt.getTime();
  if (t <= now.getTime() || t > addDays(now, noticeDays).getTime())
    return { amount: 0, firstExpiresAt: null };
  return { amount: balance, firstExpiresAt: lapseAt };
}

/**
 * What expires within the notice window: lots with points left and
 * `now < expiresAt <= now + noticeDays`. Lots already past their expiry are the expiry
 * job's business (`lotsDueForExpiry`), not a notice.
 */
export function expiringSoon(
  lots: readonly Lot[],
  now: Date,
  noticeDays: number,
): { amount: number; firstExpiresAt: Date | null } {
  const until = addDays(now, noticeDays).getTime();
  let amount = 0;
  let first: Date | null = null;
  for (const lot of lots) {
    if (lot.remaining <= 0 || lot.expiresAt === null) continue;
    const t = lot.expiresAt.getTime();
    if (t <= now.getTime() || t > until) continue;
    amount += lot.remaining;
    if (first === null || t < first.getTime()) first = lot.expiresAt;
  }
  return { amount, firstExpiresAt: first };
}

/** Lots with points left whose expiry has come (`expiresAt <= now`): one expire entry each. */
export function lotsDueForExpiry(
  lots: readonly Lot[],
  now: Date,
): { lotId: string; amount: number }[] {
  return lots
    .filter(
      (l) => l.remaining > 0 && l.expiresAt !== null && l.expiresAt.getTime() <= now.getTime(),
    )
    .map((l) => ({ lotId: l.id, amount: l.remaining }));
}
