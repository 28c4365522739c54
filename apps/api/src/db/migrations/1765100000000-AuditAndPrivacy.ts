import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Audit log and privacy (GDPR): an append-only `audit_log` of administrative changes, an
 * append-only consent history per customer and purpose (current consent is its newest row
 * per purpose; `customers.marketing_consent` stays as the projection of marketing_email that
 * segment rules read), and `customers.erased_at` for customers whose personal data was erased.
 */
export class AuditAndPrivacy1765100000000 implements MigrationInterface {
  name = "AuditAndPrivacy1765100000000";

  async up(q: QueryRunner): Promise<void> {
    // id orders the log newest first even within one clock tick (keyset paging on id).
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_kind text NOT NULL,
      actor_id text,
      actor_label text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      action text NOT NULL,
      request_id text,
      before jsonb,
      after jsonb,
      CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('user','api_key','system'))
    )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, id)`);
    // Append-only by construction: no statement may change or remove an entry.
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);

    await q.query(`CREATE TABLE consent_events (
      id bigserial PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers(id),
      purpose text NOT NULL,
      granted boolean NOT NULL,
      source text NOT NULL,
      recorded_by text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      CONSTRAINT consent_events_purpose_check CHECK (purpose IN ('marketing_email','marketing_sms','profiling'))
    )`);
    await q.query(
      `CREATE INDEX consent_events_customer_idx ON consent_events (customer_id, purpose, occurred_at, id)`,
    );
    // The consent already held becomes the first entry of each customer's history.
    await q.query(`INSERT INTO consent_events (customer_id, purpose, granted, source, recorded_by, occurred_at, recorded_at)
      SELECT id, 'marketing_email', marketing_consent, 'import', 'system', marketing_consent_at, marketing_consent_at
      FROM customers WHERE marketing_consent_at IS NOT NULL`);

    await q.query(`ALTER TABLE customers ADD COLUMN erased_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers DROP COLUMN erased_at`);
    await q.query(`DROP TABLE consent_events`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
