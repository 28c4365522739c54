import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Hardening: failed sign-ins per email for the login lockout (kept in the database so a
 * restart unlocks no one), and an index that keeps the metrics' job queue depth cheap.
 */
export class Hardening1764700000000 implements MigrationInterface {
  name = "Hardening1764700000000";

  async up(q: QueryRunner): Promise<void> {
    // Keyed by the lower-cased email as typed, whether or not an account has it.
    await q.query(`CREATE TABLE login_failures (
      email text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz
    )`);
    await q.query(`CREATE INDEX login_failures_window_idx ON login_failures (window_started_at)`);
    // Finished jobs pile up; the queue depth only looks at the others.
    await q.query(
      `CREATE INDEX jobs_open_kind_status_idx ON jobs (kind, status) WHERE status <> 'done'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX jobs_open_kind_status_idx`);
    await q.query(`DROP TABLE login_failures`);
  }
}
