import { DAY_MS } from "../segments/subject";
import type { PeriodCounts } from "./retention";
import { percentOf } from "./rounding";

/*
 * Retention per calendar period, from plain activity data. This is the reference the SQL
 * version is tested against, so every boundary is spelled out:
 *
 * - Periods are calendar months in UTC (or `periodMonths` months), half-open:
 *   [periodStart, periodEnd), and periodEnd is the next period's start.
 * - A customer is active at instant B when they have a qualifying event (one of
 *   `eventTypes`, or any event) in the half-open window [B - withinDays × 24 h, B). An event
 *   exactly at B belongs to the period that starts at B, not to the snapshot taken at B.
 * - atStart: active at periodStart. atEnd: active at periodEnd, so a period's atEnd is the
 *   next period's atStart.
 * - acquired: active at the end, not at the start. It splits into newCustomers (no qualifying
 *   event at all before periodStart) and reactivated (lapsed customers who came back).
 * - lost: active at the start, not at the end.
 * So atEnd = atStart + acquired - lost, and retention = (atEnd - acquired) / atStart is the
 * share of the customers at the start still active at the end. Customers who become active
 * and lapse again within one period are in neither snapshot and are not counted. Sign-up
 * dates play no part: a customer counts from their first qualifying event.
 */

export interface ActivityEvent {
  type: string;
  occurredAt: Date;
}

export interface CustomerActivity {
  customerId: string;
  events: readonly ActivityEvent[];
}

/** What makes a customer active, e.g. "ordered in the last 90 days". */
export interface ActiveCustomerDefinition {
  /** Length of the look-back window in days (24 h each), at least 1. */
  withinDays: number;
  /** Event types that count, e.g. ["order"]; "any" counts every event. */
  eventTypes: readonly string[] | "any";
}

export interface RetentionSeriesOptions {
  /** Start of the first period: the first day of a month at 00:00 UTC. */
  firstPeriodStart: Date;
  /** Number of periods, 1 to 1200. */
  periods: number;
  /** Months per period (1 monthly, 3 quarterly, 12 yearly); default 1. */
  periodMonths?: number;
  active: ActiveCustomerDefinition;
}

export interface RetentionPeriod extends PeriodCounts {
  periodStart: Date;
  periodEnd: Date;
  /** Acquired customers whose first qualifying event falls in this period. */
  newCustomers: number;
  /** Acquired customers who had qualifying events before, but not in the window at the start. */
  reactivated: number;
  lost: number;
  /** (atEnd - acquired) / atStart × 100, one decimal; null when atStart is 0. */
  retention: number | null;
  /** lost / atStart × 100, one decimal; null when atStart is 0. */
  churn: number | null;
}

function checkDefinition({ withinDays, eventTypes }: ActiveCustomerDefinition): void {
  if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 36_500)
    throw new RangeError("withinDays must be a whole number from 1 to 36500");
  if (eventTypes !== "any" && eventTypes.length === 0)
    throw new RangeError('eventTypes must name at least one type, or be "any"');
}

/** Times (ms) of a customer's qualifying events, ascending. */
function qualifyingTimes(
  events: readonly ActivityEvent[],
  eventTypes: ReadonlySet<string> | "any",
): number[] {
  return events
    .filter((e) => eventTypes === "any" || eventTypes.has(e.type))
    .map((e) => e.occurredAt.getTime())
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b);
}

/** Whether some time in ascending `times` lies in [from, to). */
function anyIn(times: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo]! < to;
}

/** Qualifying event times per customer id; activity listed twice for one id is merged. */
function timesByCustomer(
  customers: readonly CustomerActivity[],
  definition: ActiveCustomerDefinition,
): Map<string, number[]> {
  const types = definition.eventTypes === "any" ? "any" : new Set(definition.eventTypes);
  const events = new Map<string, ActivityEvent[]>();
  for (const c of customers) {
    const list = events.get(c.customerId);
    if (list) list.push(...c.events);
    else events.set(c.customerId, [...c.events]);
  }
  const out = new Map<string, number[]>();
  for (const [id, list] of events) {
    const times = qualifyingTimes(list, types);
    if (times.length) out.set(id, times);
  }
  return out;
}

/** Ids of the customers active at instant `at`, sorted. */
export function activeCustomersAt(
  customers: readonly CustomerActivity[],
  at: Date,
  definition: ActiveCustomerDefinition,
): string[] {
  checkDefinition(definition);
  const b = at.getTime();
  const from = b - definition.withinDays * DAY_MS;
  return [...timesByCustomer(customers, definition)]
    .filter(([, times]) => anyIn(times, from, b))
    .map(([id]) => id)
    .sort();
}

function isMonthStart(d: Date): boolean {
  return (
    !Number.isNaN(d.getTime()) && d.getTime() === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  );
}

/** Retention, churn and the counts behind them for consecutive calendar periods. */
export function retentionSeries(
  customers: readonly CustomerActivity[],
  options: RetentionSeriesOptions,
): RetentionPeriod[] {
  const { firstPeriodStart, periods, periodMonths = 1, active } = options;
  checkDefinition(active);
  if (!isMonthStart(firstPeriodStart))
    throw new RangeError("firstPeriodStart must be the first day of a month at 00:00 UTC");
  if (!Number.isInteger(periods) || periods < 1 || periods > 1200)
    throw new RangeError("periods must be a whole number from 1 to 1200");
  if (!Number.isInteger(periodMonths) || periodMonths < 1 || periodMonths > 12)
    throw new RangeError("periodMonths must be a whole number from 1 to 12");

  const y = firstPeriodStart.getUTCFullYear();
  const m = firstPeriodStart.getUTCMonth();
  const boundaries = Array.from({ length: periods + 1 }, (_, k) =>
    Date.UTC(y, m + k * periodMonths, 1),
  );
  const window = active.withinDays * DAY_MS;
  const rows = Array.from({ length: periods }, () => ({
    atStart: 0,
    atEnd: 0,
    acquired: 0,
    newCustomers: 0,
    lost: 0,
  }));

  for (const times of timesByCustomer(customers, active).values()) {
    const activeAt = boundaries.map((b) => anyIn(times, b - window, b));
    const first = times[0]!;
    rows.forEach((row, k) => {
      const atStart = activeAt[k]!;
      const atEnd = activeAt[k + 1]!;
      if (atStart) row.atStart += 1;
      if (atEnd) row.atEnd += 1;
      if (atEnd && !atStart) {
        row.acquired += 1;
        if (first >= boundaries[k]!) row.newCustomers += 1;
      }
      if (atStart && !atEnd) row.lost += 1;
    });
  }

  return rows.map((row, k) => ({
    periodStart: new Date(boundaries[k]!),
    periodEnd: new Date(boundaries[k + 1]!),
    atStart: row.atStart,
    acquired: row.acquired,
    newCustomers: row.newCustomers,
    reactivated: row.acquired - row.newCustomers,
    lost: row.lost,
    atEnd: row.atEnd,
    retention: percentOf(row.atEnd - row.acquired, row.atStart),
    churn: percentOf(row.lost, row.atStart),
  }));
}
