import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The points ledger is append-only: a correction is a new entry (adjust, reverse), never an
 * edit. Until now that held by convention; this trigger makes the database refuse any UPDATE
 * or DELETE of a `ledger_entries` row, as `audit_log_append_only` does for the audit log.
 * TRUNCATE stays allowed (row triggers do not fire on it): it takes the table owner's
 * privilege, no application code issues it, and test and benchmark resets rely on it (the
 * analytics rollups rebuild on it).
 */
export class LedgerImmutable1765800000000 implements MigrationInterface {
  name = "LedgerImmutable1765800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: post a correcting entry instead';
      END $$`);
    await q.query(`CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_entries_append_only ON ledger_entries`);
    await q.query(`DROP FUNCTION ledger_entries_append_only()`);
  }
}
