import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The webhook retention purge finds what it may delete through partial indexes, oldest first:
 * settled deliveries by their last change, and dispatched outbox events by when they were
 * dispatched. Neither index is touched by inserts (a new delivery is pending, a new event is
 * not yet dispatched).
 */
export class WebhookRetention1765500000000 implements MigrationInterface {
  name = "WebhookRetention1765500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX webhook_deliveries_settled_idx ON webhook_deliveries (updated_at) WHERE status IN ('delivered','dead')`,
    );
    await q.query(
      `CREATE INDEX outbox_dispatched_idx ON outbox (delivered_at) WHERE delivered_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_dispatched_idx`);
    await q.query(`DROP INDEX webhook_deliveries_settled_idx`);
  }
}
