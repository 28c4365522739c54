import type { EntityManager } from "typeorm";
import { churnRate, retentionRate } from "@trouw/domain";
import { gridFrom, monthIndex, type PeriodGrid } from "./periods";

/*
 * Retention in SQL with the domain's definitions (packages/domain/src/analytics/
 * retention-series.ts): a customer is active at instant B when they have a qualifying event in
 * [B - withinDays × 24 h, B). Each customer becomes one row of bits, bit k set when they are
 * active at boundary k, plus the period their first qualifying event falls in; customers with
 * the same pattern are counted together and the counts per period are tallied from the
 * patterns. The tests compare every count with the domain's retentionSeries.
 */

export interface ActiveDefinition {
  withinDays: number;
  /** Event types that count (at least one). */
  eventTypes: string[];
}

export const DEFAULT_ACTIVE: ActiveDefinition = { withinDays: 90, eventTypes: ["order"] };

export interface RetentionCounts {
  atStart: number;
  acquired: number;
  newCustomers: number;
  reactivated: number;
  lost: number;
  atEnd: number;
  retentionRate: number | null;
  churnRate: number | null;
}

/** Where the activity came from: the rollups, or events read directly. */
export type RetentionSource = "rollup" | "events";

/** How the counts were computed, finer than the source the API reports. */
export type RetentionPath = "stats" | "customers" | "events";

/** Steps (months between the two boundaries of a period) the shop-wide stats are kept for. */
const STAT_STEPS = [1, 3, 12];

/** Bits per rollup word (analytics_customer_activity.words), as the migration writes them. */
const WORD_BITS = 62;
/** Boundaries one pattern can hold: bits 0..61 of a bigint. */
const MAX_BITS = 62;

/**
 * Counts per period from the patterns of the `customers` CTE (bits, first_period): bit
 * k × stride is "active at boundary k"; first_period is the period the customer's first
 * qualifying event falls in (-1 before the first, periods after the last).
 */
const tallySql = (customers: string, periodsParam: string, strideParam: string) => `
  WITH customers AS (${customers}),
  patterns AS (SELECT bits, first_period, count(*)::bigint AS n FROM customers GROUP BY 1, 2)
  SELECT k,
    coalesce(sum(n) FILTER (WHERE s), 0)::bigint AS at_start,
    coalesce(sum(n) FILTER (WHERE e), 0)::bigint AS at_end,
    coalesce(sum(n) FILTER (WHERE e AND NOT s), 0)::bigint AS acquired,
    coalesce(sum(n) FILTER (WHERE e AND NOT s AND first_period = k), 0)::bigint AS new_customers,
    coalesce(sum(n) FILTER (WHERE s AND NOT e), 0)::bigint AS lost
  FROM patterns CROSS JOIN generate_series(0, ${periodsParam}::int - 1) AS k
  CROSS JOIN LATERAL (SELECT ((bits >> (k * ${strideParam}::int)) & 1) = 1 AS s,
                             ((bits >> ((k + 1) * ${strideParam}::int)) & 1) = 1 AS e) AS x
  GROUP BY k ORDER BY k`;

const SEGMENT_FILTER = (column: string, param: string) =>
  `AND ${column} IN (SELECT customer_id FROM segment_members WHERE segment_id = ${param})`;

interface TallyRow {
  k: number;
  at_start: string;
  at_end: string;
  acquired: string;
  new_customers: string;
  lost: string;
}

function countsOf(rows: TallyRow[], periods: number): RetentionCounts[] {
  const byK = new Map(rows.map((r) => [Number(r.k), r]));
  return Array.from({ length: periods }, (_, k) => {
    const r = byK.get(k);
    const atStart = Number(r?.at_start ?? 0);
    const atEnd = Number(r?.at_end ?? 0);
    const acquired = Number(r?.acquired ?? 0);
    const newCustomers = Number(r?.new_customers ?? 0);
    const lost = Number(r?.lost ?? 0);
    return {
      atStart,
      acquired,
      newCustomers,
      reactivated: acquired - newCustomers,
      lost,
      atEnd,
      retentionRate: retentionRate({ atStart, acquired, atEnd }),
      churnRate: churnRate({ atStart, lost }),
    };
  });
}

/** Windows whose order activity the rollup tracks. */
export async function trackedWindows(em: EntityManager): Promise<number[]> {
  const rows = await em.query<{ days: number }[]>(`SELECT days FROM analytics_activity_windows`);
  return rows.map((r) => Number(r.days));
}

/** Whether the rollup answers this definition and grid exactly. */
export function rollupServes(
  definition: ActiveDefinition,
  grid: PeriodGrid,
  windows: readonly number[],
): boolean {
  return (
    definition.eventTypes.length === 1 &&
    definition.eventTypes[0] === "order" &&
    windows.includes(definition.withinDays) &&
    monthIndex(grid.boundaries[0]!) >= 0
  );
}

/** Sub-grids of at most `maxPeriods` periods, so each pattern fits in a bigint. */
function chunks(grid: PeriodGrid, maxPeriods: number): PeriodGrid[] {
  const out: PeriodGrid[] = [];
  for (let k = 0; k < grid.periods; k += maxPeriods)
    out.push(gridFrom(grid.boundaries[k]!, grid.months, Math.min(maxPeriods, grid.periods - k)));
  return out;
}

/**
 * All periods from the shop-wide stats: active at each boundary, acquired and new between
 * consecutive ones; lost = at start + acquired - at end.
 */
async function fromStats(
  em: EntityManager,
  grid: PeriodGrid,
  windowDays: number,
): Promise<RetentionCounts[]> {
  const j0 = monthIndex(grid.boundaries[0]!);
  const months = grid.boundaries.map((_, k) => j0 + k * grid.months);
  const rows = await em.query<
    { month: number; active: string; acquired: string; new_customers: string }[]
  >(
    `SELECT month, sum(active)::bigint AS active, sum(acquired)::bigint AS acquired, sum(new_customers)::bigint AS new_customers
     FROM (SELECT * FROM analytics_retention_stats WHERE window_days = $1 AND step = $2 AND month = ANY($3::int[])
           UNION ALL
           SELECT * FROM analytics_retention_deltas WHERE window_days = $1 AND step = $2 AND month = ANY($3::int[])) AS s
     GROUP BY month`,
    [windowDays, grid.months, months],
  );
  const at = new Map(rows.map((r) => [Number(r.month), r]));
  const n = (month: number, key: "active" | "acquired" | "new_customers") =>
    Number(at.get(month)?.[key] ?? 0);
  return Array.from({ length: grid.periods }, (_, k) => {
    const atStart = n(months[k]!, "active");
    const atEnd = n(months[k + 1]!, "active");
    const acquired = n(months[k]!, "acquired");
    const newCustomers = n(months[k]!, "new_customers");
    const lost = atStart + acquired - atEnd;
    return {
      atStart,
      acquired,
      newCustomers,
      reactivated: acquired - newCustomers,
      lost,
      atEnd,
      retentionRate: retentionRate({ atStart, acquired, atEnd }),
      churnRate: churnRate({ atStart, lost }),
    };
  });
}

/** One chunk from the rollup: the bits of the chunk's month starts, sliced out of the words. */
async function fromRollup(
  em: EntityManager,
  grid: PeriodGrid,
  windowDays: number,
  segmentId: string | null,
): Promise<RetentionCounts[]> {
  const j0 = monthIndex(grid.boundaries[0]!);
  const bits = grid.periods * grid.months + 1;
  const params: unknown[] = [
    windowDays,
    Math.floor(j0 / WORD_BITS),
    j0 % WORD_BITS,
    ((1n << BigInt(bits)) - 1n).toString(),
    grid.boundaries.map((b) => b.toISOString()),
    grid.boundaries.at(-1)!.toISOString(),
    grid.periods,
    grid.months,
  ];
  const segment = segmentId ? SEGMENT_FILTER("a.customer_id", `$${params.push(segmentId)}`) : "";
  const customers = `
    SELECT ((coalesce(a.words[$2::int], 0) >> $3::int) | (coalesce(a.words[$2::int + 1], 0) << (${WORD_BITS} - $3::int))) & $4::bigint AS bits,
      width_bucket(a.first_at, $5::timestamptz[]) - 1 AS first_period
    FROM analytics_customer_activity a
    WHERE a.window_days = $1 AND a.first_at < $6::timestamptz ${segment}`;
  const rows = await em.query<TallyRow[]>(tallySql(customers, "$7", "$8"), params);
  return countsOf(rows, grid.periods);
}

/** One chunk from events: bit k set by an event at t when t < B_k <= t + withinDays. */
async function fromEvents(
  em: EntityManager,
  grid: PeriodGrid,
  definition: ActiveDefinition,
  segmentId: string | null,
): Promise<RetentionCounts[]> {
  const params: unknown[] = [
    definition.withinDays,
    grid.boundaries.map((b) => b.toISOString()),
    grid.boundaries.at(-1)!.toISOString(),
    definition.eventTypes,
    grid.periods,
  ];
  const segment = segmentId ? SEGMENT_FILTER("e.customer_id", `$${params.push(segmentId)}`) : "";
  const customers = `
    SELECT bit_or((1::bigint << width_bucket(e.occurred_at + make_interval(days => $1::int), $2::timestamptz[]))
                  - (1::bigint << width_bucket(e.occurred_at, $2::timestamptz[]))) AS bits,
      width_bucket(min(e.occurred_at), $2::timestamptz[]) - 1 AS first_period
    FROM events e
    WHERE e.occurred_at < $3::timestamptz AND e.type = ANY($4::text[]) ${segment}
    GROUP BY e.customer_id`;
  const rows = await em.query<TallyRow[]>(tallySql(customers, "$5", "1"), params);
  return countsOf(rows, grid.periods);
}

/**
 * Retention counts and rates for every period of the grid: from the shop-wide stats when the
 * rollup tracks the definition and no segment is asked for, from the per-customer rollup for a
 * segment, from events for any other definition. `path` forces a path (tests, benchmarks).
 */
export async function retentionCounts(
  em: EntityManager,
  grid: PeriodGrid,
  definition: ActiveDefinition,
  segmentId: string | null,
  path?: RetentionPath,
): Promise<{ source: RetentionSource; path: RetentionPath; periods: RetentionCounts[] }> {
  const windows = await trackedWindows(em);
  const tracked = rollupServes(definition, grid, windows);
  const chosen: RetentionPath =
    path ??
    (!tracked ? "events" : !segmentId && STAT_STEPS.includes(grid.months) ? "stats" : "customers");
  if (chosen !== "events" && !tracked)
    throw new Error(`The rollup does not track ${JSON.stringify(definition)}`);
  const source: RetentionSource = chosen === "events" ? "events" : "rollup";
  if (chosen === "stats") {
    if (segmentId || !STAT_STEPS.includes(grid.months))
      throw new Error("The shop-wide stats have no segments and steps of 1, 3 or 12 months");
    return { source, path: chosen, periods: await fromStats(em, grid, definition.withinDays) };
  }
  const periods: RetentionCounts[] = [];
  if (chosen === "customers") {
    // A chunk of P periods reads P × months + 1 month bits.
    const perChunk = Math.floor((MAX_BITS - 1) / grid.months);
    for (const g of chunks(grid, perChunk))
      periods.push(...(await fromRollup(em, g, definition.withinDays, segmentId)));
  } else {
    // width_bucket gives boundary numbers 0..P + 1, so P + 1 bits are shifted in.
    for (const g of chunks(grid, MAX_BITS - 2))
      periods.push(...(await fromEvents(em, g, definition, segmentId)));
  }
  return { source, path: chosen, periods };
}
