import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The latest order times per customer (newest first, at most 10; `RECENT_ORDERS` in the
 * domain's segment facts), folded in on every order, so "at least N orders in the last D days"
 * is answered from customer facts instead of counting events per customer. Filled from events.
 */
export class RecentOrderFacts1764500000000 implements MigrationInterface {
  name = "RecentOrderFacts1764500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer_facts ADD COLUMN order_recent timestamptz[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(`UPDATE customer_facts f SET order_recent = r.recent
      FROM (SELECT customer_id, (array_agg(occurred_at ORDER BY occurred_at DESC))[1:10] AS recent
            FROM events WHERE type = 'order' GROUP BY customer_id) AS r
      WHERE r.customer_id = f.customer_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer_facts DROP COLUMN order_recent`);
  }
}
