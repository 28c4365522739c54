import { z } from "zod";
import type { SqlParams } from "../sql";
import { DAY_MS } from "../subject";

/** The instants PostgreSQL's timestamptz can take as a bound parameter in ISO form. */
const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * A date or date-time the compiler can bind: JS parses years beyond 0001-9999 (e.g.
 * "+010000-01-01", "0000-01-01") that PostgreSQL refuses, which made valid rules fail in SQL.
 */
export const isoDate = z.string().refine(
  (s) => {
    const t = Date.parse(s);
    return !Number.isNaN(t) && t >= EARLIEST && t <= LATEST;
  },
  { message: "must be an ISO 8601 date or date-time in the years 0001 to 9999" },
);
const days = z.number().int().min(0).max(36_500);

export const dateMatch = z.discriminatedUnion("op", [
  z.object({ op: z.enum(["before", "after"]), date: isoDate }),
  z.object({ op: z.literal("between"), from: isoDate, to: isoDate }),
  z.object({ op: z.enum(["in_last_days", "more_than_days_ago", "anniversary_within_days"]), days }),
  z
    .object({ op: z.literal("between_days_ago"), min: days, max: days })
    .refine((b) => b.min <= b.max, { message: "min must not exceed max", path: ["max"] }),
  z.object({ op: z.enum(["is_set", "is_not_set"]) }),
]);
export type DateMatch = z.infer<typeof dateMatch>;

const ms = (iso: string) => Date.parse(iso);

/** Days from today (UTC) to the next (month, day) of `t`; Feb 29 falls on Mar 1 in other years. */
export function daysToAnniversary(t: number, now: number): number {
  const d = new Date(t);
  const n = new Date(now);
  const today = Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate());
  let next = Date.UTC(n.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (next < today) next = Date.UTC(n.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate());
  return Math.round((next - today) / DAY_MS);
}

/** `t` is epoch ms or null (not set). */
export function matchDate(t: number | null, m: DateMatch, now: Date): boolean {
  if (m.op === "is_set") return t !== null;
  if (m.op === "is_not_set") return t === null;
  if (t === null) return false;
  const n = now.getTime();
  switch (m.op) {
    case "before":
      return t < ms(m.date);
    case "after":
      return t > ms(m.date);
    case "between":
      return t >= ms(m.from) && t <= ms(m.to);
    case "in_last_days":
      return t >= n - m.days * DAY_MS && t <= n;
    case "more_than_days_ago":
      return t < n - m.days * DAY_MS;
    case "between_days_ago":
      return t >= n - m.max * DAY_MS && t <= n - m.min * DAY_MS;
    case "anniversary_within_days":
      return daysToAnniversary(t, n) <= m.days;
  }
}

function sqlAnniversaryDays(expr: string, now: string): string {
  const today = `((${now}) AT TIME ZONE 'UTC')::date`;
  const md = `(${expr}) AT TIME ZONE 'UTC'`;
  const on = (yearOffset: number) =>
    `(make_date(extract(year FROM ${today})::int + ${yearOffset}, 1, 1) + make_interval(months => extract(month FROM ${md})::int - 1) + make_interval(days => extract(day FROM ${md})::int - 1))::date`;
  return `(CASE WHEN ${on(0)} >= ${today} THEN ${on(0)} - ${today} ELSE ${on(1)} - ${today} END)`;
}

/** `expr` is a timestamptz SQL expression (NULL when not set). */
export function sqlMatchDate(expr: string, m: DateMatch, p: SqlParams, now: Date): string {
  if (m.op === "is_set") return `(${expr} IS NOT NULL)`;
  if (m.op === "is_not_set") return `(${expr} IS NULL)`;
  const at = (msValue: number) => p.bind(new Date(msValue).toISOString(), "timestamptz");
  const n = now.getTime();
  switch (m.op) {
    case "before":
      return `(${expr} < ${at(ms(m.date))})`;
    case "after":
      return `(${expr} > ${at(ms(m.date))})`;
    case "between":
      return `(${expr} >= ${at(ms(m.from))} AND ${expr} <= ${at(ms(m.to))})`;
    case "in_last_days":
      return `(${expr} >= ${at(n - m.days * DAY_MS)} AND ${expr} <= ${at(n)})`;
    case "more_than_days_ago":
      return `(${expr} < ${at(n - m.days * DAY_MS)})`;
    case "between_days_ago":
      return `(${expr} >= ${at(n - m.max * DAY_MS)} AND ${expr} <= ${at(n - m.min * DAY_MS)})`;
    case "anniversary_within_days":
      return `(${expr} IS NOT NULL AND ${sqlAnniversaryDays(expr, at(n))} <= ${p.bind(m.days, "int")})`;
  }
}

export function describeDate(m: DateMatch): string {
  switch (m.op) {
    case "before":
    case "after":
      return `${m.op} ${m.date}`;
    case "between":
      return `between ${m.from} and ${m.to}`;
    case "in_last_days":
      return `in the last ${m.days} days`;
    case "more_than_days_ago":
      return `more than ${m.days} days ago`;
    case "between_days_ago":
      return `between ${m.min} and ${m.max} days ago`;
    case "anniversary_within_days":
      return `anniversary within ${m.days} days`;
    case "is_set":
      return "is set";
    case "is_not_set":
      return "is not set";
  }
}
