import { DAY_MS, startOfUtcDay, utcDaysBetween } from "./calendar";

/** Distinct UTC order days, oldest first. */
function orderDays(orderDates: readonly Date[]): number[] {
  const days = new Set(orderDates.map((d) => startOfUtcDay(d).getTime() / DAY_MS));
  return [...days].sort((a, b) => a - b);
}

/**
 * A customer's usual reorder interval: the median gap, in whole days, between consecutive
 * distinct order days (several orders on one day count once). Null with fewer than three
 * order days, since one gap is not a habit. With an even number of gaps the median is the
 * mean of the middle two, rounded half up.
 */
export function usualReorderIntervalDays(orderDates: readonly Date[]): number | null {
  const days = orderDays(orderDates);
  if (days.length < 3) return null;
  const gaps = days.slice(1).map((d, i) => d - (days[i] as number));
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  const upper = gaps[mid] as number;
  return gaps.length % 2 === 1 ? upper : Math.round(((gaps[mid - 1] as number) + upper) / 2);
}

/**
 * Whether a reorder reminder is due: once `daysSinceLast` reaches the usual interval times
 * `slackFactor` (rounded up to whole days). `overdueDays` is how far past that point the
 * customer is (0 on the day it becomes due), null when not due or unknown.
 */
export function reorderDue(
  orderDates: readonly Date[],
  now: Date,
  slackFactor = 1.0,
): {
  due: boolean;
  intervalDays: number | null;
  daysSinceLast: number | null;
  overdueDays: number | null;
} {
  const days = orderDays(orderDates);
  const last = days.at(-1);
  const daysSinceLast = last === undefined ? null : utcDaysBetween(new Date(last * DAY_MS), now);
  const intervalDays = usualReorderIntervalDays(orderDates);
  if (intervalDays === null || daysSinceLast === null)
    return { due: false, intervalDays, daysSinceLast, overdueDays: null };
  const threshold = Math.ceil(intervalDays * Math.max(0, slackFactor));
  const due = daysSinceLast >= threshold;
  return { due, intervalDays, daysSinceLast, overdueDays: due ? daysSinceLast - threshold : null };
}
