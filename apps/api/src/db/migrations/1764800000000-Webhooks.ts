import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Webhooks: endpoints admins register (URL, topics, signing secret) and one delivery row per
 * endpoint and outbox event, which the delivery worker claims with a lease, retries with
 * backoff and finally marks delivered or dead.
 */
export class Webhooks1764800000000 implements MigrationInterface {
  name = "Webhooks1764800000000";

  async up(q: QueryRunner): Promise<void> {
    // The secret is kept as issued: signing needs it. It is never returned after creation.
    await q.query(`CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY,
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      topics text[] NOT NULL,
      segment_ids uuid[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      secret_rotated_at timestamptz,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT webhook_endpoints_topics_check CHECK (cardinality(topics) > 0)
    )`);

    // seq orders the log newest first even within one clock tick.
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
      outbox_id bigint NOT NULL REFERENCES outbox(id),
      topic text NOT NULL,
      status text NOT NULL DEFAULT 'pending',
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      lease_token uuid,
      locked_until timestamptz,
      last_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      last_response_ms integer,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending','delivered','failed','dead')),
      CONSTRAINT webhook_deliveries_event_key UNIQUE (endpoint_id, outbox_id)
    )`);
    // What the worker looks for: due deliveries still to send.
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending','failed')`,
    );
    // The delivery log of an endpoint, newest first, optionally by status.
    await q.query(
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, seq DESC)`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_endpoint_status_idx ON webhook_deliveries (endpoint_id, status, seq DESC)`,
    );
    // Unsettled deliveries per endpoint, counted on the endpoint list; few compared to the log.
    await q.query(
      `CREATE INDEX webhook_deliveries_unsettled_idx ON webhook_deliveries (endpoint_id, status) WHERE status <> 'delivered'`,
    );
    await q.query(`CREATE INDEX webhook_deliveries_outbox_idx ON webhook_deliveries (outbox_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
