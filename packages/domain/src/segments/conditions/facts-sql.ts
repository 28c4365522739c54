import type { EventType } from "../../events/event-types";
import { RECENT_ORDERS, factColumn, payloadFactKey } from "../facts";
import { compareNumber, sqlCompareNumber, type NumberComparison } from "../compare";
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
  /** The latest event times, newest first (at most `RECENT_ORDERS`), when facts keep them. */
  recent?: string;
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
  const exact = isPlainFilter(f);
  return {
    count: factsCount(f),
    first: factsFirst(f),
    last: factsLast(f),
    exact,
    ...(exact && f.types.length === 1 && f.types[0] === "order"
      ? { recent: "f.order_recent" }
      : {}),
  };
}

/** The window's bounds in ms (null: open on that side). */
export function windowBounds(
  w: TimeWindow,
  now: Date,
): { start: number | null; end: number | null } {
  const n = now.getTime();
  switch (w.kind) {
    case "all":
      return { start: null, end: null };
    case "last_days":
      return { start: n - w.days * DAY_MS, end: n };
    case "between_days_ago":
      return { start: n - w.max * DAY_MS, end: n - w.min * DAY_MS };
    case "absolute":
      return {
        start: w.from === undefined ? null : Date.parse(w.from),
        end: w.to === undefined ? null : Date.parse(w.to),
      };
  }
}

/**
 * What facts tell about the matching events in a window, from the total and the first and the
 * last time of the events the facts know of (a superset of the filtered ones when the source
 * is not exact). All SQL over `f`; the parts only apply in this order:
 * - `none`: no event falls in the window (none at all, or all before or all after it);
 * - `all`: every event falls in it (only for an exact source), so windowed = all-time;
 * - otherwise the count in the window lies between `lo` and `hi`: at least one when the first or
 *   the last event lies inside (exact source), at most the total less those of the first and the
 *   last event that lie outside.
 */
export interface WindowFacts {
  none: string;
  all: string | null;
  /** After `none`: at least one event certainly falls in the window (exact source only). */
  some: string | null;
  lo: string;
  hi: string;
  /** For latest-times facts: the window's start and "no event after the window's end". */
  recent?: { start: string; noneAfter: string };
}

export function windowFacts(
  w: TimeWindow,
  p: SqlParams,
  now: Date,
  source: FactSource,
): WindowFacts {
  const { start, end } = windowBounds(w, now);
  const s = start === null ? null : p.bind(new Date(start).toISOString(), "timestamptz");
  const e = end === null ? null : p.bind(new Date(end).toISOString(), "timestamptz");
  // Without events first and last are null: "some event between the bounds" is then null too.
  const between = [
    ...(s ? [`${source.last} >= ${s}`] : []),
    ...(e ? [`${source.first} <= ${e}`] : []),
  ];
  const inside = [
    ...(s ? [`${source.first} >= ${s}`] : []),
    ...(e ? [`${source.last} <= ${e}`] : []),
  ];
  const outside = [
    ...(s ? [`(CASE WHEN ${source.first} < ${s} THEN 1 ELSE 0 END)`] : []),
    ...(e ? [`(CASE WHEN ${source.last} > ${e} THEN 1 ELSE 0 END)`] : []),
  ];
  return {
    none: between.length
      ? `(NOT coalesce(${between.join(" AND ")}, false))`
      : `(${source.count} = 0)`,
    all: source.exact ? (inside.length ? `(${inside.join(" AND ")})` : "true") : null,
    some: source.exact ? (inside.length ? `(${inside.join(" OR ")})` : "true") : null,
    lo:
      source.exact && inside.length
        ? `(CASE WHEN ${inside.join(" OR ")} THEN 1 ELSE 0 END)`
        : source.exact
          ? "1"
          : "0",
    hi: outside.length ? `(${source.count} - ${outside.join(" - ")})` : source.count,
    ...(source.recent && s
      ? { recent: { start: s, noneAfter: e ? `${source.last} <= ${e}` : "true" } }
      : {}),
  };
}

/** `CASE` that skips `full` for customers who certainly have no matching event. */
export function pruned(mayHave: string, whenNone: boolean, full: string): string {
  return `(CASE WHEN ${mayHave} THEN ${full} ELSE ${whenNone} END)`;
}

/**
 * SQL that is true when `compare` holds for every whole number between `lo` and `hi`
 * (`every`), and when it holds for none of them (`none`).
 */
export function sqlCompareRange(
  lo: string,
  hi: string,
  c: NumberComparison,
  p: SqlParams,
): { every: string; none: string } {
  if (c.op === "between") {
    const [a, b] = [p.bind(c.min, "numeric"), p.bind(c.max, "numeric")];
    return {
      every: `(${lo} >= ${a} AND ${hi} <= ${b})`,
      none: `(${hi} < ${a} OR ${lo} > ${b})`,
    };
  }
  const v = p.bind(c.value, "numeric");
  const outside = `(${hi} < ${v} OR ${lo} > ${v})`;
  const exactly = `(${lo} = ${v} AND ${hi} = ${v})`;
  switch (c.op) {
    case "gte":
      return { every: `${lo} >= ${v}`, none: `${hi} < ${v}` };
    case "gt":
      return { every: `${lo} > ${v}`, none: `${hi} <= ${v}` };
    case "lte":
      return { every: `${hi} <= ${v}`, none: `${lo} > ${v}` };
    case "lt":
      return { every: `${hi} < ${v}`, none: `${lo} >= ${v}` };
    case "eq":
      return { every: exactly, none: outside };
    case "neq":
      return { every: outside, none: exactly };
  }
}

/**
 * A windowed (or filtered) count decided from facts where they tell enough, else by `full`
 * (counting the events): 0 when no event is in the window, the total when all are, and for the
 * rest whatever the bounds settle.
 */
export function sqlDecideCount(
  c: NumberComparison,
  wf: WindowFacts,
  source: FactSource,
  p: SqlParams,
  full: string,
): string {
  const exists = existenceTest(c);
  if (exists !== null && wf.some !== null)
    // "Any in the window" (or "none"): first and last alone settle it unless they straddle it.
    return `(CASE WHEN ${wf.none} THEN ${!exists} WHEN ${wf.some} THEN ${exists} ELSE ${full} END)`;
  const branches = [`WHEN ${wf.none} THEN ${compareNumber(0, c)}`];
  // The latest times settle it whenever no event lies after the window: nothing else needed.
  const recent = source.recent && wf.recent ? sqlRecentCount(c, source.recent, wf.recent, p) : null;
  if (recent) branches.push(`WHEN ${recent.when} THEN ${recent.holds}`);
  else {
    const range = sqlCompareRange(wf.lo, wf.hi, c, p);
    if (wf.all) branches.push(`WHEN ${wf.all} THEN ${sqlCompareNumber(source.count, c, p)}`);
    branches.push(`WHEN ${range.every} THEN true`, `WHEN ${range.none} THEN false`);
  }
  return `(CASE ${branches.join(" ")} ELSE ${full} END)`;
}

/**
 * Every count comparison as "at least n" tests: `[n, wanted]` pairs that must all hold as
 * wanted (null: the comparison holds for no whole number; an empty list: for every one).
 */
export function atLeastTests(c: NumberComparison): [number, boolean][] | null {
  const whole = (v: number) => Number.isInteger(v);
  switch (c.op) {
    case "gte":
      return [[Math.ceil(c.value), true]];
    case "gt":
      return [[Math.floor(c.value) + 1, true]];
    case "lte":
      return [[Math.floor(c.value) + 1, false]];
    case "lt":
      return [[Math.ceil(c.value), false]];
    case "eq":
      return whole(c.value)
        ? [
            [c.value, true],
            [c.value + 1, false],
          ]
        : null;
    case "neq":
      return null;
    case "between":
      return Math.ceil(c.min) <= Math.floor(c.max)
        ? [
            [Math.ceil(c.min), true],
            [Math.floor(c.max) + 1, false],
          ]
        : null;
  }
}

/** True when `c` holds exactly for counts of at least one, false when exactly for 0, else null. */
export function existenceTest(c: NumberComparison): boolean | null {
  const tests = atLeastTests(c)?.filter(([n, wanted]) => !(n <= 0 && wanted));
  if (!tests || tests.length !== 1 || tests[0]![0] !== 1) return null;
  return tests[0]![1];
}

/**
 * A windowed count from the latest event times: when no event lies after the window's end,
 * "at least n in the window" is "the n-th latest event lies at or after its start", for n up to
 * the number of times kept. Null when the comparison needs more than that.
 */
function sqlRecentCount(
  c: NumberComparison,
  recent: string,
  bounds: NonNullable<WindowFacts["recent"]>,
  p: SqlParams,
): { when: string; holds: string } | null {
  const atLeast = (n: number) =>
    n <= 0 ? "true" : `coalesce(${recent}[${p.bind(n, "int")}] >= ${bounds.start}, false)`;
  if (c.op === "neq") {
    const eq = sqlRecentCount({ op: "eq", value: c.value }, recent, bounds, p);
    return eq && { when: eq.when, holds: `(NOT ${eq.holds})` };
  }
  const tests = atLeastTests(c);
  if (tests === null) return { when: bounds.noneAfter, holds: "false" };
  if (tests.some(([n]) => n > RECENT_ORDERS)) return null;
  const parts = tests.map(([n, wanted]) => (wanted ? atLeast(n) : `(NOT ${atLeast(n)})`));
  return { when: bounds.noneAfter, holds: parts.length ? `(${parts.join(" AND ")})` : "true" };
}
