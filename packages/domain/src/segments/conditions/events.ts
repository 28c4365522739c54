import { z } from "zod";
import { EVENT_TYPES } from "../../events/event-types";
import {
  compareNumber,
  compareRatio,
  describeNumber,
  numberComparison,
  sqlCompareNumber,
  sqlCompareRatio,
} from "../compare";
import type { CompileContext, ConditionKind, EvalContext } from "../registry";
import {
  factSource,
  isPlainFilter,
  pruned,
  sqlDecideCount,
  windowFacts,
  type FactSource,
} from "./facts-sql";
import type { SqlParams } from "../sql";
import { isoDate } from "./dates";
import { ruleText } from "./text";
import { DAY_MS, eventCategories, eventProducts, type SubjectEvent } from "../subject";

const days = z.number().int().min(0).max(36_500);

const PAYLOAD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * A top-level payload field that must hold exactly this string, e.g. a support contact's
 * `kind`, a subscription's `change` or a page view's `pageType`. Non-string values never match.
 */
export const payloadMatch = z.object({
  key: z.string().regex(PAYLOAD_KEY, "must be a letter then letters, digits or _"),
  equals: ruleText(200, 1),
});
export type PayloadMatch = z.infer<typeof payloadMatch>;

/** Which events a behavioural condition looks at. */
export const eventFilter = z.object({
  types: z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length),
  category: ruleText(100, 1).optional(),
  productId: ruleText(200, 1).optional(),
  discounted: z.boolean().optional(),
  payload: payloadMatch.optional(),
});
export type EventFilter = z.infer<typeof eventFilter>;

export const timeWindow = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("last_days"), days }),
  z
    .object({ kind: z.literal("between_days_ago"), min: days, max: days })
    .refine((w) => w.min <= w.max, { message: "min must not exceed max", path: ["max"] }),
  z.object({ kind: z.literal("absolute"), from: isoDate.optional(), to: isoDate.optional() }),
]);
export type TimeWindow = z.infer<typeof timeWindow>;

function inWindow(t: number, w: TimeWindow, now: number): boolean {
  switch (w.kind) {
    case "all":
      return true;
    case "last_days":
      return t >= now - w.days * DAY_MS && t <= now;
    case "between_days_ago":
      return t >= now - w.max * DAY_MS && t <= now - w.min * DAY_MS;
    case "absolute":
      return (
        (w.from === undefined || t >= Date.parse(w.from)) &&
        (w.to === undefined || t <= Date.parse(w.to))
      );
  }
}

export function matchingEvents(
  events: SubjectEvent[],
  f: EventFilter,
  w: TimeWindow,
  now: Date,
): SubjectEvent[] {
  const n = now.getTime();
  return events.filter(
    (e) =>
      (f.types as string[]).includes(e.type) &&
      inWindow(e.occurredAt.getTime(), w, n) &&
      (f.category === undefined || eventCategories(e).includes(f.category)) &&
      (f.productId === undefined || eventProducts(e).includes(f.productId)) &&
      (f.discounted === undefined || (e.discountMinor ?? 0) > 0 === f.discounted) &&
      (f.payload === undefined ||
        (Object.hasOwn(e.payload, f.payload.key) && e.payload[f.payload.key] === f.payload.equals)),
  );
}

const CATEGORIES_SQL = `(CASE WHEN jsonb_typeof(e.payload -> 'categories') = 'array' THEN e.payload -> 'categories' WHEN e.category IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(e.category) END)`;

/** The WHERE clause selecting this customer's matching events from `events e`. */
export function sqlEventWhere(
  f: EventFilter,
  w: TimeWindow,
  p: SqlParams,
  now: Date,
  customerId = "c.id",
): string {
  const at = (ms: number) => p.bind(new Date(ms).toISOString(), "timestamptz");
  const n = now.getTime();
  const parts = [`e.customer_id = ${customerId}`, `e.type = ANY(${p.bind(f.types, "text[]")})`];
  if (w.kind === "last_days")
    parts.push(`e.occurred_at >= ${at(n - w.days * DAY_MS)}`, `e.occurred_at <= ${at(n)}`);
  if (w.kind === "between_days_ago")
    parts.push(
      `e.occurred_at >= ${at(n - w.max * DAY_MS)}`,
      `e.occurred_at <= ${at(n - w.min * DAY_MS)}`,
    );
  if (w.kind === "absolute") {
    if (w.from !== undefined) parts.push(`e.occurred_at >= ${at(Date.parse(w.from))}`);
    if (w.to !== undefined) parts.push(`e.occurred_at <= ${at(Date.parse(w.to))}`);
  }
  if (f.category !== undefined)
    parts.push(`${CATEGORIES_SQL} @> jsonb_build_array(${p.bind(f.category, "text")})`);
  if (f.productId !== undefined) {
    const prod = p.bind(f.productId, "text");
    parts.push(
      `((jsonb_typeof(e.payload -> 'productId') = 'string' AND e.payload ->> 'productId' = ${prod}) OR (jsonb_typeof(e.payload -> 'lines') = 'array' AND e.payload -> 'lines' @> jsonb_build_array(jsonb_build_object('productId', ${prod}))))`,
    );
  }
  if (f.discounted !== undefined)
    parts.push(`((coalesce(e.discount_minor, 0) > 0) = ${p.bind(f.discounted, "boolean")})`);
  if (f.payload !== undefined) {
    // ->> also renders numbers and booleans as text; the type check keeps only strings, as the oracle does.
    const key = p.bind(f.payload.key, "text");
    parts.push(
      `(jsonb_typeof(e.payload -> ${key}) = 'string' AND e.payload ->> ${key} = ${p.bind(f.payload.equals, "text")})`,
    );
  }
  return parts.join(" AND ");
}

export function describeFilter(f: EventFilter, w: TimeWindow): string {
  const what = [
    f.types.join("/"),
    f.category && `in ${f.category}`,
    f.productId && `of ${f.productId}`,
    f.discounted !== undefined && (f.discounted ? "with discount" : "without discount"),
    f.payload && `with ${f.payload.key} "${f.payload.equals}"`,
  ]
    .filter(Boolean)
    .join(" ");
  const when =
    w.kind === "all"
      ? "ever"
      : w.kind === "last_days"
        ? `in the last ${w.days} days`
        : w.kind === "between_days_ago"
          ? `between ${w.min} and ${w.max} days ago`
          : `between ${w.from ?? "the start"} and ${w.to ?? "now"}`;
  return `${what} ${when}`;
}

export const AGGREGATES = [
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "distinct_categories",
  "distinct_products",
  "share_discounted",
] as const;

const aggregateArgs = z.object({
  filter: eventFilter,
  window: timeWindow,
  aggregate: z.enum(AGGREGATES),
  /** For sum, avg, min and max: which money column (minor units). */
  measure: z.enum(["amount", "discount"]).default("amount"),
  compare: numberComparison,
});
type AggregateArgs = z.infer<typeof aggregateArgs>;

const measureOf = (e: SubjectEvent, m: AggregateArgs["measure"]) =>
  m === "amount" ? e.amountMinor : e.discountMinor;

/** count, sum, avg, min, max, distinct counts and the share (percent) of discounted events. */
export const eventAggregate: ConditionKind<AggregateArgs> = {
  kind: "event_aggregate",
  label: "Behaviour (events)",
  factsOnly: true,
  args: aggregateArgs,
  evaluate(a, { events }, { now }: EvalContext) {
    const ev = matchingEvents(events, a.filter, a.window, now);
    const values = ev.map((e) => measureOf(e, a.measure)).filter((v): v is number => v !== null);
    const sum = values.reduce((s, v) => s + v, 0);
    switch (a.aggregate) {
      case "count":
        return { holds: compareNumber(ev.length, a.compare), seen: ev.length };
      case "sum":
        return { holds: compareNumber(sum, a.compare), seen: sum };
      case "avg":
        return {
          holds: compareRatio(sum, values.length, a.compare),
          seen: values.length ? sum / values.length : null,
        };
      case "min":
      case "max": {
        const v = values.length
          ? a.aggregate === "min"
            ? Math.min(...values)
            : Math.max(...values)
          : null;
        return { holds: compareNumber(v, a.compare), seen: v };
      }
      case "distinct_categories":
      case "distinct_products": {
        const n = new Set(
          ev.flatMap((e) =>
            a.aggregate === "distinct_categories" ? eventCategories(e) : eventProducts(e),
          ),
        ).size;
        return { holds: compareNumber(n, a.compare), seen: n };
      }
      case "share_discounted": {
        const discounted = ev.filter((e) => (e.discountMinor ?? 0) > 0).length;
        return {
          holds: compareRatio(discounted, ev.length, a.compare, 100),
          seen: ev.length ? (100 * discounted) / ev.length : null,
        };
      }
    }
  },
  toSql(a, ctx: CompileContext) {
    if (!ctx.facts) return aggregateFromEvents(a, ctx);
    const source = factSource(a.filter, ctx.params);
    // The all-time aggregate (binds parameters: only where it is used), when facts hold exactly that number.
    const allTime = () => (source.exact ? aggregateFromFacts(a, ctx, source) : null);
    if (a.window.kind === "all") {
      const exact = allTime();
      if (exact) return exact;
    }
    const wf = windowFacts(a.window, ctx.params, ctx.now, source);
    if (a.aggregate === "count")
      return sqlDecideCount(a.compare, wf, source, ctx.params, aggregateFromEvents(a, ctx));
    // On no matching events: sum and distinct counts are 0; avg, min, max and share have no value.
    const whenNone =
      ["sum", "distinct_categories", "distinct_products"].includes(a.aggregate) &&
      compareNumber(0, a.compare);
    const branches = [`WHEN ${wf.none} THEN ${whenNone}`];
    // Every matching event lies in the window: the windowed aggregate is the all-time one.
    const whenAll = wf.all ? allTime() : null;
    if (whenAll) branches.push(`WHEN ${wf.all} THEN ${whenAll}`);
    return `(CASE ${branches.join(" ")} ELSE ${aggregateFromEvents(a, ctx)} END)`;
  },
  describe: (a) =>
    `${a.aggregate.replace(/_/g, " ")}${["sum", "avg", "min", "max"].includes(a.aggregate) ? ` of ${a.measure}` : ""} of ${describeFilter(a.filter, a.window)} ${describeNumber(a.compare)}`,
};

/** The aggregate straight from the customer's facts, when facts hold exactly that number. */
function aggregateFromFacts(
  a: AggregateArgs,
  { params }: CompileContext,
  source: FactSource,
): string | null {
  if (a.aggregate === "count") return sqlCompareNumber(source.count, a.compare, params);
  const ordersOnly =
    a.filter.types.length === 1 && a.filter.types[0] === "order" && isPlainFilter(a.filter);
  if (!ordersOnly) return null;
  const m = a.measure;
  switch (a.aggregate) {
    case "sum":
      return sqlCompareNumber(`coalesce(f.order_${m}_sum, 0)`, a.compare, params);
    case "avg":
      return sqlCompareRatio(
        `coalesce(f.order_${m}_sum, 0)`,
        `coalesce(f.order_${m}_n, 0)`,
        a.compare,
        params,
      );
    case "min":
    case "max":
      return m === "amount"
        ? sqlCompareNumber(`f.order_amount_${a.aggregate}`, a.compare, params)
        : null;
    case "distinct_categories":
      return sqlCompareNumber("cardinality(coalesce(f.order_categories, '{}'))", a.compare, params);
    case "share_discounted":
      return sqlCompareRatio(
        "coalesce(f.order_discounted_n, 0)",
        "coalesce(f.order_count, 0)",
        a.compare,
        params,
        100,
      );
    default:
      return null;
  }
}

function aggregateFromEvents(
  a: AggregateArgs,
  { params, now, customerId }: CompileContext,
): string {
  const where = sqlEventWhere(a.filter, a.window, params, now, customerId);
  const col = a.measure === "amount" ? "e.amount_minor" : "e.discount_minor";
  const sub = (select: string, from = "events e") =>
    `(SELECT ${select} FROM ${from} WHERE ${where})`;
  switch (a.aggregate) {
    case "count":
      return sqlCompareNumber(sub("count(*)"), a.compare, params);
    case "sum":
      return sqlCompareNumber(sub(`coalesce(sum(${col}), 0)`), a.compare, params);
    case "avg":
      return sqlCompareRatio(
        sub(`coalesce(sum(${col}), 0)`),
        sub(`count(${col})`),
        a.compare,
        params,
      );
    case "min":
    case "max":
      return sqlCompareNumber(sub(`${a.aggregate}(${col})`), a.compare, params);
    case "distinct_categories":
      return sqlCompareNumber(
        sub(
          "count(DISTINCT cat)",
          `events e CROSS JOIN LATERAL jsonb_array_elements_text(${CATEGORIES_SQL}) AS cat`,
        ),
        a.compare,
        params,
      );
    case "distinct_products":
      return sqlCompareNumber(
        sub(
          "count(DISTINCT prod)",
          `events e CROSS JOIN LATERAL (SELECT e.payload ->> 'productId' AS prod WHERE jsonb_typeof(e.payload -> 'productId') = 'string'
               UNION ALL SELECT l ->> 'productId' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload -> 'lines') = 'array' THEN e.payload -> 'lines' ELSE '[]'::jsonb END) AS l
               WHERE jsonb_typeof(l -> 'productId') = 'string') AS products`,
        ),
        a.compare,
        params,
      );
    case "share_discounted":
      return sqlCompareRatio(
        sub("count(*) FILTER (WHERE coalesce(e.discount_minor, 0) > 0)"),
        sub("count(*)"),
        a.compare,
        params,
        100,
      );
  }
}

const daysSinceArgs = z.object({
  which: z.enum(["first", "last"]),
  filter: eventFilter,
  compare: numberComparison,
});

/** Whole days (floored) since the customer's first or last matching event; no event: never holds. */
export const daysSinceEvent: ConditionKind<z.infer<typeof daysSinceArgs>> = {
  kind: "days_since_event",
  label: "Days since first / last event",
  factsOnly: true,
  args: daysSinceArgs,
  evaluate(a, { events }, { now }) {
    const times = matchingEvents(events, a.filter, { kind: "all" }, now).map((e) =>
      e.occurredAt.getTime(),
    );
    if (times.length === 0) return { holds: false, seen: null };
    const t = a.which === "first" ? Math.min(...times) : Math.max(...times);
    const d = Math.floor((now.getTime() - t) / DAY_MS);
    return { holds: compareNumber(d, a.compare), seen: d };
  },
  toSql(a, { params, now, facts, customerId }) {
    const nowParam = params.bind(now.toISOString(), "timestamptz");
    const days = (t: string) =>
      sqlCompareNumber(
        `floor(extract(epoch FROM (${nowParam} - ${t})) / 86400)`,
        a.compare,
        params,
      );
    const source = facts ? factSource(a.filter, params) : null;
    if (source?.exact) return days(a.which === "first" ? source.first : source.last);
    const fromEvents = days(
      `(SELECT ${a.which === "first" ? "min" : "max"}(e.occurred_at) FROM events e WHERE ${sqlEventWhere(a.filter, { kind: "all" }, params, now, customerId)})`,
    );
    return source ? pruned(`${source.count} > 0`, false, fromEvents) : fromEvents;
  },
  describe: (a) =>
    `days since ${a.which} ${describeFilter(a.filter, { kind: "all" })} ${describeNumber(a.compare)}`,
};

const VISIT_TYPES = ["visit", "page_view", "product_view"];
const firstToOrderArgs = z.object({ compare: numberComparison });

/** Whole days from the first visit (visit, page or product view) to the first order. */
export const daysFirstVisitToFirstOrder: ConditionKind<z.infer<typeof firstToOrderArgs>> = {
  kind: "days_first_visit_to_first_order",
  label: "Days from first visit to first order",
  factsOnly: true,
  args: firstToOrderArgs,
  evaluate(a, { events }) {
    const first = (types: string[]) => {
      const ts = events.filter((e) => types.includes(e.type)).map((e) => e.occurredAt.getTime());
      return ts.length ? Math.min(...ts) : null;
    };
    const visit = first(VISIT_TYPES);
    const order = first(["order"]);
    if (visit === null || order === null) return { holds: false, seen: null };
    const d = Math.floor((order - visit) / DAY_MS);
    return { holds: compareNumber(d, a.compare), seen: d };
  },
  toSql(a, { params, facts, customerId = "c.id" }) {
    if (facts)
      return sqlCompareNumber(
        "floor(extract(epoch FROM (f.order_first_at - LEAST(f.visit_first_at, f.page_view_first_at, f.product_view_first_at))) / 86400)",
        a.compare,
        params,
      );
    const first = (types: string[]) =>
      `(SELECT min(e.occurred_at) FROM events e WHERE e.customer_id = ${customerId} AND e.type = ANY(${params.bind(types, "text[]")}))`;
    return sqlCompareNumber(
      `floor(extract(epoch FROM (${first(["order"])} - ${first(VISIT_TYPES)})) / 86400)`,
      a.compare,
      params,
    );
  },
  describe: (a) => `days from first visit to first order ${describeNumber(a.compare)}`,
};
