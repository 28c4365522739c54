import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Loyalty: programs, per-customer accounts (balance projections), the append-only ledger with
 * FIFO lots, the rewards catalog and redemptions, segment-targeted campaigns, and an outbox of
 * loyalty events for webhooks.
 */
export class Loyalty1764300000000 implements MigrationInterface {
  name = "Loyalty1764300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loyalty_programs (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      description text,
      type text NOT NULL,
      status text NOT NULL DEFAULT 'draft',
      currency char(3) NOT NULL,
      valid_from timestamptz,
      valid_until timestamptz,
      config jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT loyalty_programs_type_check CHECK (type IN ('points','tiered','cashback','punch_card','paid_membership','spend','referral')),
      CONSTRAINT loyalty_programs_status_check CHECK (status IN ('draft','active','paused','archived'))
    )`);
    await q.query(`CREATE INDEX loyalty_programs_status_idx ON loyalty_programs (status)`);

    await q.query(`CREATE TABLE loyalty_accounts (
      program_id uuid NOT NULL REFERENCES loyalty_programs(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      status text NOT NULL DEFAULT 'enrolled',
      balance bigint NOT NULL DEFAULT 0,
      pending bigint NOT NULL DEFAULT 0,
      lifetime_earned bigint NOT NULL DEFAULT 0,
      tier_code text,
      tier_since timestamptz,
      tier_override jsonb,
      membership jsonb,
      reached_thresholds text[] NOT NULL DEFAULT '{}',
      completed_cards integer NOT NULL DEFAULT 0,
      enrolled_at timestamptz NOT NULL,
      left_at timestamptz,
      last_activity_at timestamptz,
      tier_review_at timestamptz,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (program_id, customer_id),
      CONSTRAINT loyalty_accounts_status_check CHECK (status IN ('enrolled','left'))
    )`);
    await q.query(`CREATE INDEX loyalty_accounts_customer_idx ON loyalty_accounts (customer_id)`);

    // seq orders entries exactly as they were written, even within one clock tick.
    await q.query(`CREATE TABLE ledger_entries (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      program_id uuid NOT NULL REFERENCES loyalty_programs(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      kind text NOT NULL,
      amount bigint NOT NULL,
      pending_delta bigint NOT NULL DEFAULT 0,
      reason text NOT NULL,
      actor text NOT NULL,
      source_event_id uuid REFERENCES events(id),
      campaign_id uuid,
      redemption_id uuid,
      details jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('earn','pending','unlock','burn','expire','adjust','reverse')),
      CONSTRAINT ledger_entries_reason_check CHECK (length(btrim(reason)) > 0)
    )`);
    await q.query(
      `CREATE INDEX ledger_entries_account_idx ON ledger_entries (program_id, customer_id, seq DESC)`,
    );
    await q.query(
      `CREATE INDEX ledger_entries_customer_idx ON ledger_entries (customer_id, seq DESC)`,
    );
    await q.query(
      `CREATE INDEX ledger_entries_source_idx ON ledger_entries (source_event_id) WHERE source_event_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ledger_entries_campaign_idx ON ledger_entries (campaign_id, customer_id) WHERE campaign_id IS NOT NULL`,
    );

    // Earned points still to spend, expire or unlock. The ledger stays the source of truth.
    await q.query(`CREATE TABLE ledger_lots (
      entry_id uuid PRIMARY KEY REFERENCES ledger_entries(id),
      program_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      source_event_id uuid,
      state text NOT NULL,
      earned_at timestamptz NOT NULL,
      unlock_at timestamptz,
      expires_at timestamptz,
      remaining bigint NOT NULL,
      notified_at timestamptz,
      CONSTRAINT ledger_lots_state_check CHECK (state IN ('pending','available')),
      CONSTRAINT ledger_lots_remaining_check CHECK (remaining >= 0),
      FOREIGN KEY (program_id, customer_id) REFERENCES loyalty_accounts(program_id, customer_id)
    )`);
    await q.query(
      `CREATE INDEX ledger_lots_account_idx ON ledger_lots (program_id, customer_id, expires_at, earned_at) WHERE remaining > 0`,
    );
    await q.query(
      `CREATE INDEX ledger_lots_unlock_idx ON ledger_lots (unlock_at) WHERE state = 'pending' AND remaining > 0`,
    );
    await q.query(
      `CREATE INDEX ledger_lots_expiry_idx ON ledger_lots (expires_at) WHERE state = 'available' AND remaining > 0`,
    );

    await q.query(`CREATE TABLE rewards (
      id uuid PRIMARY KEY,
      program_id uuid NOT NULL REFERENCES loyalty_programs(id),
      kind text NOT NULL,
      name text NOT NULL,
      description text,
      cost bigint NOT NULL,
      value_minor bigint,
      percent integer,
      stock integer,
      per_customer_limit integer,
      valid_from timestamptz,
      valid_until timestamptz,
      eligibility jsonb NOT NULL DEFAULT '{"tierCodes":[],"segmentIds":[]}',
      status text NOT NULL DEFAULT 'active',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT rewards_stock_check CHECK (stock IS NULL OR stock >= 0),
      CONSTRAINT rewards_status_check CHECK (status IN ('active','archived'))
    )`);
    await q.query(`CREATE INDEX rewards_program_idx ON rewards (program_id, status)`);

    await q.query(`CREATE TABLE redemptions (
      id uuid PRIMARY KEY,
      program_id uuid NOT NULL REFERENCES loyalty_programs(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      reward_id uuid REFERENCES rewards(id),
      code text NOT NULL,
      cost bigint NOT NULL,
      status text NOT NULL,
      source text NOT NULL,
      milestone text,
      description text NOT NULL,
      actor text NOT NULL,
      created_at timestamptz NOT NULL,
      cancelled_at timestamptz,
      cancel_reason text,
      CONSTRAINT redemptions_code_key UNIQUE (code),
      CONSTRAINT redemptions_status_check CHECK (status IN ('issued','cancelled')),
      CONSTRAINT redemptions_source_check CHECK (source IN ('redeem','punch_card','spend_threshold','anniversary'))
    )`);
    await q.query(
      `CREATE INDEX redemptions_customer_idx ON redemptions (customer_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX redemptions_reward_customer_idx ON redemptions (reward_id, customer_id) WHERE status = 'issued'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX redemptions_milestone_key ON redemptions (program_id, customer_id, milestone) WHERE milestone IS NOT NULL`,
    );

    await q.query(`CREATE TABLE loyalty_campaigns (
      id uuid PRIMARY KEY,
      program_id uuid NOT NULL REFERENCES loyalty_programs(id),
      name text NOT NULL,
      segment_id uuid REFERENCES segments(id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      multiplier numeric(6,2) NOT NULL DEFAULT 1,
      bonus_points integer NOT NULL DEFAULT 0,
      stacking text NOT NULL DEFAULT 'stackable',
      cap_per_customer integer,
      status text NOT NULL DEFAULT 'active',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT loyalty_campaigns_window_check CHECK (ends_at > starts_at),
      CONSTRAINT loyalty_campaigns_stacking_check CHECK (stacking IN ('stackable','exclusive')),
      CONSTRAINT loyalty_campaigns_status_check CHECK (status IN ('active','archived'))
    )`);
    await q.query(
      `CREATE INDEX loyalty_campaigns_program_idx ON loyalty_campaigns (program_id, starts_at, ends_at)`,
    );

    // Transactional outbox: written in the same transaction as the change, delivered later.
    await q.query(`CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      customer_id uuid,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz
    )`);
    await q.query(`CREATE INDEX outbox_undelivered_idx ON outbox (id) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      "outbox",
      "loyalty_campaigns",
      "redemptions",
      "rewards",
      "ledger_lots",
      "ledger_entries",
      "loyalty_accounts",
      "loyalty_programs",
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
