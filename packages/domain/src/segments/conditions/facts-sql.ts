import type { EventType } from "../../events/event-types";
import { factColumn } from "../facts";
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
 * A cheap necessary condition for "this customer has a matching event in the window": some
 * event of those types falls between the window's bounds. False means there is certainly none.
 */
export function sqlMayHaveEvents(f: EventFilter, w: TimeWindow, p: SqlParams, now: Date): string {
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
  const parts = [`${factsCount(f)} > 0`];
  if (start !== null) parts.push(`${factsLast(f)} >= ${at(start)}`);
  if (end !== null) parts.push(`${factsFirst(f)} <= ${at(end)}`);
  return `coalesce(${parts.join(" AND ")}, false)`;
}

/** `CASE` that skips `full` for customers who certainly have no matching event. */
export function pruned(mayHave: string, whenNone: boolean, full: string): string {
  return `(CASE WHEN ${mayHave} THEN ${full} ELSE ${whenNone} END)`;
}
