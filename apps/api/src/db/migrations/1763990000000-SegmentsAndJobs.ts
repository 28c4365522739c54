import type { MigrationInterface, QueryRunner } from "typeorm";

/** Saved segments with versioned rules, materialised membership and its history; the job queue. */
export class SegmentsAndJobs1763990000000 implements MigrationInterface {
  name = "SegmentsAndJobs1763990000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        rule jsonb NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        template_key text,
        -- Segments this rule refers to ("member of segment X"), for "where is it used".
        referenced_segments uuid[] NOT NULL DEFAULT '{}',
        owner_id uuid REFERENCES admin_users(id),
        version integer NOT NULL DEFAULT 1,
        member_count integer NOT NULL DEFAULT 0,
        refreshed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX segments_name_key ON segments (lower(name))`);
    // Who changed which rule when: one row per saved version.
    await q.query(`
      CREATE TABLE segment_versions (
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        version integer NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        rule jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (segment_id, version)
      )`);
    await q.query(`
      CREATE TABLE segment_members (
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers(id),
        since timestamptz NOT NULL,
        PRIMARY KEY (segment_id, customer_id)
      )`);
    await q.query(`CREATE INDEX segment_members_customer_idx ON segment_members (customer_id)`);
    await q.query(`
      CREATE TABLE segment_membership_changes (
        id bigserial PRIMARY KEY,
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers(id),
        change text NOT NULL CHECK (change IN ('entered', 'left')),
        at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX segment_membership_changes_segment_idx ON segment_membership_changes (segment_id, at)`,
    );
    await q.query(
      `CREATE INDEX segment_membership_changes_customer_idx ON segment_membership_changes (customer_id, at)`,
    );
    // One row per refresh: size over time, and what each refresh changed.
    await q.query(`
      CREATE TABLE segment_refreshes (
        id uuid PRIMARY KEY,
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        scope text NOT NULL CHECK (scope IN ('full', 'customers')),
        at timestamptz NOT NULL,
        size integer NOT NULL,
        entered integer NOT NULL,
        exited integer NOT NULL,
        ms integer NOT NULL
      )`);
    await q.query(
      `CREATE INDEX segment_refreshes_segment_idx ON segment_refreshes (segment_id, at)`,
    );
    // Customers whose events changed since the last incremental refresh (written with the event).
    await q.query(
      `CREATE TABLE segment_dirty_customers (customer_id uuid PRIMARY KEY REFERENCES customers(id), marked_at timestamptz NOT NULL)`,
    );

    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        key text,
        payload jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress real NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 3,
        run_after timestamptz NOT NULL,
        locked_by text,
        locked_at timestamptz,
        error text,
        result jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX jobs_ready_idx ON jobs (run_after) WHERE status = 'queued'`);
    // At most one waiting job per (kind, key); the runner also never runs two of one key at once.
    await q.query(
      `CREATE UNIQUE INDEX jobs_queued_key ON jobs (kind, key) WHERE status = 'queued' AND key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      "jobs",
      "segment_dirty_customers",
      "segment_refreshes",
      "segment_membership_changes",
      "segment_members",
      "segment_versions",
      "segments",
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
