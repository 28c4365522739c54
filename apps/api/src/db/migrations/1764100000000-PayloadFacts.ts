import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Customer facts for watched payload values (support contact kind, subscription change, page
 * type: count and first/last time per value) and the set of order categories, so the
 * lifecycle templates' complaint, lifetime, research and loyalty conditions read facts.
 */
export class PayloadFacts1764100000000 implements MigrationInterface {
  name = "PayloadFacts1764100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer_facts ADD COLUMN payload_facts jsonb NOT NULL DEFAULT '{}', ADD COLUMN order_categories text[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(`UPDATE customer_facts f SET
      payload_facts = coalesce((
        SELECT jsonb_object_agg(k, jsonb_build_object('n', n, 'first', first, 'last', last)) FROM (
          SELECT e2.type || '.' || w.key || '=' || (e2.payload ->> w.key) AS k, count(*)::int AS n, min(e2.occurred_at) AS first, max(e2.occurred_at) AS last
          FROM events e2 JOIN (VALUES ('support_contact', 'kind'), ('subscription', 'change'), ('page_view', 'pageType')) AS w(type, key) ON e2.type = w.type
          WHERE e2.customer_id = f.customer_id AND jsonb_typeof(e2.payload -> w.key) = 'string'
          GROUP BY 1) AS x), '{}'),
      order_categories = (SELECT coalesce(array_agg(DISTINCT cat ORDER BY cat), '{}') FROM (
    SELECT c #>> '{}' AS cat FROM events e2, jsonb_array_elements(CASE WHEN jsonb_typeof(e2.payload -> 'categories') = 'array' THEN e2.payload -> 'categories' WHEN e2.category IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(e2.category) END) AS c
    WHERE e2.customer_id = f.customer_id AND e2.type = 'order' AND jsonb_typeof(c) = 'string') AS cats)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE customer_facts DROP COLUMN payload_facts, DROP COLUMN order_categories`,
    );
  }
}
