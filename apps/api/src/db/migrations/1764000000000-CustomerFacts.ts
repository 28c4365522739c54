import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Per-customer facts (counts, first/last times per event type; order money aggregates),
 * folded in on every event and rebuildable from events. The segment compiler answers
 * conditions from them when they are exact, and uses them to skip customers who cannot
 * match otherwise. Filled from existing events here.
 */
export class CustomerFacts1764000000000 implements MigrationInterface {
  name = "CustomerFacts1764000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_facts (
        customer_id uuid PRIMARY KEY REFERENCES customers(id),
        order_count integer NOT NULL DEFAULT 0,
        order_first_at timestamptz,
        order_last_at timestamptz,
        refund_count integer NOT NULL DEFAULT 0,
        refund_first_at timestamptz,
        refund_last_at timestamptz,
        visit_count integer NOT NULL DEFAULT 0,
        visit_first_at timestamptz,
        visit_last_at timestamptz,
        page_view_count integer NOT NULL DEFAULT 0,
        page_view_first_at timestamptz,
        page_view_last_at timestamptz,
        product_view_count integer NOT NULL DEFAULT 0,
        product_view_first_at timestamptz,
        product_view_last_at timestamptz,
        support_contact_count integer NOT NULL DEFAULT 0,
        support_contact_first_at timestamptz,
        support_contact_last_at timestamptz,
        support_contact_updated_count integer NOT NULL DEFAULT 0,
        support_contact_updated_first_at timestamptz,
        support_contact_updated_last_at timestamptz,
        referral_count integer NOT NULL DEFAULT 0,
        referral_first_at timestamptz,
        referral_last_at timestamptz,
        subscription_count integer NOT NULL DEFAULT 0,
        subscription_first_at timestamptz,
        subscription_last_at timestamptz,
        order_amount_sum bigint NOT NULL DEFAULT 0,
        order_amount_n integer NOT NULL DEFAULT 0,
        order_amount_min bigint,
        order_amount_max bigint,
        order_discount_sum bigint NOT NULL DEFAULT 0,
        order_discount_n integer NOT NULL DEFAULT 0,
        order_discounted_n integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      INSERT INTO customer_facts
      SELECT customer_id,
        count(*) FILTER (WHERE type = 'order')::int,
        min(occurred_at) FILTER (WHERE type = 'order'),
        max(occurred_at) FILTER (WHERE type = 'order'),
        count(*) FILTER (WHERE type = 'refund')::int,
        min(occurred_at) FILTER (WHERE type = 'refund'),
        max(occurred_at) FILTER (WHERE type = 'refund'),
        count(*) FILTER (WHERE type = 'visit')::int,
        min(occurred_at) FILTER (WHERE type = 'visit'),
        max(occurred_at) FILTER (WHERE type = 'visit'),
        count(*) FILTER (WHERE type = 'page_view')::int,
        min(occurred_at) FILTER (WHERE type = 'page_view'),
        max(occurred_at) FILTER (WHERE type = 'page_view'),
        count(*) FILTER (WHERE type = 'product_view')::int,
        min(occurred_at) FILTER (WHERE type = 'product_view'),
        max(occurred_at) FILTER (WHERE type = 'product_view'),
        count(*) FILTER (WHERE type = 'support_contact')::int,
        min(occurred_at) FILTER (WHERE type = 'support_contact'),
        max(occurred_at) FILTER (WHERE type = 'support_contact'),
        count(*) FILTER (WHERE type = 'support_contact_updated')::int,
        min(occurred_at) FILTER (WHERE type = 'support_contact_updated'),
        max(occurred_at) FILTER (WHERE type = 'support_contact_updated'),
        count(*) FILTER (WHERE type = 'referral')::int,
        min(occurred_at) FILTER (WHERE type = 'referral'),
        max(occurred_at) FILTER (WHERE type = 'referral'),
        count(*) FILTER (WHERE type = 'subscription')::int,
        min(occurred_at) FILTER (WHERE type = 'subscription'),
        max(occurred_at) FILTER (WHERE type = 'subscription'),
        coalesce(sum(amount_minor) FILTER (WHERE type = 'order'), 0),
        count(amount_minor) FILTER (WHERE type = 'order')::int,
        min(amount_minor) FILTER (WHERE type = 'order'),
        max(amount_minor) FILTER (WHERE type = 'order'),
        coalesce(sum(discount_minor) FILTER (WHERE type = 'order'), 0),
        count(discount_minor) FILTER (WHERE type = 'order')::int,
        count(*) FILTER (WHERE type = 'order' AND coalesce(discount_minor, 0) > 0)::int
      FROM events GROUP BY customer_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_facts`);
  }
}
