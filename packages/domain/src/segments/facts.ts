import { EVENT_TYPES } from "../events/event-types";

/**
 * Per-customer facts kept up to date on ingest (table customer_facts, alias `f`): for every
 * event type its count and first/last time, and for orders the money aggregates. The
 * compiler answers a condition from facts when they give the exact same answer as scanning
 * events, and otherwise uses them to skip customers who cannot match (no events of those
 * types in the window). Identifiers come only from these whitelists.
 */
export const FACT_EVENT_TYPES = EVENT_TYPES;

export const FACTS_TABLE = "customer_facts";

/** `FROM` clause for compiled rules that may use facts. */
export const SEGMENT_FROM = `customers c LEFT JOIN ${FACTS_TABLE} f ON f.customer_id = c.id`;

export type FactStat = "count" | "first_at" | "last_at";

export function factColumn(type: (typeof FACT_EVENT_TYPES)[number], stat: FactStat): string {
  if (!(FACT_EVENT_TYPES as readonly string[]).includes(type))
    throw new Error(`no facts for event type ${type}`);
  return `${type}_${stat}`;
}

/** Money facts of orders: sums and counts in minor units, exactly as the events hold them. */
export const ORDER_MONEY_FACTS = [
  "order_amount_sum",
  "order_amount_n",
  "order_amount_min",
  "order_amount_max",
  "order_discount_sum",
  "order_discount_n",
  "order_discounted_n",
] as const;

/** All fact columns with their SQL types, for the migration and the rebuild. */
export function factColumns(): { name: string; sqlType: string; default: string | null }[] {
  return [
    ...FACT_EVENT_TYPES.flatMap((t) => [
      { name: factColumn(t, "count"), sqlType: "integer NOT NULL", default: "0" },
      { name: factColumn(t, "first_at"), sqlType: "timestamptz", default: null },
      { name: factColumn(t, "last_at"), sqlType: "timestamptz", default: null },
    ]),
    { name: "order_amount_sum", sqlType: "bigint NOT NULL", default: "0" },
    { name: "order_amount_n", sqlType: "integer NOT NULL", default: "0" },
    { name: "order_amount_min", sqlType: "bigint", default: null },
    { name: "order_amount_max", sqlType: "bigint", default: null },
    { name: "order_discount_sum", sqlType: "bigint NOT NULL", default: "0" },
    { name: "order_discount_n", sqlType: "integer NOT NULL", default: "0" },
    { name: "order_discounted_n", sqlType: "integer NOT NULL", default: "0" },
  ];
}

/** Rebuilds facts from events for all customers (or those in `$1::uuid[]` when `scoped`). */
export function rebuildFactsSql(scoped: boolean): { delete: string; insert: string } {
  const where = scoped ? "WHERE customer_id = ANY($1::uuid[])" : "";
  const perType = FACT_EVENT_TYPES.flatMap((t) => [
    `count(*) FILTER (WHERE type = '${t}')::int`,
    `min(occurred_at) FILTER (WHERE type = '${t}')`,
    `max(occurred_at) FILTER (WHERE type = '${t}')`,
  ]);
  const money = [
    `coalesce(sum(amount_minor) FILTER (WHERE type = 'order'), 0)`,
    `count(amount_minor) FILTER (WHERE type = 'order')::int`,
    `min(amount_minor) FILTER (WHERE type = 'order')`,
    `max(amount_minor) FILTER (WHERE type = 'order')`,
    `coalesce(sum(discount_minor) FILTER (WHERE type = 'order'), 0)`,
    `count(discount_minor) FILTER (WHERE type = 'order')::int`,
    `count(*) FILTER (WHERE type = 'order' AND coalesce(discount_minor, 0) > 0)::int`,
  ];
  return {
    delete: `DELETE FROM ${FACTS_TABLE} ${where}`,
    insert: `INSERT INTO ${FACTS_TABLE} (customer_id, ${factColumns()
      .map((c) => c.name)
      .join(", ")})
             SELECT customer_id, ${[...perType, ...money].join(", ")} FROM events ${where} GROUP BY customer_id`,
  };
}

/**
 * The upsert that folds one new event into its customer's facts ($1 customer, $2 time,
 * $3 amount, $4 discount). Same result as a rebuild, one row lock per event.
 */
export function foldEventSql(type: (typeof FACT_EVENT_TYPES)[number]): string {
  const [count, first, last] = (["count", "first_at", "last_at"] as const).map((s) =>
    factColumn(type, s),
  );
  const cols = ["customer_id", count, first, last];
  const values = ["$1", "1", "$2", "$2"];
  const sets = [
    `${count} = ${FACTS_TABLE}.${count} + 1`,
    `${first} = LEAST(${FACTS_TABLE}.${first}, EXCLUDED.${first})`,
    `${last} = GREATEST(${FACTS_TABLE}.${last}, EXCLUDED.${last})`,
  ];
  if (type === "order") {
    cols.push(...ORDER_MONEY_FACTS);
    values.push(
      "coalesce($3::bigint, 0)",
      "CASE WHEN $3::bigint IS NULL THEN 0 ELSE 1 END",
      "$3::bigint",
      "$3::bigint",
      "coalesce($4::bigint, 0)",
      "CASE WHEN $4::bigint IS NULL THEN 0 ELSE 1 END",
      "CASE WHEN coalesce($4::bigint, 0) > 0 THEN 1 ELSE 0 END",
    );
    sets.push(
      ...[
        "order_amount_sum",
        "order_amount_n",
        "order_discount_sum",
        "order_discount_n",
        "order_discounted_n",
      ].map((c) => `${c} = ${FACTS_TABLE}.${c} + EXCLUDED.${c}`),
      `order_amount_min = LEAST(${FACTS_TABLE}.order_amount_min, EXCLUDED.order_amount_min)`,
      `order_amount_max = GREATEST(${FACTS_TABLE}.order_amount_max, EXCLUDED.order_amount_max)`,
    );
  }
  return `INSERT INTO ${FACTS_TABLE} (${cols.join(", ")}) VALUES (${values.join(", ")}) ON CONFLICT (customer_id) DO UPDATE SET ${sets.join(", ")}`;
}
