import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { EntityManager } from "typeorm";
import type { Logger } from "pino";
import type { Database } from "../../db/database";
import type { Clock } from "../../common/clock";
import { AppError, badInput, conflict, notFound } from "../../common/errors";
import { assertId, isId } from "../../common/ids";
import { decodeCursor, planPage, toPage, type PageArgs } from "../../common/pagination";
import type { Page } from "../../common/graphql-types";
import { returnedRows } from "../../db/rows";
import type { RequestActor } from "../../context";
import type { EventEntity } from "../events/event.entity";
import type { AppendListener } from "../events/events.service";
import type { JobContext, JobsService } from "../jobs/jobs.service";
import { FACTS_TABLE, RECENT_ORDERS, recentOrdersSql } from "@trouw/domain";
import {
  COLUMNS,
  mapCustomer,
  mapOrder,
  readHeader,
  type ImportType,
  type OrderLineRecord,
  type RowProblem,
  type StagedCustomer,
  type StagedOrder,
} from "./csv-rows";
import { pgliteStaging, postgresStaging, stagingTable, type StagingWriter } from "./staging";

export type ImportStatus =
  | "awaiting_file"
  | "staging"
  | "validated"
  | "running"
  | "done"
  | "failed"
  | "cancelled";

export interface ImportOptions {
  /** Orders only: earn loyalty as if the orders were recorded now. Off: history earns nothing. */
  awardPoints: boolean;
  /** Customers only: write customer.created to the outbox (webhooks) for each new customer. */
  emitCustomerCreated: boolean;
  /** Staged rows moved per transaction (and per resume step). */
  chunkSize: number;
}

export interface ImportRow {
  id: string;
  type: ImportType;
  status: ImportStatus;
  options: ImportOptions;
  fileName: string | null;
  createdBy: string;
  totalRows: number;
  readyCount: number;
  problemRows: number;
  existingCount: number;
  processedCount: number;
  insertedCount: number;
  skippedCount: number;
  cursorRow: number;
  /** Orders: the customer external id of the last moved row (rows move by customer, then row). */
  cursorKey: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ImportProblemRow {
  row: number;
  seq: number;
  column: string;
  reason: string;
}

const toImport = (r: Record<string, unknown>): ImportRow => {
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    id: r.id as string,
    type: r.type as ImportType,
    status: r.status as ImportStatus,
    options: r.options as ImportOptions,
    fileName: (r.file_name as string | null) ?? null,
    createdBy: r.created_by as string,
    totalRows: Number(r.total_rows),
    readyCount: Number(r.valid_rows),
    problemRows: Number(r.problem_rows),
    existingCount: Number(r.existing_rows),
    processedCount: Number(r.processed_rows),
    insertedCount: Number(r.inserted_rows),
    skippedCount: Number(r.skipped_rows),
    cursorRow: Number(r.cursor_row),
    cursorKey: (r.cursor_key as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
  };
};

export const DEFAULT_CHUNK_SIZE = 5_000;
export const MAX_CHUNK_SIZE = 100_000;
/** Parsed records written to staging at a time. */
const STAGE_BATCH = 20_000;
const MAX_ORDER_LINES_BUFFERED = 501;
const JOB_KIND = "import.run";

/** Called after each committed chunk (progress reporting; tests use it to stop a run mid-way). */
export type ChunkListener = (imp: ImportRow) => Promise<void> | void;

/**
 * CSV imports. An upload streams through csv-parse into typed staging rows, validating each
 * record with the domain validators the API uses; set-based checks then find duplicates in the
 * file and unknown customers. Nothing reaches customers or events until `start`, which runs a
 * background job that moves staged rows in chunks, each chunk in one transaction that also
 * advances the import's cursor, so a job that dies resumes after the last committed chunk and
 * ON CONFLICT keeps every row to exactly once even then.
 */
export class ImportsService {
  private readonly chunkListeners: ChunkListener[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly logger: Pick<Logger, "info" | "warn" | "error">,
    /** Loyalty earning for imported orders when the import asks for it. */
    private readonly earn: AppendListener,
  ) {
    jobs.register(JOB_KIND, (ctx) => this.runJob(ctx));
  }

  onChunk(listener: ChunkListener): () => void {
    this.chunkListeners.push(listener);
    return () => {
      const i = this.chunkListeners.indexOf(listener);
      if (i >= 0) this.chunkListeners.splice(i, 1);
    };
  }

  async create(
    actor: RequestActor,
    input: { type: ImportType; fileName?: string | null; options?: Partial<ImportOptions> | null },
  ): Promise<ImportRow> {
    const chunkSize = input.options?.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE)
      throw badInput("Invalid import options", [
        { path: "options.chunkSize", message: `must be between 1 and ${MAX_CHUNK_SIZE}` },
      ]);
    if (input.fileName && input.fileName.length > 255)
      throw badInput("Invalid import", [{ path: "fileName", message: "at most 255 characters" }]);
    const options: ImportOptions = {
      awardPoints: input.type === "orders" && (input.options?.awardPoints ?? false),
      emitCustomerCreated:
        input.type === "customers" && (input.options?.emitCustomerCreated ?? false),
      chunkSize,
    };
    const now = this.clock.now();
    const rows = await this.db.transaction((em) =>
      em.query(
        `INSERT INTO imports (id, type, status, options, file_name, created_by, created_at, updated_at)
         VALUES ($1, $2, 'awaiting_file', $3, $4, $5, $6, $6) RETURNING *`,
        [
          randomUUID(),
          input.type,
          JSON.stringify(options),
          input.fileName ?? null,
          actor.caller,
          now,
        ],
      ),
    );
    return toImport((rows as Record<string, unknown>[])[0]!);
  }

  async get(id: string): Promise<ImportRow | null> {
    if (!isId(id)) return null;
    const rows = (await this.db.read((em) =>
      em.query(`SELECT * FROM imports WHERE id = $1`, [id]),
    )) as Record<string, unknown>[];
    return rows[0] ? toImport(rows[0]) : null;
  }

  async require(id: string): Promise<ImportRow> {
    assertId(id);
    const imp = await this.get(id);
    if (!imp) throw notFound("Import");
    return imp;
  }

  async list(args: PageArgs): Promise<Page<ImportRow>> {
    const plan = planPage(args);
    const dir = plan.backward ? "ASC" : "DESC";
    return this.db.read(async (em) => {
      const params: unknown[] = [plan.limit + 1];
      let where = "";
      if (plan.cursor) {
        const [at, id] = decodeCursor(plan.cursor, 2);
        params.push(at, id);
        where = `WHERE (created_at, id) ${plan.backward ? ">" : "<"} ($2::timestamptz, $3::uuid)`;
      }
      const rows = (await em.query(
        `SELECT * FROM imports ${where} ORDER BY created_at ${dir}, id ${dir} LIMIT $1`,
        params,
      )) as Record<string, unknown>[];
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM imports`)) as [{ n: number }];
      return toPage(rows.map(toImport), plan, (i) => [i.createdAt.toISOString(), i.id], n);
    });
  }

  /** Problems of an import, by row then in the order found; keyset-paged. */
  async problems(importId: string, args: PageArgs): Promise<Page<ImportProblemRow>> {
    const plan = planPage(args);
    const dir = plan.backward ? "DESC" : "ASC";
    return this.db.read(async (em) => {
      const params: unknown[] = [importId, plan.limit + 1];
      let where = "";
      if (plan.cursor) {
        const [row, seq] = decodeCursor(plan.cursor, 2);
        params.push(Number(row), Number(seq));
        where = `AND (row_no, seq) ${plan.backward ? "<" : ">"} ($3::int, $4::int)`;
      }
      const rows = (await em.query(
        `SELECT row_no, seq, column_name, reason FROM import_problems
         WHERE import_id = $1 ${where} ORDER BY row_no ${dir}, seq ${dir} LIMIT $2`,
        params,
      )) as { row_no: number; seq: number; column_name: string; reason: string }[];
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM import_problems WHERE import_id = $1`,
        [importId],
      )) as [{ n: number }];
      return toPage(
        rows.map((r) => ({ row: r.row_no, seq: r.seq, column: r.column_name, reason: r.reason })),
        plan,
        (p) => [p.row, p.seq],
        n,
      );
    });
  }

  /** Every problem, in pages, for the CSV download. */
  async *allProblems(importId: string): AsyncGenerator<ImportProblemRow[]> {
    let after: [number, number] = [0, -1];
    for (;;) {
      const rows = (await this.db.read((em) =>
        em.query(
          `SELECT row_no, seq, column_name, reason FROM import_problems
           WHERE import_id = $1 AND (row_no, seq) > ($2::int, $3::int) ORDER BY row_no, seq LIMIT 5000`,
          [importId, after[0], after[1]],
        ),
      )) as { row_no: number; seq: number; column_name: string; reason: string }[];
      if (!rows.length) return;
      yield rows.map((r) => ({
        row: r.row_no,
        seq: r.seq,
        column: r.column_name,
        reason: r.reason,
      }));
      const last = rows.at(-1)!;
      after = [last.row_no, last.seq];
    }
  }

  /**
   * Streams a CSV file into staging and validates it: the dry run. Writes nothing but the
   * staging rows and the problem report; `start` does the rest.
   */
  async upload(importId: string, body: Readable): Promise<ImportRow> {
    const imp = await this.require(importId);
    const claimed = (await this.db.transaction((em) =>
      em.query(
        `UPDATE imports SET status = 'staging', updated_at = $2 WHERE id = $1 AND status = 'awaiting_file' RETURNING id`,
        [importId, this.clock.now()],
      ),
    )) as unknown[];
    if (!returnedRows(claimed).length)
      throw conflict(`The import is ${imp.status}; a file can be uploaded once, to a new import`);

    const writer: StagingWriter = this.db.isPglite
      ? pgliteStaging(this.db, imp.type, importId)
      : await postgresStaging(this.db, imp.type, importId);
    try {
      const totalRows = await this.stage(imp, body, writer);
      const counts = await writer.finish((em) => this.validateStaged(em, imp, totalRows));
      return counts;
    } catch (err) {
      await writer.abort();
      const message =
        err instanceof AppError ? err.message : "The upload could not be read to the end";
      await this.db.transaction((em) =>
        em.query(
          `UPDATE imports SET status = 'failed', error = $2, updated_at = $3, finished_at = $3 WHERE id = $1`,
          [importId, message, this.clock.now()],
        ),
      );
      if (err instanceof AppError) throw err;
      this.logger.warn({ importId, err }, "import upload failed");
      throw badInput(message);
    }
  }

  /** Parses and stages the file; returns how many data records it had. */
  private async stage(imp: ImportRow, body: Readable, writer: StagingWriter): Promise<number> {
    const now = this.clock.now();
    const parser = body.pipe(
      parse({
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: 1 << 20,
      }),
    );
    body.on("error", (err) => parser.destroy(err));
    let index: Map<string, number> | null = null;
    let headerWidth = 0;
    let rowNo = 1;
    let rows: (StagedCustomer | StagedOrder)[] = [];
    let problems: RowProblem[] = [];
    let order: OrderLineRecord[] = [];
    let orderId: string | null = null;

    const flush = async () => {
      if (!rows.length && !problems.length) return;
      await writer.write(rows, problems);
      rows = [];
      problems = [];
    };
    const take = (r: { row: StagedCustomer | StagedOrder | null; problems: RowProblem[] }) => {
      if (r.row) rows.push(r.row);
      problems.push(...r.problems);
    };
    const flushOrder = () => {
      if (order.length) take(mapOrder(order, index!, now));
      order = [];
      orderId = null;
    };

    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (!index) {
          const header = readHeader(imp.type, record);
          if (!header.ok) throw badInput("The CSV header is not valid", header.problems);
          index = header.index;
          headerWidth = record.length;
          continue;
        }
        rowNo += 1;
        if (record.length !== headerWidth) {
          problems.push({
            row: rowNo,
            column: "*",
            reason: `has ${record.length} fields; the header has ${headerWidth}`,
          });
          continue;
        }
        if (imp.type === "customers") take(mapCustomer(rowNo, record, index, now));
        else {
          const id = record[index.get("order_id")!]!.trim();
          if (id === "" || id !== orderId) flushOrder();
          if (order.length >= MAX_ORDER_LINES_BUFFERED)
            problems.push({
              row: rowNo,
              column: "order_id",
              reason: "the order has too many lines",
            });
          else order.push({ rowNo, record });
          orderId = id || null;
        }
        if (rows.length + problems.length >= STAGE_BATCH && order.length === 0) await flush();
        else if (rows.length + problems.length >= STAGE_BATCH * 2) {
          flushOrder();
          await flush();
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      // csv-parse errors say what and where (e.g. an unclosed quote on line 12).
      if ((err as { code?: string }).code?.startsWith("CSV_"))
        throw badInput(`The file is not valid CSV: ${message}`, [{ path: "file", message }]);
      throw err;
    }
    if (!index) throw badInput("The file is empty", [{ path: "file", message: "has no header" }]);
    flushOrder();
    await flush();
    return rowNo - 1;
  }

  /** Set-based checks over everything staged, then the counts the report shows. */
  private async validateStaged(
    em: EntityManager,
    imp: ImportRow,
    totalRows: number,
  ): Promise<ImportRow> {
    const table = stagingTable(imp.type);
    const key = imp.type === "customers" ? "external_id" : "order_ref";
    const keyColumn = imp.type === "customers" ? "external_id" : "order_id";
    // The same key twice in one file: the first row wins, the others are problems.
    await em.query(
      `WITH dup AS (
         SELECT row_no, first FROM (
           SELECT row_no, min(row_no) OVER (PARTITION BY ${key}) AS first FROM ${table} WHERE import_id = $1
         ) AS k WHERE row_no <> first),
       gone AS (DELETE FROM ${table} s USING dup WHERE s.import_id = $1 AND s.row_no = dup.row_no RETURNING s.row_no)
       INSERT INTO import_problems (import_id, row_no, seq, column_name, reason)
       SELECT $1, dup.row_no, 0, '${keyColumn}', 'appears again (first on row ' || dup.first || ')' FROM dup`,
      [imp.id],
    );
    let existingSql = `SELECT count(*)::int AS n FROM import_customer_rows s JOIN customers c ON c.external_id = s.external_id WHERE s.import_id = $1`;
    if (imp.type === "orders") {
      await em.query(
        `WITH missing AS (
           SELECT s.row_no FROM import_order_rows s
           WHERE s.import_id = $1 AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_external_id)),
         gone AS (DELETE FROM import_order_rows s USING missing m WHERE s.import_id = $1 AND s.row_no = m.row_no RETURNING s.row_no)
         INSERT INTO import_problems (import_id, row_no, seq, column_name, reason)
         SELECT $1, row_no, 0, 'customer_external_id', 'no customer has this external id' FROM missing`,
        [imp.id],
      );
      existingSql = `SELECT count(*)::int AS n FROM import_order_rows s JOIN events e ON e.type = 'order' AND e.order_ref = s.order_ref WHERE s.import_id = $1`;
    }
    const [{ n: existing }] = (await em.query(existingSql, [imp.id])) as [{ n: number }];
    const [{ n: ready }] = (await em.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE import_id = $1`,
      [imp.id],
    )) as [{ n: number }];
    const [{ n: problemRows }] = (await em.query(
      `SELECT count(DISTINCT row_no)::int AS n FROM import_problems WHERE import_id = $1`,
      [imp.id],
    )) as [{ n: number }];
    const rows = (await em.query(
      `UPDATE imports SET status = 'validated', total_rows = $2, valid_rows = $3, problem_rows = $4,
         existing_rows = $5, updated_at = $6 WHERE id = $1 RETURNING *`,
      [imp.id, totalRows, ready, problemRows, existing, this.clock.now()],
    )) as unknown;
    return toImport(returnedRows(rows)[0]!);
  }

  /** Starts moving a validated import's rows (a background job). */
  async start(id: string): Promise<ImportRow> {
    const imp = await this.require(id);
    if (imp.status !== "validated")
      throw conflict(`Only a validated import can start; this one is ${imp.status}`);
    return this.launch(imp, ["validated"]);
  }

  /** Continues a failed or cancelled import after its last committed chunk. */
  async resume(id: string): Promise<ImportRow> {
    const imp = await this.require(id);
    if (imp.status !== "failed" && imp.status !== "cancelled")
      throw conflict(`Only a failed or cancelled import can resume; this one is ${imp.status}`);
    if (imp.startedAt === null && imp.status === "failed")
      throw conflict("The upload of this import failed; upload the file to a new import");
    return this.launch(imp, ["failed", "cancelled"]);
  }

  private async launch(imp: ImportRow, from: ImportStatus[]): Promise<ImportRow> {
    const now = this.clock.now();
    const rows = returnedRows(
      await this.db.transaction((em) =>
        em.query(
          `UPDATE imports SET status = 'running', error = NULL, started_at = coalesce(started_at, $2),
             finished_at = NULL, updated_at = $2 WHERE id = $1 AND status = ANY($3::text[]) RETURNING *`,
          [imp.id, now, from],
        ),
      ),
    );
    if (!rows.length) throw conflict("The import changed meanwhile; reload it");
    const job = await this.jobs.enqueue(JOB_KIND, {
      key: imp.id,
      payload: { importId: imp.id },
      maxAttempts: 5,
    });
    const updated = returnedRows(
      await this.db.transaction((em) =>
        em.query(`UPDATE imports SET job_id = $2 WHERE id = $1 RETURNING *`, [imp.id, job.id]),
      ),
    );
    return toImport(updated[0]!);
  }

  /** Stops a running import after the chunk in hand; what is committed stays. */
  async cancel(id: string): Promise<ImportRow> {
    const imp = await this.require(id);
    const rows = returnedRows(
      await this.db.transaction((em) =>
        em.query(
          `UPDATE imports SET status = 'cancelled', updated_at = $2, finished_at = $2
           WHERE id = $1 AND status IN ('validated', 'running') RETURNING *`,
          [id, this.clock.now()],
        ),
      ),
    );
    if (!rows.length) throw conflict(`The import is ${imp.status}; it cannot be cancelled`);
    return toImport(rows[0]!);
  }

  private async runJob(ctx: JobContext): Promise<unknown> {
    const importId = ctx.job.payload.importId as string;
    try {
      for (;;) {
        const step = await this.db.transaction((em) => this.moveChunk(em, importId));
        if (step.state === "stopped") return { importId, status: step.imp?.status ?? "gone" };
        const imp = step.imp!;
        await ctx.progress(imp.readyCount ? imp.processedCount / imp.readyCount : 1);
        for (const listener of this.chunkListeners) await listener(imp);
        if (step.state === "done") return { importId, inserted: imp.insertedCount };
      }
    } catch (err) {
      // Out of retries: the import shows as failed and can be resumed by hand.
      if (ctx.job.attempts >= ctx.job.maxAttempts)
        await this.db.transaction((em) =>
          em.query(
            `UPDATE imports SET status = 'failed', error = $2, updated_at = $3, finished_at = $3 WHERE id = $1 AND status = 'running'`,
            [importId, err instanceof Error ? err.message : String(err), this.clock.now()],
          ),
        );
      throw err;
    }
  }

  /**
   * One chunk in one transaction: lock the import row, read its cursor, move the next staged
   * rows set-based, advance the cursor. Two workers on the same import serialise on the lock.
   */
  private async moveChunk(
    em: EntityManager,
    importId: string,
  ): Promise<{ state: "more" | "done" | "stopped"; imp: ImportRow | null }> {
    const [row] = (await em.query(`SELECT * FROM imports WHERE id = $1${this.db.forUpdate}`, [
      importId,
    ])) as Record<string, unknown>[];
    if (!row) return { state: "stopped", imp: null };
    const imp = toImport(row);
    if (imp.status !== "running") return { state: "stopped", imp };
    const now = this.clock.now();
    // The planner's guesses for set-returning functions over a CTE make JIT look worth it;
    // compiling costs ~2 s per chunk and saves nothing here.
    // A chunk's sorts and hashes (facts fold, analytics rollups) spill to disk at the default
    // 4 MB; a chunk is one statement at a time, so it may take more.
    if (!this.db.isPglite) {
      await em.query(`SET LOCAL jit = off`);
      await em.query(`SET LOCAL work_mem = '64MB'`);
    }
    const moved =
      imp.type === "customers"
        ? await this.moveCustomers(em, imp, now)
        : await this.moveOrders(em, imp, now);
    if (moved.n === 0) {
      // Finished: the staged rows have served their purpose; the problem report stays.
      await em.query(`DELETE FROM ${stagingTable(imp.type)} WHERE import_id = $1`, [imp.id]);
      const done = returnedRows(
        await em.query(
          `UPDATE imports SET status = 'done', updated_at = $2, finished_at = $2 WHERE id = $1 RETURNING *`,
          [imp.id, now],
        ),
      );
      return { state: "done", imp: toImport(done[0]!) };
    }
    const updated = returnedRows(
      await em.query(
        `UPDATE imports SET cursor_row = $2, cursor_key = $6, processed_rows = processed_rows + $3,
           inserted_rows = inserted_rows + $4, skipped_rows = skipped_rows + $3 - $4, updated_at = $5
         WHERE id = $1 RETURNING *`,
        [imp.id, moved.lastRow, moved.n, moved.inserted, now, moved.lastKey ?? null],
      ),
    );
    return { state: "more", imp: toImport(updated[0]!) };
  }

  private async moveCustomers(
    em: EntityManager,
    imp: ImportRow,
    now: Date,
  ): Promise<{ n: number; inserted: number; lastRow: number; lastKey: null }> {
    // customer.created only when asked: a million-row import should not flood webhooks.
    const outbox = imp.options.emitCustomerCreated
      ? `, announced AS (
           INSERT INTO outbox (topic, customer_id, payload, created_at)
           SELECT 'customer.created', id, jsonb_build_object(
             'externalId', external_id,
             'signedUpAt', to_char(signed_up_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'acquisitionSource', acquisition_source, 'locale', locale, 'tags', to_jsonb(tags)), $4
           FROM ins)`
      : "";
    const [r] = (await em.query(
      `WITH chunk AS (
         SELECT * FROM import_customer_rows WHERE import_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3),
       ins AS (
         INSERT INTO customers (id, external_id, email, name, phone, locale, birth_date, signed_up_at,
           acquisition_source, marketing_consent, marketing_consent_at, tags, attributes,
           personality_colour, created_at, updated_at)
         SELECT gen_random_uuid(), external_id, email, name, phone, locale, birth_date, signed_up_at,
           acquisition_source, marketing_consent, CASE WHEN marketing_consent THEN $4::timestamptz END,
           tags, attributes, personality_colour, $4, $4
         FROM chunk ORDER BY row_no
         ON CONFLICT (external_id) DO NOTHING
         RETURNING id, external_id, signed_up_at, acquisition_source, locale, tags),
       dirty AS (
         INSERT INTO segment_dirty_customers (customer_id, marked_at) SELECT id, $4 FROM ins
         ON CONFLICT (customer_id) DO NOTHING)${outbox}
       SELECT (SELECT count(*) FROM chunk)::int AS n, (SELECT count(*) FROM ins)::int AS inserted,
         (SELECT max(row_no) FROM chunk) AS last_row`,
      [imp.id, imp.cursorRow, imp.options.chunkSize, now],
    )) as { n: number; inserted: number; last_row: number | null }[];
    return {
      n: r!.n,
      inserted: r!.inserted,
      lastRow: Number(r!.last_row ?? imp.cursorRow),
      lastKey: null,
    };
  }

  private async moveOrders(
    em: EntityManager,
    imp: ImportRow,
    now: Date,
  ): Promise<{ n: number; inserted: number; lastRow: number; lastKey: string | null }> {
    // Facts fold set-based with the same merge as foldEventSql: counts and sums add up,
    // first/last and min/max widen, recent times and categories merge.
    const f = FACTS_TABLE;
    // Customer by customer (external id in byte order, then row), so a chunk holds each of its
    // customers' orders together: one facts fold, one dirty mark and one analytics upsert per
    // customer instead of one per order. The cursor is the last row moved, as (key, row).
    const [r] = (await em.query(
      `WITH chunk AS (
         SELECT * FROM import_order_rows
         WHERE import_id = $1 AND (customer_external_id COLLATE "C", row_no) > ($5::text COLLATE "C", $2::int)
         ORDER BY customer_external_id COLLATE "C", row_no LIMIT $3),
       last AS (
         SELECT customer_external_id, row_no FROM chunk ORDER BY customer_external_id COLLATE "C" DESC, row_no DESC LIMIT 1),
       ins AS (
         INSERT INTO events (id, customer_id, type, occurred_at, recorded_at, amount_minor,
           discount_minor, currency, category, order_ref, payload)
         SELECT gen_random_uuid(), c.id, 'order', s.occurred_at, $4, s.amount_minor, s.discount_minor,
           s.currency, s.category, s.order_ref, s.payload
         FROM chunk s JOIN customers c ON c.external_id = s.customer_external_id
         ORDER BY s.customer_external_id COLLATE "C", s.row_no
         ON CONFLICT (order_ref) WHERE type = 'order' DO NOTHING
         RETURNING *),
       dirty AS (
         INSERT INTO segment_dirty_customers (customer_id, marked_at) SELECT DISTINCT customer_id, $4 FROM ins
         ON CONFLICT (customer_id) DO NOTHING),
       categories AS (
         SELECT customer_id, array_agg(DISTINCT c ORDER BY c) AS list
         FROM ins, jsonb_array_elements_text(ins.payload -> 'categories') AS c GROUP BY customer_id),
       per_customer AS (
         SELECT customer_id, count(*) AS n, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
           coalesce(sum(amount_minor), 0) AS amount_sum, count(amount_minor) AS amount_n,
           min(amount_minor) AS amount_min, max(amount_minor) AS amount_max,
           coalesce(sum(discount_minor), 0) AS discount_sum, count(discount_minor) AS discount_n,
           count(*) FILTER (WHERE coalesce(discount_minor, 0) > 0) AS discounted_n,
           (array_agg(occurred_at ORDER BY occurred_at DESC))[1:${RECENT_ORDERS}] AS recent
         FROM ins GROUP BY customer_id),
       folded AS (
         INSERT INTO ${f} (customer_id, order_count, order_first_at, order_last_at, order_amount_sum,
           order_amount_n, order_amount_min, order_amount_max, order_discount_sum, order_discount_n,
           order_discounted_n, order_recent, order_categories)
         SELECT p.customer_id, p.n, p.first_at, p.last_at, p.amount_sum, p.amount_n, p.amount_min,
           p.amount_max, p.discount_sum, p.discount_n, p.discounted_n, p.recent, coalesce(c.list, '{}')
         FROM per_customer p LEFT JOIN categories c ON c.customer_id = p.customer_id
         ON CONFLICT (customer_id) DO UPDATE SET
           order_count = ${f}.order_count + EXCLUDED.order_count,
           order_first_at = LEAST(${f}.order_first_at, EXCLUDED.order_first_at),
           order_last_at = GREATEST(${f}.order_last_at, EXCLUDED.order_last_at),
           order_amount_sum = ${f}.order_amount_sum + EXCLUDED.order_amount_sum,
           order_amount_n = ${f}.order_amount_n + EXCLUDED.order_amount_n,
           order_amount_min = LEAST(${f}.order_amount_min, EXCLUDED.order_amount_min),
           order_amount_max = GREATEST(${f}.order_amount_max, EXCLUDED.order_amount_max),
           order_discount_sum = ${f}.order_discount_sum + EXCLUDED.order_discount_sum,
           order_discount_n = ${f}.order_discount_n + EXCLUDED.order_discount_n,
           order_discounted_n = ${f}.order_discounted_n + EXCLUDED.order_discounted_n,
           order_recent = ${recentOrdersSql(`${f}.order_recent || EXCLUDED.order_recent`)},
           order_categories = ARRAY(SELECT DISTINCT x FROM unnest(${f}.order_categories || EXCLUDED.order_categories) AS x ORDER BY x))
       SELECT (SELECT count(*) FROM chunk)::int AS n, (SELECT count(*) FROM ins)::int AS inserted,
         (SELECT row_no FROM last) AS last_row, (SELECT customer_external_id FROM last) AS last_key,
         ${imp.options.awardPoints ? "(SELECT coalesce(jsonb_agg(to_jsonb(ins)), '[]') FROM ins)" : "NULL"} AS events`,
      [imp.id, imp.cursorRow, imp.options.chunkSize, now, imp.cursorKey ?? ""],
    )) as {
      n: number;
      inserted: number;
      last_row: number | null;
      last_key: string | null;
      events: Record<string, unknown>[] | null;
    }[];
    // Loyalty earning is per event (program rules, lots, tiers): only when the import asks.
    for (const e of r!.events ?? []) await this.earn(em, toEvent(e));
    return {
      n: r!.n,
      inserted: r!.inserted,
      lastRow: Number(r!.last_row ?? imp.cursorRow),
      lastKey: r!.last_key ?? imp.cursorKey,
    };
  }

  columns(type: ImportType) {
    return COLUMNS[type];
  }
}

function toEvent(e: Record<string, unknown>): EventEntity {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: e.id as string,
    customerId: e.customer_id as string,
    type: "order",
    occurredAt: new Date(e.occurred_at as string),
    recordedAt: new Date(e.recorded_at as string),
    amountMinor: num(e.amount_minor),
    discountMinor: num(e.discount_minor),
    currency: (e.currency as string).trim(),
    category: (e.category as string | null) ?? null,
    orderRef: e.order_ref as string,
    payload: e.payload as Record<string, unknown>,
  } as EventEntity;
}
