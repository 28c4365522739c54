import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Analytics rollups: what the dashboard reads instead of 10M events, 5M ledger entries and 1M
 * survey responses. Every rollup is derived data, exact at every commit:
 *
 * - Statement-level AFTER INSERT triggers on events, ledger_entries and survey_responses fold
 *   each inserted batch in, so every write path (the API, batches, the demo's COPY, imports)
 *   keeps them right without remembering to. Those tables are append-only; a DELETE or TRUNCATE
 *   (test resets) recomputes the affected rollups from what is left.
 * - Per-customer rows are updated in place (one customer's rows are only contended by that
 *   customer's own events). Shop-wide per-period sums would be one hot row for every order, so
 *   they are appended as delta rows instead and folded into totals by analytics_compact()
 *   (the API calls it before reading, at most once a second); a reader sums totals and
 *   deltas in one statement, so figures never depend on when it last ran.
 *
 * Retention: analytics_customer_activity holds, per customer and tracked window of N days,
 * one bit per calendar month start B (bit j = the j-th month since January 1970, 62 bits per
 * bigint word, words[w] holding j = 62w .. 62w + 61, sparse): set when the customer has an
 * order in [B - N days, B), the domain's "active at B". An order at t sets the bits of the month
 * starts in (t, t + N days]. first_at is the customer's first order, for new vs reactivated.
 * analytics_retention_stats counts, per window, step s (1, 3 or 12 months) and month start j,
 * the customers active at j, those acquired between j and j + s (not active at j, active at
 * j + s) and those of them whose first order falls in [j, j + s): everything a monthly,
 * quarterly or yearly retention period needs, whatever the number of customers. When an
 * upsert changes a customer's bits or first order, the statement sees the old values (saved
 * in prev_* by the same upsert) and appends the difference of the customer's contributions.
 * Only order-based definitions over the windows in analytics_activity_windows are tracked;
 * the API computes any other definition from events directly.
 *
 * CLV: analytics_clv_buckets counts customers (and sums their historic CLV) per currency and
 * value rounded down to three significant digits, which adds up exactly into any histogram
 * whose bucket width is a multiple of every such rounding step below its last bucket.
 */

/** Month index since January 1970 (0) of an instant, in UTC. */
const MONTH_INDEX_FN = `CREATE FUNCTION analytics_month_index(ts timestamptz) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (date_part('year', ts AT TIME ZONE 'UTC') * 12 + date_part('month', ts AT TIME ZONE 'UTC'))::integer - 23641 $$`;

/** Sets `bits` in word `w` of a sparse word array (elements outside the bounds are 0). */
const WORDS_ADD_FN = `CREATE FUNCTION analytics_words_add(state bigint[], w integer, bits bigint) RETURNS bigint[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  state[w] := coalesce(state[w], 0) | bits;
  RETURN state;
END $$`;

/** Bitwise OR of two sparse word arrays. */
const WORDS_OR_FN = `CREATE FUNCTION analytics_words_or(a bigint[], b bigint[]) RETURNS bigint[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE i integer;
BEGIN
  IF b IS NULL OR cardinality(b) = 0 THEN RETURN a; END IF;
  IF a IS NULL OR cardinality(a) = 0 THEN RETURN b; END IF;
  FOR i IN array_lower(b, 1) .. array_upper(b, 1) LOOP
    IF coalesce(b[i], 0) <> 0 THEN a[i] := coalesce(a[i], 0) | b[i]; END IF;
  END LOOP;
  RETURN a;
END $$`;

/** Bit j of a sparse word array (0 outside it). */
const BIT_FN = `CREATE FUNCTION analytics_bit(words bigint[], j integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN j < 0 THEN 0 ELSE ((coalesce(words[j / 62], 0) >> (j % 62)) & 1)::integer END $$`;

/**
 * What one customer (bits `words`, first order in month `f`) adds to the retention stats of
 * step `step` at month `j`: active at j; acquired (not active at j, active at j + step); new
 * (acquired, first order in [j, j + step)).
 */
const CONTRIBUTION_FN = `CREATE FUNCTION analytics_retention_contribution(words bigint[], f integer, step smallint, j integer)
  RETURNS TABLE (active integer, acquired integer, new_customers integer)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 1 AS $$
  SELECT x.a, x.q, CASE WHEN x.q = 1 AND f >= j AND f < j + step THEN 1 ELSE 0 END
  FROM (SELECT analytics_bit(words, j) AS a,
               (1 - analytics_bit(words, j)) * analytics_bit(words, j + step) AS q) AS x
$$`;

/** A historic CLV rounded down to three significant digits (999 stays 999, 12345 is 12300). */
const CLV_BUCKET_FN = `CREATE FUNCTION analytics_clv_bucket(v bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v < 1000 THEN v ELSE v - v % (10::bigint ^ (length(v::text) - 3))::bigint END $$`;

/**
 * The change in retention stats from the customers of `changes` (window_days, words,
 * first_at, prev_words, prev_first_at) whose new bits all lie in months lo..hi of `spans`:
 * only the stats at months j whose pair (j, j + step) touches lo..hi, or whose window
 * [j, j + step) holds the first order before or after, can differ. Appended as delta rows.
 */
const retentionDeltasSql = (changes: string, spans: string) => `
  INSERT INTO analytics_retention_deltas (window_days, step, month, active, acquired, new_customers)
  SELECT u.window_days, s.step, c.month,
    sum(n.active - o.active), sum(n.acquired - o.acquired), sum(n.new_customers - o.new_customers)
  FROM ${changes} u
  JOIN ${spans} p ON p.customer_id = u.customer_id AND p.days = u.window_days
  CROSS JOIN LATERAL (SELECT analytics_month_index(u.first_at) AS f,
                             analytics_month_index(u.prev_first_at) AS pf) AS m
  CROSS JOIN (VALUES (1::smallint), (3::smallint), (12::smallint)) AS s(step)
  CROSS JOIN LATERAL (
    SELECT generate_series(greatest(p.lo, 0) - s.step, p.hi) AS month
    UNION SELECT generate_series(m.f - s.step + 1, m.f) WHERE m.f IS DISTINCT FROM m.pf
    UNION SELECT generate_series(m.pf - s.step + 1, m.pf) WHERE m.f IS DISTINCT FROM m.pf
  ) AS c
  CROSS JOIN LATERAL analytics_retention_contribution(u.words, m.f, s.step, c.month) AS n
  CROSS JOIN LATERAL analytics_retention_contribution(u.prev_words, m.pf, s.step, c.month) AS o
  WHERE c.month IS NOT NULL
  GROUP BY 1, 2, 3
  HAVING sum(n.active - o.active) <> 0 OR sum(n.acquired - o.acquired) <> 0
    OR sum(n.new_customers - o.new_customers) <> 0`;

/** Activity bits of the orders in `source` (a table of event rows), merged into the rollup. */
export const activitySql = (source: string) => `
  WITH ord AS (
    SELECT e.customer_id, e.occurred_at, w.days,
      analytics_month_index(e.occurred_at) + 1 AS lo,
      analytics_month_index(e.occurred_at + make_interval(days => w.days)) AS hi
    FROM ${source} e CROSS JOIN analytics_activity_windows w
    WHERE e.type = 'order'
  ), word_bits AS (
    SELECT o.customer_id, o.days, wi,
      bit_or((1::bigint << (least(o.hi, 62 * wi + 61) - 62 * wi + 1))
             - (1::bigint << (greatest(o.lo, 62 * wi) - 62 * wi))) AS bits
    FROM ord o CROSS JOIN LATERAL generate_series(greatest(o.lo, 0) / 62, o.hi / 62) AS wi
    WHERE o.hi >= greatest(o.lo, 0)
    GROUP BY 1, 2, 3
  ), words AS (
    SELECT customer_id, days, analytics_words(wi, bits) AS words FROM word_bits GROUP BY 1, 2
  ), firsts AS (
    SELECT customer_id, days, min(occurred_at) AS first_at, min(lo) AS lo, max(hi) AS hi
    FROM ord GROUP BY 1, 2
  )
  , up AS (
    INSERT INTO analytics_customer_activity AS a (window_days, customer_id, first_at, words)
    SELECT f.days, f.customer_id, f.first_at, w.words
    FROM firsts f LEFT JOIN words w ON w.customer_id = f.customer_id AND w.days = f.days
    ON CONFLICT (window_days, customer_id) DO UPDATE SET
      first_at = least(a.first_at, EXCLUDED.first_at),
      words = analytics_words_or(a.words, EXCLUDED.words),
      prev_first_at = a.first_at,
      prev_words = a.words
    RETURNING a.window_days, a.customer_id, a.words, a.first_at, a.prev_words, a.prev_first_at
  )
  ${retentionDeltasSql("up", "firsts")}`;

/** Orders and refunds of `source` per customer, currency and calendar month and quarter (UTC). */
const customerPeriodsSelect = (source: string) => `
  SELECT s.customer_id, s.currency, p.months, p.period_start,
    count(*) FILTER (WHERE s.type = 'order')::integer AS orders,
    coalesce(sum(s.amount_minor) FILTER (WHERE s.type = 'order'), 0)::bigint AS net_minor,
    coalesce(sum(s.amount_minor) FILTER (WHERE s.type = 'refund'), 0)::bigint AS refunded_minor
  FROM ${source} s CROSS JOIN LATERAL (VALUES
    (1::smallint, date_trunc('month', s.occurred_at AT TIME ZONE 'UTC')::date),
    (3::smallint, date_trunc('quarter', s.occurred_at AT TIME ZONE 'UTC')::date)) AS p(months, period_start)
  WHERE s.type IN ('order', 'refund') AND s.currency IS NOT NULL AND s.amount_minor IS NOT NULL
  GROUP BY 1, 2, 3, 4`;

/**
 * Folds the batch into the per-customer periods and appends one delta row per period and
 * currency; a customer counts as ordering when their period row goes from 0 orders to 1 or
 * more, and as a repeat customer when it reaches 2.
 */
export const periodsSql = (source: string) => `
  WITH per AS (${customerPeriodsSelect(source)}),
  up AS (
    INSERT INTO analytics_customer_periods AS c (customer_id, currency, months, period_start, orders, net_minor, refunded_minor)
    SELECT customer_id, currency, months, period_start, orders, net_minor, refunded_minor FROM per
    ON CONFLICT (customer_id, months, period_start, currency) DO UPDATE SET
      orders = c.orders + EXCLUDED.orders,
      net_minor = c.net_minor + EXCLUDED.net_minor,
      refunded_minor = c.refunded_minor + EXCLUDED.refunded_minor
    RETURNING c.customer_id, c.currency, c.months, c.period_start, c.orders
  )
  INSERT INTO analytics_period_deltas (months, period_start, currency, orders, net_minor, refunded_minor, customers, repeat_customers)
  SELECT per.months, per.period_start, per.currency, sum(per.orders), sum(per.net_minor), sum(per.refunded_minor),
    count(*) FILTER (WHERE up.orders >= 1 AND up.orders - per.orders < 1),
    count(*) FILTER (WHERE up.orders >= 2 AND up.orders - per.orders < 2)
  FROM per JOIN up ON up.customer_id = per.customer_id AND up.currency = per.currency
    AND up.months = per.months AND up.period_start = per.period_start
  GROUP BY 1, 2, 3`;

const customerTotalsSelect = (source: string) => `
  SELECT customer_id, currency,
    count(*) FILTER (WHERE type = 'order')::integer AS orders,
    coalesce(sum(amount_minor) FILTER (WHERE type = 'order'), 0)::bigint AS net_minor,
    coalesce(sum(amount_minor) FILTER (WHERE type = 'refund'), 0)::bigint AS refunded_minor
  FROM ${source} AS src
  WHERE type IN ('order', 'refund') AND currency IS NOT NULL AND amount_minor IS NOT NULL
  GROUP BY 1, 2`;

/**
 * Customers who bought (orders > 0) per currency and CLV bucket, from `changes` (currency,
 * orders, clv, prev_orders, prev_clv): the old bucket loses the customer, the new one gains.
 */
const clvDeltasSql = (changes: string) => `
  INSERT INTO analytics_clv_deltas (currency, bucket, customers, sum_minor)
  SELECT currency, bucket, sum(n), sum(v) FROM (
    SELECT currency, analytics_clv_bucket(clv) AS bucket, 1 AS n, clv AS v FROM ${changes} WHERE orders > 0
    UNION ALL
    SELECT currency, analytics_clv_bucket(prev_clv), -1, -prev_clv FROM ${changes} WHERE prev_orders > 0
  ) AS x
  GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(v) <> 0`;

/** Lifetime orders, net and refunded per customer and currency (historic CLV). */
export const customerTotalsSql = (source: string) => `
  WITH up AS (
    INSERT INTO analytics_customer_totals AS t (customer_id, currency, orders, net_minor, refunded_minor)
    ${customerTotalsSelect(source)}
    ON CONFLICT (customer_id, currency) DO UPDATE SET
      orders = t.orders + EXCLUDED.orders,
      net_minor = t.net_minor + EXCLUDED.net_minor,
      refunded_minor = t.refunded_minor + EXCLUDED.refunded_minor,
      prev_orders = t.orders,
      prev_clv_minor = t.net_minor - t.refunded_minor
    RETURNING t.currency, t.orders, t.net_minor - t.refunded_minor AS clv,
      t.prev_orders, t.prev_clv_minor AS prev_clv
  )
  ${clvDeltasSql("up")}`;

const ledgerSelect = (source: string) => `
  SELECT program_id, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date, kind,
    sum(amount)::bigint, sum(pending_delta)::bigint, count(*)::bigint
  FROM ${source} GROUP BY 1, 2, 3`;

const npsSelect = (source: string) => `
  SELECT date_trunc('month', submitted_at AT TIME ZONE 'UTC')::date, nps_score, count(*)::bigint
  FROM ${source} WHERE nps_score IS NOT NULL GROUP BY 1, 2`;

/** The orders and refunds of an inserted batch, from the trigger's array variables. */
export const BATCH = `(SELECT * FROM unnest(v_customer, v_type, v_at, v_amount, v_currency)
  AS b(customer_id, type, occurred_at, amount_minor, currency))`;

const EVENT_ROLLUPS = [
  "analytics_customer_activity",
  "analytics_retention_stats",
  "analytics_retention_deltas",
  "analytics_clv_buckets",
  "analytics_clv_deltas",
  "analytics_customer_periods",
  "analytics_period_totals",
  "analytics_period_deltas",
  "analytics_customer_totals",
];

export class Analytics1764900000000 implements MigrationInterface {
  name = "Analytics1764900000000";

  async up(q: QueryRunner): Promise<void> {
    for (const fn of [
      MONTH_INDEX_FN,
      WORDS_ADD_FN,
      WORDS_OR_FN,
      BIT_FN,
      CONTRIBUTION_FN,
      CLV_BUCKET_FN,
    ])
      await q.query(fn);
    await q.query(
      `CREATE AGGREGATE analytics_words(integer, bigint) (SFUNC = analytics_words_add, STYPE = bigint[])`,
    );

    // Windows (in days) whose order-based activity is tracked; adding one needs a backfill.
    await q.query(`CREATE TABLE analytics_activity_windows (
      days integer PRIMARY KEY CONSTRAINT analytics_activity_windows_days_check CHECK (days BETWEEN 1 AND 366)
    )`);
    await q.query(`INSERT INTO analytics_activity_windows (days) VALUES (90)`);
    // prev_*: the values before the latest upsert, so that statement can see what changed.
    await q.query(`CREATE TABLE analytics_customer_activity (
      window_days integer NOT NULL,
      customer_id uuid NOT NULL,
      first_at timestamptz NOT NULL,
      words bigint[],
      prev_first_at timestamptz,
      prev_words bigint[],
      PRIMARY KEY (window_days, customer_id)
    )`);
    // month: month index since January 1970 of the boundary j.
    await q.query(`CREATE TABLE analytics_retention_stats (
      window_days integer NOT NULL,
      step smallint NOT NULL,
      month integer NOT NULL,
      active bigint NOT NULL,
      acquired bigint NOT NULL,
      new_customers bigint NOT NULL,
      PRIMARY KEY (window_days, step, month)
    )`);
    await q.query(`CREATE TABLE analytics_retention_deltas (LIKE analytics_retention_stats)`);

    // months: 1 (calendar month) or 3 (quarter); the key leads with the customer so a
    // segment's rows are read member by member.
    await q.query(`CREATE TABLE analytics_customer_periods (
      customer_id uuid NOT NULL,
      currency char(3) NOT NULL,
      months smallint NOT NULL,
      period_start date NOT NULL,
      orders integer NOT NULL,
      net_minor bigint NOT NULL,
      refunded_minor bigint NOT NULL,
      PRIMARY KEY (customer_id, months, period_start, currency)
    )`);
    await q.query(`CREATE TABLE analytics_period_totals (
      months smallint NOT NULL,
      period_start date NOT NULL,
      currency char(3) NOT NULL,
      orders bigint NOT NULL,
      net_minor bigint NOT NULL,
      refunded_minor bigint NOT NULL,
      customers bigint NOT NULL,
      repeat_customers bigint NOT NULL,
      PRIMARY KEY (months, period_start, currency)
    )`);
    await q.query(`CREATE TABLE analytics_period_deltas (LIKE analytics_period_totals)`);
    await q.query(`CREATE TABLE analytics_customer_totals (
      customer_id uuid NOT NULL,
      currency char(3) NOT NULL,
      orders integer NOT NULL,
      net_minor bigint NOT NULL,
      refunded_minor bigint NOT NULL,
      prev_orders integer NOT NULL DEFAULT 0,
      prev_clv_minor bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (customer_id, currency)
    )`);
    await q.query(`CREATE TABLE analytics_clv_buckets (
      currency char(3) NOT NULL,
      bucket bigint NOT NULL,
      customers bigint NOT NULL,
      sum_minor bigint NOT NULL,
      PRIMARY KEY (currency, bucket)
    )`);
    await q.query(`CREATE TABLE analytics_clv_deltas (LIKE analytics_clv_buckets)`);

    // Ledger sums per program, UTC month and entry kind: liability at any month start is the
    // sum of everything before it.
    await q.query(`CREATE TABLE analytics_ledger_months (
      program_id uuid NOT NULL,
      month date NOT NULL,
      kind text NOT NULL,
      amount bigint NOT NULL,
      pending_delta bigint NOT NULL,
      entries bigint NOT NULL,
      PRIMARY KEY (program_id, month, kind)
    )`);
    await q.query(`CREATE TABLE analytics_ledger_deltas (LIKE analytics_ledger_months)`);

    // NPS answers per UTC month and score 0-10.
    await q.query(`CREATE TABLE analytics_nps_months (
      month date NOT NULL,
      score smallint NOT NULL,
      responses bigint NOT NULL,
      PRIMARY KEY (month, score)
    )`);
    await q.query(`CREATE TABLE analytics_nps_deltas (LIKE analytics_nps_months)`);

    // NPS of a segment: responses in a time range with a score, joined to the members.
    await q.query(
      `CREATE INDEX survey_responses_nps_time_idx ON survey_responses (submitted_at) INCLUDE (customer_id, nps_score) WHERE nps_score IS NOT NULL`,
    );

    await q.query(`CREATE FUNCTION analytics_compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- One compaction at a time, so totals rows are never updated by two in opposite orders.
  PERFORM pg_advisory_xact_lock(hashtext('trouw.analytics_compact'));
  WITH moved AS (DELETE FROM analytics_period_deltas RETURNING *)
  INSERT INTO analytics_period_totals AS t
  SELECT months, period_start, currency, sum(orders), sum(net_minor), sum(refunded_minor), sum(customers), sum(repeat_customers)
  FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (months, period_start, currency) DO UPDATE SET
    orders = t.orders + EXCLUDED.orders, net_minor = t.net_minor + EXCLUDED.net_minor,
    refunded_minor = t.refunded_minor + EXCLUDED.refunded_minor,
    customers = t.customers + EXCLUDED.customers, repeat_customers = t.repeat_customers + EXCLUDED.repeat_customers;
  WITH moved AS (DELETE FROM analytics_retention_deltas RETURNING *)
  INSERT INTO analytics_retention_stats AS t
  SELECT window_days, step, month, sum(active), sum(acquired), sum(new_customers)
  FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (window_days, step, month) DO UPDATE SET
    active = t.active + EXCLUDED.active, acquired = t.acquired + EXCLUDED.acquired,
    new_customers = t.new_customers + EXCLUDED.new_customers;
  WITH moved AS (DELETE FROM analytics_clv_deltas RETURNING *)
  INSERT INTO analytics_clv_buckets AS t
  SELECT currency, bucket, sum(customers), sum(sum_minor)
  FROM moved GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (currency, bucket) DO UPDATE SET
    customers = t.customers + EXCLUDED.customers, sum_minor = t.sum_minor + EXCLUDED.sum_minor;
  DELETE FROM analytics_clv_buckets WHERE customers = 0;
  WITH moved AS (DELETE FROM analytics_ledger_deltas RETURNING *)
  INSERT INTO analytics_ledger_months AS t
  SELECT program_id, month, kind, sum(amount), sum(pending_delta), sum(entries)
  FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (program_id, month, kind) DO UPDATE SET
    amount = t.amount + EXCLUDED.amount, pending_delta = t.pending_delta + EXCLUDED.pending_delta,
    entries = t.entries + EXCLUDED.entries;
  WITH moved AS (DELETE FROM analytics_nps_deltas RETURNING *)
  INSERT INTO analytics_nps_months AS t
  SELECT month, score, sum(responses) FROM moved GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (month, score) DO UPDATE SET responses = t.responses + EXCLUDED.responses;
END $$`);

    // Recomputation from the source tables (this migration's backfill, deletes, repairs).
    await q.query(`CREATE FUNCTION analytics_rebuild_events() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE ${EVENT_ROLLUPS.join(", ")};
  ${activitySql("events")};
  INSERT INTO analytics_retention_stats SELECT * FROM analytics_retention_deltas;
  TRUNCATE analytics_retention_deltas;
  INSERT INTO analytics_customer_periods (customer_id, currency, months, period_start, orders, net_minor, refunded_minor)
  ${customerPeriodsSelect("events")};
  INSERT INTO analytics_period_totals
  SELECT months, period_start, currency, sum(orders), sum(net_minor), sum(refunded_minor),
    count(*) FILTER (WHERE orders >= 1), count(*) FILTER (WHERE orders >= 2)
  FROM analytics_customer_periods GROUP BY 1, 2, 3;
  INSERT INTO analytics_customer_totals (customer_id, currency, orders, net_minor, refunded_minor)
  ${customerTotalsSelect("events")};
  INSERT INTO analytics_clv_buckets
  SELECT currency, analytics_clv_bucket(net_minor - refunded_minor), count(*), sum(net_minor - refunded_minor)
  FROM analytics_customer_totals WHERE orders > 0 GROUP BY 1, 2;
END $$`);
    await q.query(`CREATE FUNCTION analytics_rebuild_ledger() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE analytics_ledger_months, analytics_ledger_deltas;
  INSERT INTO analytics_ledger_months ${ledgerSelect("ledger_entries")};
END $$`);
    await q.query(`CREATE FUNCTION analytics_rebuild_nps() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE analytics_nps_months, analytics_nps_deltas;
  INSERT INTO analytics_nps_months ${npsSelect("survey_responses")};
END $$`);

    // Incremental folds of each inserted batch.
    // The batch's orders and refunds are copied into arrays first: statements that read a
    // transition table are planned afresh on every call, statements over variables are not.
    await q.query(`CREATE FUNCTION analytics_events_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_customer uuid[];
  v_type text[];
  v_at timestamptz[];
  v_amount bigint[];
  v_currency text[];
BEGIN
  SELECT array_agg(customer_id), array_agg(type), array_agg(occurred_at), array_agg(amount_minor), array_agg(currency::text)
  INTO v_customer, v_type, v_at, v_amount, v_currency
  FROM analytics_new_events WHERE type IN ('order', 'refund');
  IF v_customer IS NULL THEN RETURN NULL; END IF;
  ${activitySql(BATCH)};
  ${periodsSql(BATCH)};
  ${customerTotalsSql(BATCH)};
  RETURN NULL;
END $$`);
    await q.query(`CREATE FUNCTION analytics_ledger_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_ledger_deltas ${ledgerSelect("analytics_new_entries")};
  RETURN NULL;
END $$`);
    await q.query(`CREATE FUNCTION analytics_nps_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_nps_deltas ${npsSelect("analytics_new_responses")};
  RETURN NULL;
END $$`);
    for (const [table, source, fn] of [
      ["events", "analytics_new_events", "events"],
      ["ledger_entries", "analytics_new_entries", "ledger"],
      ["survey_responses", "analytics_new_responses", "nps"],
    ] as const) {
      await q.query(
        `CREATE TRIGGER analytics_${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS ${source} FOR EACH STATEMENT EXECUTE FUNCTION analytics_${fn}_inserted()`,
      );
      await q.query(`CREATE FUNCTION analytics_${table}_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rebuild_${fn}();
  RETURN NULL;
END $$`);
      await q.query(
        `CREATE TRIGGER analytics_${table}_reset AFTER DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION analytics_${table}_reset()`,
      );
    }

    // The planner expects thousands of rows from the set-returning parts (unnest, months of a
    // span) where a live batch has a few: JIT compiling them, or sizing hash tables for them,
    // would cost more than running them. Bulk rebuilds keep hashing.
    for (const fn of [
      "analytics_compact",
      "analytics_rebuild_events",
      "analytics_rebuild_ledger",
      "analytics_rebuild_nps",
      "analytics_events_reset",
      "analytics_ledger_entries_reset",
      "analytics_survey_responses_reset",
    ])
      await q.query(`ALTER FUNCTION ${fn}() SET jit = off`);
    for (const fn of [
      "analytics_events_inserted",
      "analytics_ledger_inserted",
      "analytics_nps_inserted",
    ])
      await q.query(`ALTER FUNCTION ${fn}() SET jit = off SET enable_hashagg = off`);

    await q.query(`SELECT analytics_rebuild_events()`);
    await q.query(`SELECT analytics_rebuild_ledger()`);
    await q.query(`SELECT analytics_rebuild_nps()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["events", "ledger_entries", "survey_responses"]) {
      await q.query(`DROP TRIGGER analytics_${table}_reset ON ${table}`);
      await q.query(`DROP TRIGGER analytics_${table}_inserted ON ${table}`);
      await q.query(`DROP FUNCTION analytics_${table}_reset()`);
    }
    for (const fn of [
      "analytics_events_inserted",
      "analytics_ledger_inserted",
      "analytics_nps_inserted",
      "analytics_rebuild_events",
      "analytics_rebuild_ledger",
      "analytics_rebuild_nps",
      "analytics_compact",
    ])
      await q.query(`DROP FUNCTION ${fn}()`);
    await q.query(`DROP INDEX survey_responses_nps_time_idx`);
    for (const t of [
      "analytics_nps_deltas",
      "analytics_nps_months",
      "analytics_ledger_deltas",
      "analytics_ledger_months",
      ...EVENT_ROLLUPS,
      "analytics_activity_windows",
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP AGGREGATE analytics_words(integer, bigint)`);
    await q.query(`DROP FUNCTION analytics_clv_bucket(bigint)`);
    await q.query(
      `DROP FUNCTION analytics_retention_contribution(bigint[], integer, smallint, integer)`,
    );
    await q.query(`DROP FUNCTION analytics_bit(bigint[], integer)`);
    await q.query(`DROP FUNCTION analytics_words_or(bigint[], bigint[])`);
    await q.query(`DROP FUNCTION analytics_words_add(bigint[], integer, bigint)`);
    await q.query(`DROP FUNCTION analytics_month_index(timestamptz)`);
  }
}
