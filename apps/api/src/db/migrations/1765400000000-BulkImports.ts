import type { MigrationInterface, QueryRunner } from "typeorm";
import { activitySql, BATCH, customerTotalsSql, periodsSql } from "./1764900000000-Analytics";

/**
 * Bulk import speed.
 *
 * 1. Order imports move their staged rows customer by customer (external id, then row), so one
 *    customer's orders land in one chunk: the customer_facts fold, the dirty mark and the
 *    analytics upserts then touch each customer about once per import instead of once per
 *    order. The resume cursor becomes the pair (cursor_key, cursor_row): the last moved row's
 *    customer external id and CSV row. An order import already under way keeps its place: the
 *    rows it has moved (row order, up to cursor_row) leave staging and its cursor restarts.
 *
 * 2. The events trigger's retention deltas evaluate fewer months. A customer's stats at month
 *    j (step s) read bits j and j + s and the first order's month, so they can only change at
 *    a j where a bit changed or j + s where one did, or around a changed first order. Bits only
 *    change inside an inserted order's own months lo..hi, so the months to look at are, per
 *    order, lo..hi and lo - s..hi - s (not the whole lo - s..hi of the customer's batch, which
 *    spans years when one customer's orders come together), and customers whose bits and first
 *    order did not change at all (an order inside an already active window) are skipped.
 */

/** As activitySql of the Analytics migration, with the narrower months of the deltas. */
export const activityChangesSql = (source: string) => `
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
    SELECT customer_id, days, min(occurred_at) AS first_at FROM ord GROUP BY 1, 2
  ), up AS (
    INSERT INTO analytics_customer_activity AS a (window_days, customer_id, first_at, words)
    SELECT f.days, f.customer_id, f.first_at, w.words
    FROM firsts f LEFT JOIN words w ON w.customer_id = f.customer_id AND w.days = f.days
    ON CONFLICT (window_days, customer_id) DO UPDATE SET
      first_at = least(a.first_at, EXCLUDED.first_at),
      words = analytics_words_or(a.words, EXCLUDED.words),
      prev_first_at = a.first_at,
      prev_words = a.words
    RETURNING a.window_days, a.customer_id, a.words, a.first_at, a.prev_words, a.prev_first_at
  ), changed AS (
    SELECT u.window_days, u.customer_id, u.words, u.prev_words,
      analytics_month_index(u.first_at) AS f, analytics_month_index(u.prev_first_at) AS pf
    FROM up u
    WHERE u.words IS DISTINCT FROM u.prev_words OR u.first_at IS DISTINCT FROM u.prev_first_at
  ), steps AS (
    SELECT * FROM (VALUES (1::smallint), (3::smallint), (12::smallint)) AS s(step)
  ), months AS (
    SELECT o.customer_id, o.days, s.step, generate_series(greatest(o.lo, 0), o.hi) AS month
    FROM ord o CROSS JOIN steps s
    UNION
    SELECT o.customer_id, o.days, s.step, generate_series(greatest(o.lo, 0) - s.step, o.hi - s.step)
    FROM ord o CROSS JOIN steps s
    UNION
    SELECT c.customer_id, c.window_days, s.step, generate_series(x.f - s.step + 1, x.f)
    FROM changed c CROSS JOIN steps s CROSS JOIN LATERAL (VALUES (c.f), (c.pf)) AS x(f)
    WHERE c.f IS DISTINCT FROM c.pf AND x.f IS NOT NULL
  )
  INSERT INTO analytics_retention_deltas (window_days, step, month, active, acquired, new_customers)
  SELECT c.window_days, m.step, m.month,
    sum(n.active - o.active), sum(n.acquired - o.acquired), sum(n.new_customers - o.new_customers)
  FROM changed c
  JOIN months m ON m.customer_id = c.customer_id AND m.days = c.window_days
  CROSS JOIN LATERAL analytics_retention_contribution(c.words, c.f, m.step, m.month) AS n
  CROSS JOIN LATERAL analytics_retention_contribution(c.prev_words, c.pf, m.step, m.month) AS o
  GROUP BY 1, 2, 3
  HAVING sum(n.active - o.active) <> 0 OR sum(n.acquired - o.acquired) <> 0
    OR sum(n.new_customers - o.new_customers) <> 0`;

/** The events trigger function with the given activity statement (the rest as before). */
export const eventsInsertedFn = (
  activity: string,
) => `CREATE OR REPLACE FUNCTION analytics_events_inserted() RETURNS trigger LANGUAGE plpgsql
  SET jit = off SET enable_hashagg = off AS $$
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
  ${activity};
  ${periodsSql(BATCH)};
  ${customerTotalsSql(BATCH)};
  RETURN NULL;
END $$`;

export class BulkImports1765400000000 implements MigrationInterface {
  name = "BulkImports1765400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ADD COLUMN cursor_key text`);
    await q.query(
      `CREATE INDEX import_order_rows_customer_idx ON import_order_rows (import_id, customer_external_id COLLATE "C", row_no)`,
    );
    await q.query(
      `DELETE FROM import_order_rows s USING imports i
       WHERE i.id = s.import_id AND i.type = 'orders' AND s.row_no <= i.cursor_row`,
    );
    await q.query(`UPDATE imports SET cursor_row = 0 WHERE type = 'orders' AND cursor_row > 0`);
    await q.query(eventsInsertedFn(activityChangesSql(BATCH)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(eventsInsertedFn(activitySql(BATCH)));
    // Back to row order: whatever has moved leaves staging, the row cursor restarts.
    await q.query(
      `DELETE FROM import_order_rows s USING imports i
       WHERE i.id = s.import_id AND i.type = 'orders' AND i.cursor_key IS NOT NULL
         AND (s.customer_external_id COLLATE "C", s.row_no) <= (i.cursor_key COLLATE "C", i.cursor_row)`,
    );
    await q.query(
      `UPDATE imports SET cursor_row = 0 WHERE type = 'orders' AND cursor_key IS NOT NULL`,
    );
    await q.query(`DROP INDEX import_order_rows_customer_idx`);
    await q.query(`ALTER TABLE imports DROP COLUMN cursor_key`);
  }
}
