import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ClientBase } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import { copyLine } from "../../demo/copy-text";
import type { ImportType, RowProblem, StagedCustomer, StagedOrder } from "./csv-rows";

/** Staging columns in table order (after import_id), with their SQL types for PGlite's recordset. */
const STAGING: Record<ImportType, { table: string; columns: [string, string][] }> = {
  customers: {
    table: "import_customer_rows",
    columns: [
      ["row_no", "int"],
      ["external_id", "text"],
      ["email", "text"],
      ["name", "text"],
      ["phone", "text"],
      ["locale", "text"],
      ["birth_date", "date"],
      ["signed_up_at", "timestamptz"],
      ["acquisition_source", "text"],
      ["marketing_consent", "boolean"],
      ["tags", "text[]"],
      ["attributes", "jsonb"],
      ["personality_colour", "text"],
    ],
  },
  orders: {
    table: "import_order_rows",
    columns: [
      ["row_no", "int"],
      ["order_ref", "text"],
      ["customer_external_id", "text"],
      ["occurred_at", "timestamptz"],
      ["currency", "char(3)"],
      ["amount_minor", "bigint"],
      ["discount_minor", "bigint"],
      ["category", "text"],
      ["payload", "jsonb"],
    ],
  },
};

export const stagingTable = (type: ImportType) => STAGING[type].table;

type Staged = StagedCustomer | StagedOrder;

function values(type: ImportType, r: Staged): unknown[] {
  if (type === "customers") {
    const c = r as StagedCustomer;
    return [
      c.rowNo,
      c.externalId,
      c.email,
      c.name,
      c.phone,
      c.locale,
      c.birthDate,
      c.signedUpAt,
      c.acquisitionSource,
      c.marketingConsent,
      c.tags,
      c.attributes,
      c.personalityColour,
    ];
  }
  const o = r as StagedOrder;
  return [
    o.rowNo,
    o.orderRef,
    o.customerExternalId,
    o.occurredAt,
    o.currency,
    o.amountMinor,
    o.discountMinor,
    o.category,
    o.payload,
  ];
}

/** Writes one batch of valid rows and problems of an upload. */
export interface StagingWriter {
  write(rows: Staged[], problems: RowProblem[]): Promise<void>;
  /** Runs the closing set-based checks and commits (PostgreSQL) or just runs them (PGlite). */
  finish<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** Undoes what was staged. */
  abort(): Promise<void>;
}

async function insertProblems(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  importId: string,
  problems: RowProblem[],
): Promise<void> {
  if (!problems.length) return;
  // A row's problems all come from one batch, numbered in the order they were found.
  const seen = new Map<number, number>();
  const seq = problems.map((p) => {
    const n = seen.get(p.row) ?? 0;
    seen.set(p.row, n + 1);
    return n;
  });
  await query(
    `INSERT INTO import_problems (import_id, row_no, seq, column_name, reason)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[])`,
    [
      importId,
      problems.map((p) => p.row),
      seq,
      problems.map((p) => p.column),
      problems.map((p) => p.reason),
    ],
  );
}

/**
 * PostgreSQL: the whole upload is one transaction on a dedicated connection; each batch of
 * valid rows goes in through COPY FROM STDIN, so a million rows never sit in memory and a
 * broken upload leaves nothing behind. A batch's COPY runs while the next batch is parsed
 * (at most one in flight), so parsing and the database's work overlap on two cores.
 */
export async function postgresStaging(
  db: Database,
  type: ImportType,
  importId: string,
): Promise<StagingWriter> {
  const runner = db.dataSource.createQueryRunner();
  const client = (await runner.connect()) as ClientBase;
  await runner.startTransaction();
  const { table, columns } = STAGING[type];
  const copySql = `COPY ${table} (import_id, ${columns.map((c) => c[0]).join(", ")}) FROM STDIN`;
  const release = async () => {
    await runner.release();
  };
  const copy = async (text: string, problems: RowProblem[]) => {
    if (text) await pipeline(Readable.from([text]), client.query(copyFrom(copySql)));
    await insertProblems((sql, p) => client.query(sql, p), importId, problems);
  };
  // The batch being written; its failure surfaces at the next write or at finish.
  let inFlight: Promise<void> = Promise.resolve();
  return {
    async write(rows, problems) {
      let text = "";
      for (const r of rows) text += copyLine([importId, ...values(type, r)]);
      await inFlight;
      inFlight = copy(text, problems);
      // Not awaited here, but never left unhandled: write or finish awaits it.
      inFlight.catch(() => undefined);
    },
    async finish(work) {
      try {
        await inFlight;
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (err) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      } finally {
        await release();
      }
    },
    async abort() {
      await inFlight.catch(() => undefined);
      await runner.rollbackTransaction().catch(() => undefined);
      await release();
    },
  };
}

/**
 * PGlite: one short transaction per batch through the serial gate (so requests keep being
 * answered during a long upload), rows as one jsonb recordset parameter; abort deletes them.
 */
export function pgliteStaging(db: Database, type: ImportType, importId: string): StagingWriter {
  const { table, columns } = STAGING[type];
  const insertSql = `INSERT INTO ${table} (import_id, ${columns.map((c) => c[0]).join(", ")})
    SELECT $1, ${columns.map((c) => `r.${c[0]}`).join(", ")}
    FROM jsonb_to_recordset($2::jsonb) AS r(${columns.map(([n, t]) => `${n} ${t}`).join(", ")})`;
  return {
    async write(rows, problems) {
      await db.transaction(async (em) => {
        if (rows.length) {
          const records = rows.map((r) => {
            const v = values(type, r);
            return Object.fromEntries(columns.map(([name], i) => [name, v[i]]));
          });
          await em.query(insertSql, [importId, JSON.stringify(records)]);
        }
        await insertProblems((sql, p) => em.query(sql, p), importId, problems);
      });
    },
    finish: (work) => db.transaction(work),
    async abort() {
      await db.transaction(async (em) => {
        await em.query(`DELETE FROM ${table} WHERE import_id = $1`, [importId]);
        await em.query(`DELETE FROM import_problems WHERE import_id = $1`, [importId]);
      });
    },
  };
}
