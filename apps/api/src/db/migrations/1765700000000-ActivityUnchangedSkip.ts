import type { MigrationInterface, QueryRunner } from "typeorm";
import { BATCH } from "./1764900000000-Analytics";
import { activityChangesSql, eventsInsertedFn } from "./1765400000000-BulkImports";

/**
 * The events trigger skips the activity statement when none of the batch's orders can change
 * a customer's activity: each order's customer already has an activity row for every tracked
 * window, with a first order no later than it and all the month bits it would set (lo..hi, as
 * activityChangesSql computes them) already set. That statement would then rewrite the rows
 * with the same values and append no retention delta; it is the largest of the trigger, so a
 * repeat order inside an active window (most orders) now costs a short look-up instead.
 *
 * The look-up reads each order's rows by key (LATERAL ... LIMIT 1, so the planner cannot turn
 * it into a scan of the window's rows), and the batch's LIMIT (its own length) lets the plan
 * cache keep one generic plan, as in Ledger.postCredits.
 *
 * Concurrent orders keep it exact: bits are only ever added and first orders only move
 * earlier, so what a committed row already covers stays covered; an order that finds
 * something missing runs the statement, whose upsert reads the latest row as before.
 */
const unchangedSkipped = `IF EXISTS (
    SELECT FROM (SELECT * FROM unnest(v_customer, v_type, v_at) LIMIT cardinality(v_customer))
      AS b(customer_id, type, occurred_at)
    CROSS JOIN analytics_activity_windows w
    LEFT JOIN LATERAL (
      SELECT a.first_at, a.words FROM analytics_customer_activity a
      WHERE a.window_days = w.days AND a.customer_id = b.customer_id LIMIT 1) AS a ON true
    WHERE b.type = 'order' AND (
      a.first_at IS NULL OR a.first_at > b.occurred_at
      OR EXISTS (
        SELECT FROM generate_series(greatest(analytics_month_index(b.occurred_at) + 1, 0),
          analytics_month_index(b.occurred_at + make_interval(days => w.days))) AS j
        WHERE analytics_bit(a.words, j) = 0))
  ) THEN
  ${activityChangesSql(BATCH)};
  END IF`;

export class ActivityUnchangedSkip1765700000000 implements MigrationInterface {
  name = "ActivityUnchangedSkip1765700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(eventsInsertedFn(unchangedSkipped));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(eventsInsertedFn(activityChangesSql(BATCH)));
  }
}
