import { percentOf } from "./rounding";

/*
 * Customer retention and churn for one period (DOMAIN.md section 8). Counts are whole
 * customers; rates are percentages rounded to one decimal, half away from zero, and null when
 * the period started without customers (there is nothing to retain).
 */

export interface PeriodCounts {
  /** Customers at the start of the period. */
  atStart: number;
  /** Customers acquired (or won back) during the period. */
  acquired: number;
  /** Customers at the end of the period. */
  atEnd: number;
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative whole number`);
}

function assertCounts({ atStart, acquired, atEnd }: PeriodCounts): void {
  assertCount(atStart, "atStart");
  assertCount(acquired, "acquired");
  assertCount(atEnd, "atEnd");
  if (atEnd < acquired) throw new RangeError("atEnd cannot be below acquired");
  if (atEnd - acquired > atStart) throw new RangeError("atEnd - acquired cannot exceed atStart");
}

/**
 * ((customers at end - customers acquired) / customers at start) × 100. The worked example:
 * 1000 at the start, 200 acquired, 1100 at the end is 90. Throws a RangeError for counts that
 * cannot describe a period (negative, or more kept customers than there were at the start).
 */
export function retentionRate(counts: PeriodCounts): number | null {
  assertCounts(counts);
  return percentOf(counts.atEnd - counts.acquired, counts.atStart);
}

/** lost / customers at start × 100: 100 of 1000 is 10. */
export function churnRate({ atStart, lost }: { atStart: number; lost: number }): number | null {
  assertCount(atStart, "atStart");
  assertCount(lost, "lost");
  if (lost > atStart) throw new RangeError("lost cannot exceed atStart");
  return percentOf(lost, atStart);
}

/** Customers lost during the period: at start + acquired - at end (1000 + 200 - 1100 = 100). */
export function customersLost(counts: PeriodCounts): number {
  assertCounts(counts);
  return counts.atStart + counts.acquired - counts.atEnd;
}
