import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * CSV imports: one row per import (status, options, counts and the resume cursor), typed
 * staging tables the upload streams into, and the problems validation found per row/column.
 */
export class Imports1765200000000 implements MigrationInterface {
  name = "Imports1765200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        status text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        file_name text,
        created_by text NOT NULL,
        total_rows integer NOT NULL DEFAULT 0,
        valid_rows integer NOT NULL DEFAULT 0,
        problem_rows integer NOT NULL DEFAULT 0,
        existing_rows integer NOT NULL DEFAULT 0,
        processed_rows integer NOT NULL DEFAULT 0,
        inserted_rows integer NOT NULL DEFAULT 0,
        skipped_rows integer NOT NULL DEFAULT 0,
        cursor_row integer NOT NULL DEFAULT 0,
        job_id uuid,
        error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT imports_type_check CHECK (type IN ('customers', 'orders')),
        CONSTRAINT imports_status_check CHECK (status IN ('awaiting_file', 'staging', 'validated', 'running', 'done', 'failed', 'cancelled'))
      )`);
    await q.query(`CREATE INDEX imports_created_idx ON imports (created_at DESC, id DESC)`);
    // Staging: valid rows, typed, keyed by their CSV row number (the resume cursor walks it).
    await q.query(`
      CREATE TABLE import_customer_rows (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_no integer NOT NULL,
        external_id text NOT NULL,
        email text,
        name text,
        phone text,
        locale text NOT NULL,
        birth_date date,
        signed_up_at timestamptz NOT NULL,
        acquisition_source text NOT NULL,
        marketing_consent boolean NOT NULL,
        tags text[] NOT NULL,
        attributes jsonb NOT NULL,
        personality_colour text,
        PRIMARY KEY (import_id, row_no)
      )`);
    await q.query(`
      CREATE TABLE import_order_rows (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_no integer NOT NULL,
        order_ref text NOT NULL,
        customer_external_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL,
        discount_minor bigint NOT NULL,
        category text,
        payload jsonb NOT NULL,
        PRIMARY KEY (import_id, row_no)
      )`);
    await q.query(`
      CREATE TABLE import_problems (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_no integer NOT NULL,
        seq integer NOT NULL,
        column_name text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (import_id, row_no, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["import_problems", "import_order_rows", "import_customer_rows", "imports"])
      await q.query(`DROP TABLE ${t}`);
  }
}
