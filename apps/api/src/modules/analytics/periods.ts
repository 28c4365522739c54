import { invalidAnalytics } from "./codes";

/** Calendar periods of an analytics series (UTC). */
export const ANALYTICS_PERIODS = ["month", "quarter"] as const;
export type AnalyticsPeriod = (typeof ANALYTICS_PERIODS)[number];

export const PERIOD_MONTHS: Record<AnalyticsPeriod, number> = { month: 1, quarter: 3 };

/** At most this many periods per answer: ten years of months. */
export const MAX_PERIODS = 120;

/** Consecutive calendar periods of `months` months, half-open, in UTC. */
export interface PeriodGrid {
  months: number;
  /** boundaries[k] starts period k; boundaries[periods] ends the last one. */
  boundaries: Date[];
  periods: number;
}

/** Months since January 1970 of an instant, in UTC (the rollup's bit numbering). */
export const monthIndex = (d: Date) => (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();

const monthStart = (index: number) =>
  new Date(Date.UTC(1970 + Math.floor(index / 12), ((index % 12) + 12) % 12, 1));

/** `count` periods of `months` months from the month start `first`. */
export function gridFrom(first: Date, months: number, count: number): PeriodGrid {
  const start = monthIndex(first);
  return {
    months,
    periods: count,
    boundaries: Array.from({ length: count + 1 }, (_, k) => monthStart(start + k * months)),
  };
}

/**
 * The calendar periods that overlap [from, to): the first starts at or before `from`, the last
 * ends at or after `to`. Defaults: `to` now, `from` twelve months before `to`.
 */
export function periodGrid(args: {
  from?: Date | null;
  to?: Date | null;
  period: AnalyticsPeriod;
  now: Date;
}): PeriodGrid {
  const to = args.to ?? args.now;
  const from =
    args.from ??
    new Date(
      Date.UTC(
        to.getUTCFullYear(),
        to.getUTCMonth() - 12,
        to.getUTCDate(),
        to.getUTCHours(),
        to.getUTCMinutes(),
        to.getUTCSeconds(),
        to.getUTCMilliseconds(),
      ),
    );
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
    throw invalidAnalytics("Invalid range", [
      { path: "to", code: "INVALID_RANGE", message: "must be after from" },
    ]);
  const months = PERIOD_MONTHS[args.period];
  const first = Math.floor(monthIndex(from) / months);
  const last = Math.floor(monthIndex(new Date(to.getTime() - 1)) / months);
  const count = last - first + 1;
  if (count > MAX_PERIODS)
    throw invalidAnalytics("Too many periods", [
      {
        path: "from",
        code: "TOO_MANY_PERIODS",
        message: `gives ${count} periods; at most ${MAX_PERIODS} (narrow the range or use quarters)`,
      },
    ]);
  return gridFrom(monthStart(first * months), months, count);
}

/** The periods of a grid as [start, end) pairs, with whether each has ended by `now`. */
export function periodsOf(grid: PeriodGrid, now: Date) {
  return grid.boundaries.slice(0, -1).map((start, k) => {
    const end = grid.boundaries[k + 1]!;
    return { periodStart: start, periodEnd: end, complete: end <= now };
  });
}

/** 'YYYY-MM-DD' of a UTC date, for date columns. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Which period of the grid the month starting on `day` ('YYYY-MM-DD') falls in, or -1. */
export function periodOfMonth(grid: PeriodGrid, day: string): number {
  const index = monthIndex(new Date(`${day}T00:00:00Z`)) - monthIndex(grid.boundaries[0]!);
  const k = Math.floor(index / grid.months);
  return index >= 0 && k < grid.periods ? k : -1;
}
