/**
 * Random valid rules over every registered condition kind except `segment_member`, with every
 * op, and and/or/not groups nested up to four deep. Values come from the same small domains
 * as the populations (population.ts), so comparisons often sit exactly on a boundary.
 */
import fc from "fast-check";
import {
  ACQUISITION_SOURCES,
  AGGREGATES,
  DAY_MS,
  EVENT_TYPES,
  PERSONALITY_COLOURS,
  RULE_VERSION,
  SUBSCRIPTION_CHANGES,
  SUPPORT_CONTACT_KINDS,
  TEXT_FIELDS,
  type Rule,
  type RuleNode,
} from "@trouw/domain";
import {
  ATTRIBUTE_KEYS,
  CATEGORIES,
  DAYS,
  NOWS,
  PAGE_TYPES,
  PRODUCTS,
  PROGRAMS,
  TAGS,
  TEXT_VALUES,
  TIER_CODES,
} from "./population";

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const cond = (kind: string) => (args: Record<string, unknown>) =>
  ({ type: "condition", kind, args }) as RuleNode;

// ---- shared argument pieces -------------------------------------------------------------

/** Values a text condition compares with, per field: whole values and mixed-case fragments. */
const TEXT_POOLS: Record<string, readonly string[]> = {
  email: [...TEXT_VALUES, "an", "AN", "example", "@EXAMPLE.", "İ", "å"],
  name: [...TEXT_VALUES, "an", "AN", "nN", "å", "Å", "İ", "i", "BOB"],
  externalId: ["cust-1", "CUST-2", "Vip-3", "cust-", "CUST", "vip", "1", "3", ""],
  phone: ["+31 6 1234 5678", "0612345678", "+31", "", "06"],
  locale: ["en", "nl", "NL", "de-DE", "DE", "de", "e"],
  attribute: ["gold", "Gold", "GOLD", "GOLDEN", "go", "", "39"],
};

export function textMatch(pool: readonly string[]) {
  const value = pick(pool);
  return fc.oneof(
    fc.record({ op: pick(["eq", "neq", "contains", "starts_with"] as const), value }),
    fc.record({
      op: fc.constant("in" as const),
      values: fc.array(value, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ op: pick(["is_set", "is_not_set"] as const) }),
  );
}

/** Number comparisons over a small pool of values (fractions included, for ratios). */
export function numberComparison(values: readonly number[]) {
  return fc.oneof(
    fc.record({ op: pick(["eq", "neq", "gt", "gte", "lt", "lte"] as const), value: pick(values) }),
    fc
      .tuple(pick(values), pick(values))
      .map(([a, b]) => ({ op: "between" as const, min: Math.min(a, b), max: Math.max(a, b) })),
  );
}

const days = pick(DAYS);
const dayRange = fc.tuple(days, days).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

/** ISO dates and date-times on (or 1 ms off) the window boundaries of every `now`, plus plain dates. */
const isoDate = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(pick(NOWS), days, pick([-1, 0, 0, 1]))
      .map(([now, d, e]) => new Date(now.getTime() - d * DAY_MS + e).toISOString()),
  },
  {
    weight: 2,
    arbitrary: pick(["2000-02-29", "1996-03-01", "1990-01-01", "2026-06-15", "2027-02-28"]),
  },
  {
    weight: 1,
    // The extremes validation allows (PostgreSQL refuses years outside 0001-9999).
    arbitrary: pick(["0001-01-01", "9999-12-31T23:59:59.999Z", "2026-06-15T12:00:00+02:00"]),
  },
);

const dateMatch = fc.oneof(
  fc.record({ op: pick(["before", "after"] as const), date: isoDate }),
  fc.record({ op: fc.constant("between" as const), from: isoDate, to: isoDate }),
  fc.record({
    op: pick(["in_last_days", "more_than_days_ago", "anniversary_within_days"] as const),
    days: fc.oneof(days, pick([2, 29, 31, 60, 364, 365])),
  }),
  dayRange.map(([min, max]) => ({ op: "between_days_ago" as const, min, max })),
  fc.record({ op: pick(["is_set", "is_not_set"] as const) }),
);

/** Mostly absent: each filter field narrows the events a lot. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** One event type with a payload value the customer facts watch (the facts path of the compiler). */
const watchedPayloadFilter = fc.oneof(
  fc.record({
    types: fc.constant(["support_contact"]),
    payload: fc.record({ key: fc.constant("kind"), equals: pick(SUPPORT_CONTACT_KINDS) }),
  }),
  fc.record({
    types: fc.constant(["subscription"]),
    payload: fc.record({ key: fc.constant("change"), equals: pick(SUBSCRIPTION_CHANGES) }),
  }),
  fc.record({
    types: fc.constant(["page_view"]),
    payload: fc.record({ key: fc.constant("pageType"), equals: pick(PAGE_TYPES) }),
  }),
);

const anyEventFilter = fc
  .record({
    types: fc.oneof(
      { weight: 2, arbitrary: fc.subarray([...EVENT_TYPES], { minLength: 1, maxLength: 4 }) },
      {
        weight: 3,
        arbitrary: pick([
          ["order"],
          ["order"],
          ["product_view"],
          ["visit", "page_view", "product_view"],
          ["order", "refund"],
          ["order", "product_view"],
        ]),
      },
    ),
    category: sometimes(
      fc.oneof({ weight: 4, arbitrary: pick(CATEGORIES) }, pick(["Shoes", "hats"])),
    ),
    productId: sometimes(pick([...PRODUCTS, "p-9"])),
    discounted: sometimes(fc.boolean()),
    // Top-level payload strings; `full` (a refund's boolean) must never equal "true".
    payload: sometimes(
      fc.oneof(
        fc.record({ key: fc.constant("kind"), equals: pick(SUPPORT_CONTACT_KINDS) }),
        fc.record({ key: fc.constant("change"), equals: pick(SUBSCRIPTION_CHANGES) }),
        fc.record({ key: fc.constant("pageType"), equals: pick(PAGE_TYPES) }),
        fc.record({
          key: pick(["status", "plan", "channel", "full", "missing"]),
          equals: pick(["open", "resolved", "Plus", "plus", "web", "email", "true"]),
        }),
      ),
    ),
  })
  .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)));

const eventFilter = fc.oneof(
  { weight: 4, arbitrary: anyEventFilter },
  { weight: 1, arbitrary: watchedPayloadFilter },
);

const timeWindow = fc.oneof(
  fc.constant({ kind: "all" as const }),
  fc.record({ kind: fc.constant("last_days" as const), days }),
  dayRange.map(([min, max]) => ({ kind: "between_days_ago" as const, min, max })),
  fc.record(
    { kind: fc.constant("absolute" as const), from: isoDate, to: isoDate },
    { requiredKeys: ["kind"] },
  ),
);

const AGGREGATE_VALUES: Record<(typeof AGGREGATES)[number], readonly number[]> = {
  count: [0, 1, 2, 3],
  sum: [0, 400, 500, 1000, 1500, 2500, 3500],
  avg: [0, 0.7, 500, 750, 1000, 1233.3, 1666.66, 2500],
  min: [0, 100, 400, 500, 1000, 2500],
  max: [0, 100, 400, 500, 1000, 2500],
  distinct_categories: [0, 1, 2, 3],
  distinct_products: [0, 1, 2, 3],
  share_discounted: [0, 14.7, 25, 33.3, 33.33, 50, 66, 66.67, 70, 100],
};

const eventAggregate = pick(AGGREGATES).chain((aggregate) =>
  fc.record(
    {
      filter: eventFilter,
      window: timeWindow,
      aggregate: fc.constant(aggregate),
      measure: pick(["amount", "discount"] as const),
      compare: numberComparison(AGGREGATE_VALUES[aggregate]),
    },
    { requiredKeys: ["filter", "window", "aggregate", "compare"] },
  ),
);

// ---- one condition of each kind ---------------------------------------------------------

export const conditionNode: fc.Arbitrary<RuleNode> = fc.oneof(
  pick(Object.keys(TEXT_FIELDS))
    .chain((field) => textMatch(TEXT_POOLS[field]!).map((match) => ({ field, match })))
    .map(cond("text_field")),
  fc
    .oneof(
      fc.record({
        field: fc.constant("acquisitionSource"),
        values: fc.subarray([...ACQUISITION_SOURCES], { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        field: fc.constant("personalityColour"),
        values: fc.subarray([...PERSONALITY_COLOURS], { minLength: 1, maxLength: 3 }),
      }),
    )
    .chain(({ field, values }) =>
      pick(["eq", "neq", "in", "not_in", "is_set", "is_not_set"] as const).map((op) =>
        op === "eq" || op === "neq"
          ? { field, op, values: values.slice(0, 1) }
          : op === "in" || op === "not_in"
            ? { field, op, values }
            : { field, op },
      ),
    )
    .map(cond("enum_field")),
  fc
    .record({ field: pick(["signedUpAt", "birthDate"] as const), match: dateMatch })
    .map(cond("date_field")),
  fc.record({ value: fc.boolean() }).map(cond("marketing_consent")),
  fc
    .record(
      {
        op: pick([
          "contains_any",
          "contains_all",
          "contains_none",
          "is_empty",
          "is_not_empty",
        ] as const),
        tags: fc.subarray([...TAGS, "VIP", " Newsletter ", "ÉTÉ", "none"], { maxLength: 3 }),
      },
      { requiredKeys: ["op"] },
    )
    .map(cond("tags")),
  fc
    .tuple(pick([...ATTRIBUTE_KEYS, "missing"]), pick(["text", "number", "boolean"] as const))
    .chain(([key, valueType]) =>
      (valueType === "text"
        ? textMatch(TEXT_POOLS.attribute!)
        : valueType === "number"
          ? numberComparison([-1, 0, 0.1, 0.3, 39, 39.5, 100, 1e21])
          : fc.record({ value: fc.boolean() })
      ).map((match) => ({ key, valueType, match })),
    )
    .map(cond("custom_attribute")),
  { weight: 4, arbitrary: eventAggregate.map(cond("event_aggregate")) },
  fc
    .record({
      which: pick(["first", "last"] as const),
      filter: eventFilter,
      compare: numberComparison([-1, 0, 1, 7, 30, 180, 181]),
    })
    .map(cond("days_since_event")),
  fc
    .record({ compare: numberComparison([-1, 0, 1, 7, 30, 180]) })
    .map(cond("days_first_visit_to_first_order")),
  fc.record({ programId: pick(PROGRAMS) }).map(cond("loyalty_member")),
  fc
    .record({
      programId: pick(PROGRAMS),
      tierCodes: fc.subarray([...TIER_CODES], { minLength: 1 }),
    })
    .map(cond("loyalty_tier")),
  fc
    .record({ programId: pick(PROGRAMS), compare: numberComparison([-5, 0, 1, 99, 100, 500]) })
    .map(cond("loyalty_balance")),
  fc
    .record({
      programId: pick(PROGRAMS),
      days: pick([1, 7, 30, 180]),
      compare: numberComparison([-10, 0, 50, 100, 150]),
    })
    .map(cond("loyalty_points_earned")),
  fc
    .record(
      {
        categories: fc.subarray(["promoter", "passive", "detractor"], { minLength: 1 }),
        withinDays: pick(DAYS),
      },
      { requiredKeys: ["categories"] },
    )
    .map(cond("survey_nps_category")),
  fc
    .record(
      { compare: numberComparison([0, 1, 2, 3, 4.5, 5, 6]), withinDays: pick(DAYS) },
      { requiredKeys: ["compare"] },
    )
    .map(cond("survey_csat")),
);

/** A rule node nested at most `depth` groups deep. */
export function ruleNode(depth = 4): fc.Arbitrary<RuleNode> {
  if (depth === 0) return conditionNode;
  const child = ruleNode(depth - 1);
  return fc.oneof(
    { weight: 5, arbitrary: conditionNode },
    {
      weight: 2,
      arbitrary: fc
        .tuple(pick(["and", "or"] as const), fc.array(child, { maxLength: 3 }))
        .map(([type, children]) => ({ type, children }) as RuleNode),
    },
    { weight: 1, arbitrary: child.map((c) => ({ type: "not", child: c }) as RuleNode) },
  );
}

export const ruleArb = (depth = 4): fc.Arbitrary<Rule> =>
  ruleNode(depth).map((root) => ({ version: RULE_VERSION, root }));
