import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGliteInterface } from "@electric-sql/pglite";
import type { ClientBase } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyLine } from "./copy-text";
import { batchTables, type TableRows } from "./tables";
import type { DemoBatch } from "./types";

export interface DemoCounts {
  customers: number;
  events: number;
  supportContacts: number;
}

export interface DemoWriteResult extends DemoCounts {
  ms: number;
}

/** Called after each committed batch with the running totals. */
export type DemoProgress = (written: DemoCounts) => void;

export type DemoBatches = Iterable<DemoBatch> | AsyncIterable<DemoBatch>;

/** Where to write. PGlite needs only `transaction`, so a typeorm-pglite instance works as well. */
export type DemoTarget =
  | { kind: "postgres"; client: ClientBase }
  | { kind: "pglite"; db: Pick<PGliteInterface, "transaction"> };

/** PostgreSQL's limit on bind parameters per statement. */
const MAX_PARAMETERS = 65_535;
/** Rows per chunk handed to the COPY stream: large enough to amortise, small enough to stay flat. */
const COPY_CHUNK_ROWS = 2_000;

export function writeDemo(
  target: DemoTarget,
  batches: DemoBatches,
  onProgress?: DemoProgress,
): Promise<DemoWriteResult> {
  return target.kind === "postgres"
    ? writeDemoToPostgres(target.client, batches, onProgress)
    : writeDemoToPglite(target.db, batches, onProgress);
}

/**
 * PostgreSQL: COPY FROM STDIN in text format, one transaction per batch. The client must not
 * be inside a transaction already. Demo data can be regenerated, so commits skip the WAL flush.
 */
export function writeDemoToPostgres(
  client: ClientBase,
  batches: DemoBatches,
  onProgress?: DemoProgress,
): Promise<DemoWriteResult> {
  return writeBatches(batches, onProgress, async (tables) => {
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL synchronous_commit TO OFF");
      for (const t of tables) if (t.count > 0) await copyRows(client, t);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  });
}

/**
 * PGlite: multi-row parameterised INSERTs, chunked under the bind-parameter limit, one
 * transaction per batch. PGlite is a single connection: nothing else may write meanwhile.
 */
export function writeDemoToPglite(
  db: Pick<PGliteInterface, "transaction">,
  batches: DemoBatches,
  onProgress?: DemoProgress,
): Promise<DemoWriteResult> {
  return writeBatches(batches, onProgress, (tables) =>
    db.transaction(async (tx) => {
      for (const t of tables) {
        const perStatement = Math.floor(MAX_PARAMETERS / t.columns.length);
        for (let start = 0; start < t.count; start += perStatement) {
          const end = Math.min(t.count, start + perStatement);
          const params: unknown[] = [];
          for (let i = start; i < end; i++) params.push(...t.row(i));
          await tx.query(insertSql(t, end - start), params);
        }
      }
    }),
  );
}

async function writeBatches(
  batches: DemoBatches,
  onProgress: DemoProgress | undefined,
  write: (tables: TableRows[]) => Promise<void>,
): Promise<DemoWriteResult> {
  const started = performance.now();
  const counts: DemoCounts = { customers: 0, events: 0, supportContacts: 0 };
  for await (const batch of batches) {
    await write(batchTables(batch));
    counts.customers += batch.customers.length;
    counts.events += batch.events.length;
    counts.supportContacts += batch.supportContacts.length;
    onProgress?.({ ...counts });
  }
  return { ...counts, ms: Math.round(performance.now() - started) };
}

async function copyRows(client: ClientBase, t: TableRows): Promise<void> {
  function* chunks(): Generator<string> {
    for (let start = 0; start < t.count; start += COPY_CHUNK_ROWS) {
      let chunk = "";
      for (let i = start; i < Math.min(t.count, start + COPY_CHUNK_ROWS); i++)
        chunk += copyLine(t.row(i));
      yield chunk;
    }
  }
  // The COPY stream finishes only once the server has acknowledged the data.
  await pipeline(
    Readable.from(chunks(), { objectMode: false }),
    client.query(copyFrom(`COPY ${t.table} (${t.columns.join(", ")}) FROM STDIN`)),
  );
}

/** The INSERT for `rows` rows; full-size chunks share one text, so it is built once per table. */
const insertCache = new Map<string, string>();
function insertSql(t: TableRows, rows: number): string {
  const key = `${t.table}:${rows}`;
  let sql = insertCache.get(key);
  if (!sql) {
    const n = t.columns.length;
    const tuples = Array.from(
      { length: rows },
      (_, r) => `(${Array.from({ length: n }, (_, c) => `$${r * n + c + 1}`).join(",")})`,
    );
    sql = `INSERT INTO ${t.table} (${t.columns.join(", ")}) VALUES ${tuples.join(",")}`;
    // Only the full-size chunk recurs; keep the cache from growing with every remainder size.
    if (rows === Math.floor(MAX_PARAMETERS / n)) insertCache.set(key, sql);
  }
  return sql;
}
