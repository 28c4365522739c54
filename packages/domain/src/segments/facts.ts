import { EVENT_TYPES } from "../events/event-types";

/**
 * Per-customer facts kept up to date on ingest (table customer_facts, alias `f`): for every
 * event type its count and first/last time, for orders the money aggregates, and the latest
 * NPS and CSAT answers (with their times) from survey responses. A customer has a facts row
 * once they have an event or an NPS/CSAT answer. The
 * compiler answers a condition from facts when they give the exact same answer as scanning
 * events, and otherwise uses them to skip customers who cannot match (no events of those
 * types in the window). Identifiers come only from these whitelists.
 */
export const FACT_EVENT_TYPES = EVENT_TYPES;

export const FACTS_TABLE = "customer_facts";

/** `FROM` clause for compiled rules that may use facts. */
export const SEGMENT_FROM = `customers c LEFT JOIN ${FACTS_TABLE} f ON f.customer_id = c.id`;

/**
 * `FROM` clause for rules that no customer without facts (no events, no survey answers) can
 * match: only customers with facts, so conditions on facts filter before the join. Every facts row has its customer, so the outer join loses nothing, and PostgreSQL
 * drops it altogether when nothing reads `c` (a count).
 */
export const SEGMENT_FROM_FACTS = `${FACTS_TABLE} f LEFT JOIN customers c ON c.id = f.customer_id`;

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

/**
 * The latest order times per customer (newest first, at most this many; column
 * `order_recent`), so "at least N orders in the last D days" reads facts for N up to this.
 */
export const RECENT_ORDERS = 10;

/** The latest `RECENT_ORDERS` order times of an array of times, newest first. */
export const recentOrdersSql = (times: string) =>
  `coalesce((SELECT array_agg(t ORDER BY t DESC) FROM (SELECT t FROM unnest(${times}) AS t ORDER BY t DESC LIMIT ${RECENT_ORDERS}) AS latest), '{}')`;

/**
 * Payload values worth their own facts (count, first, last per value), kept in the jsonb
 * column `payload_facts` under `"<type>.<key>=<value>"`: the signals the lifecycle templates
 * read (complaints, pre-sales questions, cancelled auto-renewals, lifetime memberships,
 * comparison pages).
 */
export const PAYLOAD_FACTS = [
  { type: "support_contact", key: "kind" },
  { type: "subscription", key: "change" },
  { type: "page_view", key: "pageType" },
] as const;

export function payloadFactKey(type: string, key: string, value: string): string | null {
  return PAYLOAD_FACTS.some((p) => p.type === type && p.key === key)
    ? `${type}.${key}=${value}`
    : null;
}

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

/** Distinct order categories, as the oracle sees them (line categories, else the column). */
export const ORDER_CATEGORIES_SQL = `(SELECT coalesce(array_agg(DISTINCT cat ORDER BY cat), '{}') FROM (
    SELECT c #>> '{}' AS cat FROM events e2, jsonb_array_elements(CASE WHEN jsonb_typeof(e2.payload -> 'categories') = 'array' THEN e2.payload -> 'categories' WHEN e2.category IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(e2.category) END) AS c
    WHERE e2.customer_id = f.customer_id AND e2.type = 'order' AND jsonb_typeof(c) = 'string') AS cats)`;

/** The payload facts of customer `f.customer_id`, recomputed from events. */
export function payloadFactsSql(): string {
  const watched = PAYLOAD_FACTS.map((p) => `('${p.type}', '${p.key}')`).join(", ");
  return `coalesce((
        SELECT jsonb_object_agg(k, jsonb_build_object('n', n, 'first', first, 'last', last)) FROM (
          SELECT e2.type || '.' || w.key || '=' || (e2.payload ->> w.key) AS k, count(*)::int AS n, min(e2.occurred_at) AS first, max(e2.occurred_at) AS last
          FROM events e2 JOIN (VALUES ${watched}) AS w(type, key) ON e2.type = w.type
          WHERE e2.customer_id = f.customer_id AND jsonb_typeof(e2.payload -> w.key) = 'string'
          GROUP BY 1) AS x), '{}')`;
}

/** The latest survey answers in customer_facts, next to the event facts. */
export const SURVEY_FACT_COLUMNS = [
  "latest_nps",
  "latest_nps_at",
  "latest_csat",
  "latest_csat_at",
] as const;

/**
 * The latest NPS and CSAT answer per customer, from survey_responses (what the fold keeps).
 * Two answers at the same instant (only a frozen clock gives those): the lower score counts,
 * so the fold gives the same whatever order the answers came in.
 */
export function surveyFactsSql(where = ""): string {
  const latest = (score: string) => [
    `(array_agg(${score} ORDER BY submitted_at DESC, ${score}) FILTER (WHERE ${score} IS NOT NULL))[1]`,
    `max(submitted_at) FILTER (WHERE ${score} IS NOT NULL)`,
  ];
  const exprs = [...latest("nps_score"), ...latest("csat_score")];
  return `SELECT customer_id, ${exprs.map((e, i) => `${e} AS ${SURVEY_FACT_COLUMNS[i]}`).join(", ")}
    FROM survey_responses WHERE (nps_score IS NOT NULL OR csat_score IS NOT NULL)${where ? ` AND ${where}` : ""}
    GROUP BY customer_id`;
}

/**
 * Rebuilds facts from events and survey responses for all customers (or those in
 * `$1::uuid[]` when `scoped`): every row written once, in one statement (an update afterwards
 * would leave a dead copy of each row behind, and every segment query scans the table).
 */
export function rebuildFactsSql(scoped: boolean): {
  delete: string;
  insert: string;
} {
  const scope = scoped ? "customer_id = ANY($1::uuid[])" : "";
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
    `coalesce((array_agg(occurred_at ORDER BY occurred_at DESC) FILTER (WHERE type = 'order'))[1:${RECENT_ORDERS}], '{}')`,
  ];
  const eventColumns = [...factColumns(), { name: "order_recent", default: "'{}'" }];
  const aggregates = [...perType, ...money].map((sql, i) => `${sql} AS ${eventColumns[i]!.name}`);
  // A customer with survey answers but no events gets the facts of no events.
  const eventValues = eventColumns.map((c) =>
    c.default === null ? `e.${c.name}` : `coalesce(e.${c.name}, ${c.default})`,
  );
  const columns = [
    ...eventColumns.map((c) => c.name),
    "payload_facts",
    "order_categories",
    ...SURVEY_FACT_COLUMNS,
  ];
  return {
    // All customers: TRUNCATE, so the table does not keep the dead half of every page.
    delete: scoped ? `DELETE FROM ${FACTS_TABLE} WHERE ${scope}` : `TRUNCATE ${FACTS_TABLE}`,
    insert: `INSERT INTO ${FACTS_TABLE} (customer_id, ${columns.join(", ")})
             SELECT f.customer_id, ${eventValues.join(", ")}, ${payloadFactsSql()}, ${ORDER_CATEGORIES_SQL}, ${SURVEY_FACT_COLUMNS.map((c) => `s.${c}`).join(", ")}
             FROM (SELECT customer_id, ${aggregates.join(", ")} FROM events ${scoped ? `WHERE ${scope}` : ""} GROUP BY customer_id) AS e
             FULL JOIN (${surveyFactsSql(scope)}) AS s ON s.customer_id = e.customer_id
             CROSS JOIN LATERAL (SELECT coalesce(e.customer_id, s.customer_id) AS customer_id) AS f`,
  };
}

/**
 * The upsert that folds one survey response's NPS ($2) and CSAT ($3) answers, given at $4,
 * into customer $1's facts: an answer replaces the kept one when it is newer (at the same
 * instant, when lower; see `surveyFactsSql`). An answer left out keeps what was there.
 */
export function foldSurveySql(): string {
  const newer = (c: string) =>
    `(EXCLUDED.${c} IS NOT NULL AND (f.${c}_at IS NULL OR EXCLUDED.${c}_at > f.${c}_at OR (EXCLUDED.${c}_at = f.${c}_at AND EXCLUDED.${c} < f.${c})))`;
  const sets = (["latest_nps", "latest_csat"] as const).flatMap((c) => [
    `${c} = CASE WHEN ${newer(c)} THEN EXCLUDED.${c} ELSE f.${c} END`,
    `${c}_at = CASE WHEN ${newer(c)} THEN EXCLUDED.${c}_at ELSE f.${c}_at END`,
  ]);
  return `INSERT INTO ${FACTS_TABLE} AS f (customer_id, ${SURVEY_FACT_COLUMNS.join(", ")})
    VALUES ($1, $2::smallint, CASE WHEN $2::smallint IS NULL THEN NULL ELSE $4::timestamptz END,
            $3::smallint, CASE WHEN $3::smallint IS NULL THEN NULL ELSE $4::timestamptz END)
    ON CONFLICT (customer_id) DO UPDATE SET ${sets.join(", ")}`;
}

/**
 * Where the fold statement takes its inputs from when it is part of a larger statement: the
 * customer as an SQL expression over `from` (a CTE with one row per folded event, none when
 * there is nothing to fold), and the SQL of the fold's parameter n in that statement.
 */
export interface FoldInputs {
  from: string;
  customer: string;
  param: (n: number) => string;
}

/**
 * The one statement that folds a new event into its customer's facts and marks the customer
 * for the next incremental segment refresh. Parameters: $1 customer, $2 time, then for orders
 * $3 amount, $4 discount; then the watched payload value's key (text or null), for orders the
 * event's categories (text[]), and the time of the dirty mark. Same result as a rebuild, one
 * row lock per event. With `inputs`, the same fold as CTEs (`folded`, `dirty`) to put after
 * another statement's own CTEs, reading the customer from one of them.
 */
export function foldEventSql(type: (typeof FACT_EVENT_TYPES)[number], inputs?: FoldInputs): string {
  const [count, first, last] = (["count", "first_at", "last_at"] as const).map((s) =>
    factColumn(type, s),
  );
  const $ = inputs?.param ?? ((n: number) => `$${n}`);
  const customer = inputs?.customer ?? "$1";
  const order = type === "order";
  const key = order ? `${$(5)}::text` : `${$(3)}::text`;
  const categories = `${$(6)}::text[]`;
  const dirtyAt = order ? `${$(7)}::timestamptz` : `${$(4)}::timestamptz`;
  const at = `${$(2)}::timestamptz`;
  const amount = `${$(3)}::bigint`;
  const discount = `${$(4)}::bigint`;
  const t = FACTS_TABLE;
  const cols = ["customer_id", count, first, last, "payload_facts"];
  const payload = (before: string) =>
    `jsonb_build_object(${key}, jsonb_build_object(
      'n', coalesce((${before} -> ${key} ->> 'n')::int, 0) + 1,
      'first', LEAST((${before} -> ${key} ->> 'first')::timestamptz, ${at}),
      'last', GREATEST((${before} -> ${key} ->> 'last')::timestamptz, ${at})))`;
  const values = [
    customer,
    "1",
    $(2),
    $(2),
    `CASE WHEN ${key} IS NULL THEN '{}'::jsonb ELSE ${payload("'{}'::jsonb")} END`,
  ];
  const sets = [
    `${count} = ${t}.${count} + 1`,
    `${first} = LEAST(${t}.${first}, EXCLUDED.${first})`,
    `${last} = GREATEST(${t}.${last}, EXCLUDED.${last})`,
    `payload_facts = CASE WHEN ${key} IS NULL THEN ${t}.payload_facts ELSE ${t}.payload_facts || ${payload(`${t}.payload_facts`)} END`,
  ];
  if (order) {
    cols.push(...ORDER_MONEY_FACTS);
    cols.push("order_recent", "order_categories");
    values.push(
      `coalesce(${amount}, 0)`,
      `CASE WHEN ${amount} IS NULL THEN 0 ELSE 1 END`,
      amount,
      amount,
      `coalesce(${discount}, 0)`,
      `CASE WHEN ${discount} IS NULL THEN 0 ELSE 1 END`,
      `CASE WHEN coalesce(${discount}, 0) > 0 THEN 1 ELSE 0 END`,
      `ARRAY[${at}]`,
      `ARRAY(SELECT DISTINCT x FROM unnest(${categories}) AS x ORDER BY x)`,
    );
    sets.push(
      ...[
        "order_amount_sum",
        "order_amount_n",
        "order_discount_sum",
        "order_discount_n",
        "order_discounted_n",
      ].map((c) => `${c} = ${t}.${c} + EXCLUDED.${c}`),
      `order_amount_min = LEAST(${t}.order_amount_min, EXCLUDED.order_amount_min)`,
      `order_amount_max = GREATEST(${t}.order_amount_max, EXCLUDED.order_amount_max)`,
      `order_recent = ${recentOrdersSql(`${t}.order_recent || EXCLUDED.order_recent`)}`,
      `order_categories = CASE WHEN cardinality(${categories}) = 0 THEN ${t}.order_categories
        ELSE ARRAY(SELECT DISTINCT x FROM unnest(${t}.order_categories || ${categories}) AS x ORDER BY x) END`,
    );
  }
  const upsert = `INSERT INTO ${t} (${cols.join(", ")}) ${inputs ? `SELECT ${values.join(", ")} FROM ${inputs.from}` : `VALUES (${values.join(", ")})`}
    ON CONFLICT (customer_id) DO UPDATE SET ${sets.join(", ")} RETURNING 1`;
  if (inputs)
    return `folded AS (${upsert}),
  dirty AS (INSERT INTO segment_dirty_customers (customer_id, marked_at) SELECT ${customer}, ${dirtyAt} FROM ${inputs.from}
    ON CONFLICT (customer_id) DO NOTHING RETURNING 1)`;
  return `WITH folded AS (
    ${upsert})
  INSERT INTO segment_dirty_customers (customer_id, marked_at) VALUES (${customer}, ${dirtyAt})
  ON CONFLICT (customer_id) DO NOTHING`;
}
