import { addMonths, isoDay } from "./calendar";
import type { DowngradePolicy, QualificationWindow, Tier } from "./program";

/**
 * Tier rules. Qualification counts points earned (or spend) within the window, never the
 * spendable balance: the caller sums the window and passes it as `value`.
 */

/** Tiers lowest first (validated configs already are; sorting keeps these rules total). */
function ladder(tiers: readonly Tier[]): Tier[] {
  if (tiers.length === 0) throw new Error("a tiered program has at least one tier");
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

/** The highest tier whose threshold is at most `value`; the lowest tier when none is. */
export function qualifyingTier(tiers: readonly Tier[], value: number): Tier {
  const sorted = ladder(tiers);
  let best = sorted[0] as Tier;
  for (const t of sorted) if (t.threshold <= value) best = t;
  return best;
}

/** Rolling: `now` minus the window's months (clamped to month end); calendar year: Jan 1 UTC. */
export function qualificationWindowStart(window: QualificationWindow, now: Date): Date {
  return window.kind === "rolling"
    ? addMonths(now, -window.months)
    : new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
}

/**
 * When downgrades are next evaluated. Calendar year: the next Jan 1 UTC (the year just ended
 * is the qualification period). Rolling windows have no natural period end, so downgrades
 * are evaluated monthly, on the first day of the next month UTC, over the window ending then.
 */
export function nextEvaluationAt(window: QualificationWindow, now: Date): Date {
  return window.kind === "calendar_year"
    ? new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

function rankOf(sorted: readonly Tier[], code: string | null): number {
  return code === null ? -1 : sorted.findIndex((t) => t.code === code);
}

/**
 * Progress to the tier above the current one. `percentToNext` is `value / next threshold`
 * in whole percent (rounded down, so 100 means reached); both are null at the top tier.
 * An unknown or missing current code falls back to the qualifying tier.
 */
export function tierProgress(
  tiers: readonly Tier[],
  currentCode: string | null,
  value: number,
): {
  current: Tier;
  next: Tier | null;
  remainingToNext: number | null;
  percentToNext: number | null;
} {
  const sorted = ladder(tiers);
  const rank = rankOf(sorted, currentCode);
  const current = rank >= 0 ? (sorted[rank] as Tier) : qualifyingTier(sorted, value);
  const next = sorted[sorted.indexOf(current) + 1] ?? null;
  if (next === null) return { current, next, remainingToNext: null, percentToNext: null };
  const remainingToNext = Math.max(0, next.threshold - value);
  const percentToNext =
    next.threshold <= 0
      ? 100
      : Math.min(100, Math.floor((Math.max(0, value) * 100) / next.threshold));
  return { current, next, remainingToNext, percentToNext };
}

export interface TierOverride {
  tierCode: string;
  until: Date;
  reason: string;
}

/**
 * After earning: upgrade at once when the value reaches a higher tier, never downgrade
 * (that waits for the period end). A customer without a tier (or whose tier was removed from
 * the program) gets the qualifying tier, which counts as a change "up".
 */
export function tierAfterEarning(
  tiers: readonly Tier[],
  currentCode: string | null,
  value: number,
): { tierCode: string; changed: boolean; direction: "up" | null } {
  const sorted = ladder(tiers);
  const rank = rankOf(sorted, currentCode);
  const qualified = qualifyingTier(sorted, value);
  if (rank >= 0 && sorted.indexOf(qualified) <= rank)
    return { tierCode: currentCode as string, changed: false, direction: null };
  return { tierCode: qualified.code, changed: true, direction: "up" };
}

/**
 * At the end of a qualification period. Without an override, "drop_one" goes down at most
 * one tier (and never below the qualifying tier) while "reevaluate" goes straight to the
 * qualifying tier; either goes up to the qualifying tier if it is higher.
 *
 * An active override (`until > now`) holds its tier, or the qualifying tier when that is
 * higher, and the explanation always says so: an override never silently blocks a
 * downgrade. An expired override no longer holds and the explanation says it ended.
 */
export function tierAtPeriodEnd(
  tiers: readonly Tier[],
  args: {
    currentCode: string | null;
    value: number;
    policy: DowngradePolicy;
    override: TierOverride | null;
    now: Date;
  },
): {
  tierCode: string;
  changed: boolean;
  direction: "up" | "down" | null;
  heldByOverride: boolean;
  explanation: string;
} {
  const sorted = ladder(tiers);
  const qualified = qualifyingTier(sorted, args.value);
  const q = sorted.indexOf(qualified);
  const current = rankOf(sorted, args.currentCode);
  const notes = [`${args.value} in the qualification window qualifies for ${qualified.name}`];

  let target: number;
  let heldByOverride = false;
  const o = args.override;
  const active = o !== null && o.until.getTime() > args.now.getTime();
  const overrideRank = o === null ? -1 : rankOf(sorted, o.tierCode);
  if (o !== null && active && overrideRank >= 0) {
    const name = (sorted[overrideRank] as Tier).name;
    const held = `manual override to ${name} until ${isoDay(o.until)} (${o.reason})`;
    if (overrideRank > q) {
      target = overrideRank;
      heldByOverride = true;
      notes.push(`held at ${name} by a ${held}`);
    } else {
      target = q;
      notes.push(`the ${held} is not above the qualifying tier`);
    }
  } else {
    if (o !== null && active)
      notes.push(`the override tier "${o.tierCode}" is not in this program and is ignored`);
    else if (o !== null)
      notes.push(`the manual override to ${o.tierCode} ended ${isoDay(o.until)}`);
    if (current < 0 || q >= current) target = q;
    else if (args.policy === "drop_one") {
      target = Math.max(q, current - 1);
      if (target > q) notes.push("drop one tier: goes down one tier only");
    } else target = q;
  }

  const tier = sorted[target] as Tier;
  const direction = current < 0 || target > current ? "up" : target < current ? "down" : null;
  const changed = tier.code !== args.currentCode;
  notes.push(
    changed ? `${direction === "down" ? "down" : "up"} to ${tier.name}` : `stays at ${tier.name}`,
  );
  return {
    tierCode: tier.code,
    changed,
    direction: changed ? direction : null,
    heldByOverride,
    explanation: notes.join("; "),
  };
}
