import type { EventType } from "../../events/event-types";
import { factColumn, payloadFactKey } from "../facts";
import type { NumberComparison } from "../compare";
import type { SqlParams } from "../sql";
import { DAY_MS } from "../subject";
import type { EventFilter, TimeWindow } from "./events";

/** Facts answer exactly only when nothing narrows events beyond their type. */
export function isPlainFilter(f: EventFilter): boolean {
  return (
    f.category === undefined &&
    f.productId === undefined &&
    f.discounted === undefined &&
    f.payload === undefined
  );
}

const types = (f: EventFilter) => f.types as EventType[];

export const factsCount = (f: EventFilter) =>
  `(${types(f)
    .map((t) => `coalesce(f.${factColumn(t, "count")}, 0)`)
    .join(" + ")})`;
export const factsFirst = (f: EventFilter) =>
  `LEAST(${types(f)
    .map((t) => `f.${factColumn(t, "first_at")}`)
    .join(", ")})`;
export const factsLast = (f: EventFilter) =>
  `GREATEST(${types(f)
    .map((t) => `f.${factColumn(t, "last_at")}`)
    .join(", ")})`;

/**
 * Where facts can find the events a filter selects: by type, or (tighter) by a watched payload
 * value of one type. `exact` when facts count precisely the filtered events.
 */
export interface FactSource {
  count: string;
  first: string;
  last: string;
  exact: boolean;
}

export function factSource(f: EventFilter, p: SqlParams): FactSource {
  const key =
    f.payload && f.types.length === 1
      ? payloadFactKey(f.types[0]!, f.payload.key, f.payload.equals)
      : null;
  if (key) {
    const k = p.bind(key, "text");
    return {
      count: `coalesce((f.payload_facts -> ${k} ->> 'n')::int, 0)`,
      first: `(f.payload_facts -> ${k} ->> 'first')::timestamptz`,
      last: `(f.payload_facts -> ${k} ->> 'last')::timestamptz`,
      exact: f.category === undefined && f.productId === undefined && f.discounted === undefined,
    };
  }
  return {
    count: factsCount(f),
    first: factsFirst(f),
    last: factsLast(f),
    exact: isPlainFilter(f),
  };
}

/**
 * A cheap necessary condition for "this customer has a matching event in the window": some
 * event the facts know of falls between the window's bounds. False means there is certainly none.
 */
export function sqlMayHaveEvents(
  f: EventFilter,
  w: TimeWindow,
  p: SqlParams,
  now: Date,
  source = factSource(f, p),
): string {
  const at = (ms: number) => p.bind(new Date(ms).toISOString(), "timestamptz");
  const n = now.getTime();
  let start: number | null = null;
  let end: number | null = null;
  if (w.kind === "last_days") [start, end] = [n - w.days * DAY_MS, n];
  if (w.kind === "between_days_ago") [start, end] = [n - w.max * DAY_MS, n - w.min * DAY_MS];
  if (w.kind === "absolute")
    [start, end] = [
      w.from === undefined ? null : Date.parse(w.from),
      w.to === undefined ? null : Date.parse(w.to),
    ];
  const parts = [`${source.count} > 0`];
  if (start !== null) parts.push(`${source.last} >= ${at(start)}`);
  if (end !== null) parts.push(`${source.first} <= ${at(end)}`);
  return `coalesce(${parts.join(" AND ")}, false)`;
}

/** `CASE` that skips `full` for customers who certainly have no matching event. */
export function pruned(mayHave: string, whenNone: boolean, full: string): string {
  return `(CASE WHEN ${mayHave} THEN ${full} ELSE ${whenNone} END)`;
}

/**
 * For counts: the customer's total of those events bounds any windowed or filtered count
 * from above, so "at least N" can skip everyone with fewer than N in total.
 */
export function sqlCountCanReach(
  compare: NumberComparison,
  source: FactSource,
  p: SqlParams,
): string | null {
  switch (compare.op) {
    case "gte":
    case "eq":
      return `${source.count} >= ${p.bind(compare.value, "numeric")}`;
    case "gt":
      return `${source.count} > ${p.bind(compare.value, "numeric")}`;
    case "between":
      return `${source.count} >= ${p.bind(compare.min, "numeric")}`;
    default:
      return null;
  }
}
