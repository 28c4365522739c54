import type { MigrationInterface, QueryRunner } from "typeorm";

/** Customers, their append-only events, support contacts, admin users, sessions, API keys, idempotency. */
export class Foundation1763900000000 implements MigrationInterface {
  name = "Foundation1763900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY,
        external_id text NOT NULL,
        email text,
        name text,
        phone text,
        locale text NOT NULL DEFAULT 'en',
        birth_date date,
        signed_up_at timestamptz NOT NULL,
        acquisition_source text NOT NULL DEFAULT 'direct',
        marketing_consent boolean NOT NULL DEFAULT false,
        marketing_consent_at timestamptz,
        tags text[] NOT NULL DEFAULT '{}',
        attributes jsonb NOT NULL DEFAULT '{}',
        personality_colour text,
        referred_by_customer_id uuid REFERENCES customers(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT customers_external_id_key UNIQUE (external_id),
        CONSTRAINT customers_personality_colour_check CHECK (personality_colour IN ('red','blue','yellow','green'))
      )`);
    await q.query(`CREATE INDEX customers_signed_up_at_idx ON customers (signed_up_at, id)`);
    await q.query(`CREATE INDEX customers_name_idx ON customers ((coalesce(lower(name), '')), id)`);
    await q.query(
      `CREATE INDEX customers_email_idx ON customers ((coalesce(lower(email), '')), id)`,
    );
    await q.query(`CREATE INDEX customers_created_at_idx ON customers (created_at, id)`);
    await q.query(`CREATE INDEX customers_tags_idx ON customers USING gin (tags)`);
    await q.query(
      `CREATE INDEX customers_acquisition_source_idx ON customers (acquisition_source)`,
    );

    // One append-only table for every event kind; hot columns typed, the rest in payload.
    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id),
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        amount_minor bigint,
        discount_minor bigint,
        currency char(3),
        category text,
        order_ref text,
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(
      `CREATE INDEX events_customer_type_time_idx ON events (customer_id, type, occurred_at)`,
    );
    await q.query(
      `CREATE INDEX events_customer_time_idx ON events (customer_id, occurred_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX events_order_ref_key ON events (order_ref) WHERE type = 'order'`,
    );
    await q.query(
      `CREATE INDEX events_refund_order_ref_idx ON events (order_ref) WHERE type = 'refund'`,
    );

    await q.query(`
      CREATE TABLE support_contacts (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id),
        kind text NOT NULL,
        status text NOT NULL,
        channel text NOT NULL DEFAULT 'email',
        subject text NOT NULL,
        note text,
        resolution text,
        follow_up_at timestamptz,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX support_contacts_customer_idx ON support_contacts (customer_id, opened_at DESC)`,
    );
    await q.query(
      `CREATE INDEX support_contacts_open_idx ON support_contacts (status, follow_up_at)`,
    );

    await q.query(`
      CREATE TABLE admin_users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','analyst','support')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE admin_sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES admin_users(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_by uuid REFERENCES admin_users(id),
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    // Stored results of retried writes, written in the same transaction as the effect.
    await q.query(`
      CREATE TABLE idempotency_keys (
        caller text NOT NULL,
        key text NOT NULL,
        operation text NOT NULL,
        request_hash text NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      "idempotency_keys",
      "api_keys",
      "admin_sessions",
      "admin_users",
      "support_contacts",
      "events",
      "customers",
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
