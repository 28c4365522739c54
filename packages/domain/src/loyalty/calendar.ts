/**
 * Calendar arithmetic in UTC for the loyalty rules (date-fns is not a dependency of the
 * domain package). Every function returns a new Date and keeps the time of day.
 */

export const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * Adds calendar months; when the target month is shorter the day is clamped to its last
 * day (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year), so an expiry never spills
 * into the month after.
 */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const out = new Date(date.getTime());
  out.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return out;
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Whole UTC calendar days from `from` to `to` (negative when `to` is earlier). */
export function utcDaysBetween(from: Date, to: Date): number {
  return Math.round((startOfUtcDay(to).getTime() - startOfUtcDay(from).getTime()) / DAY_MS);
}

/** ISO date (YYYY-MM-DD) for explanations. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
