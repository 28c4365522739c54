import type { LocationQuery } from "vue-router";
import type { AnalyticsPeriod } from "@/graphql/generated/graphql";
import { isOneOf } from "@/lib/enums";

/** Granularities the analytics API offers: months and quarters (it has no years). */
export const GRANULARITIES = ["month", "quarter"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const RANGES = ["12m", "24m", "custom"] as const;
export type RangeKind = (typeof RANGES)[number];

export interface DashboardState {
  granularity: Granularity;
  range: RangeKind;
  /** Custom range, calendar days (YYYY-MM-DD), both included. */
  from: string | null;
  to: string | null;
  segmentId: string | null;
  /** Currency of the order and CLV figures; null: the one with the most orders. */
  currency: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const one = (v: LocationQuery[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
const validDay = (v: string | null) =>
  v && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : null;

/** The dashboard's selection from the page URL; anything unreadable falls back to the default. */
export function parseDashboardQuery(query: LocationQuery): DashboardState {
  const granularity = one(query.period);
  const range = one(query.range);
  const from = validDay(one(query.from));
  const to = validDay(one(query.to));
  const currency = one(query.currency);
  const custom = range === "custom" && from !== null && to !== null && from <= to;
  return {
    granularity: isOneOf(GRANULARITIES, granularity) ? granularity : "month",
    range: custom ? "custom" : isOneOf(RANGES, range) && range !== "custom" ? range : "12m",
    from: custom ? from : null,
    to: custom ? to : null,
    segmentId: one(query.segment) || null,
    currency: currency && CURRENCY.test(currency) ? currency : null,
  };
}

/** The URL query of a selection; defaults are left out so a plain link shows the default view. */
export function toDashboardQuery(state: DashboardState): Record<string, string | undefined> {
  const custom = state.range === "custom";
  return {
    period: state.granularity === "month" ? undefined : state.granularity,
    range: state.range === "12m" ? undefined : state.range,
    from: custom ? (state.from ?? undefined) : undefined,
    to: custom ? (state.to ?? undefined) : undefined,
    segment: state.segmentId ?? undefined,
    currency: state.currency ?? undefined,
  };
}

const utcDay = (day: string) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return { y, m: m - 1, d };
};

/**
 * The variables of the dashboard query. The API's periods are UTC calendar months, so
 * "last 12 months" is the running month and the eleven before it, and a custom range runs from
 * the start of its first day to the end of its last day, in UTC.
 */
export function dashboardVariables(state: DashboardState, now: Date) {
  const period: AnalyticsPeriod = state.granularity === "quarter" ? "QUARTER" : "MONTH";
  let from: string;
  let to: string | null = null;
  if (state.range === "custom" && state.from && state.to) {
    const a = utcDay(state.from);
    const b = utcDay(state.to);
    from = new Date(Date.UTC(a.y, a.m, a.d)).toISOString();
    to = new Date(Date.UTC(b.y, b.m, b.d + 1)).toISOString();
  } else {
    const back = state.range === "24m" ? 23 : 11;
    from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString();
  }
  return {
    from,
    to,
    period,
    segmentId: state.segmentId,
    currency: state.currency,
  };
}

/** 'YYYY-MM-DD' of a date picker's value (a local midnight). */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A date picker's value (local midnight) for a 'YYYY-MM-DD' day. */
export function msOf(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}
