import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { EntityManager } from "typeorm";
import type { Clock } from "../../common/clock";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobRow {
  id: string;
  kind: string;
  key: string | null;
  payload: Record<string, unknown>;
  status: JobStatus;
  progress: number;
  /** The step the job reported last (its kinds name them), null before the first. */
  step: string | null;
  /** Every step reported, in order, over all attempts. */
  steps: JobStep[];
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  error: string | null;
  result: unknown;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** One reported step of a job: what it started on, how far along it was, when. */
export interface JobStep {
  step: string;
  progress: number;
  attempt: number;
  at: Date;
}

export interface JobContext {
  job: JobRow;
  /**
   * Reports progress between 0 and 1, shown in the admin; with `step`, also the step the job
   * starts on now, kept in its step log. Called from inside the job's own transaction, pass
   * it as `within` (see `Database.aside`): others then see the progress at once.
   */
  progress(fraction: number, step?: string, within?: EntityManager): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

const toJob = (r: Record<string, unknown>): JobRow => ({
  id: r.id as string,
  kind: r.kind as string,
  key: r.key as string | null,
  payload: r.payload as Record<string, unknown>,
  status: r.status as JobStatus,
  progress: Number(r.progress),
  step: (r.step as string | null) ?? null,
  steps: ((r.steps as { step: string; progress: number; attempt: number; at: string }[]) ?? []).map(
    (x) => ({ ...x, at: new Date(x.at) }),
  ),
  attempts: Number(r.attempts),
  maxAttempts: Number(r.max_attempts),
  runAfter: new Date(r.run_after as string),
  error: r.error as string | null,
  result: r.result,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
  finishedAt: r.finished_at ? new Date(r.finished_at as string) : null,
});

/**
 * The one job runner: a table-backed queue claimed with FOR UPDATE SKIP LOCKED, the same code
 * on PostgreSQL and PGlite. Jobs with a key are deduplicated while waiting, never run twice at
 * once, retried with exponential backoff, and report progress.
 */
export class JobsService {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workerId = `worker-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private stopped = true;

  /**
   * Jobs run at once by this process: two on PostgreSQL, so a refresh of many segments uses
   * both cores of a small machine; one on PGlite, which runs one transaction at a time anyway.
   */
  readonly concurrency: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, "info" | "warn" | "error">,
    concurrency?: number,
  ) {
    this.concurrency = db.isPglite ? 1 : Math.max(1, concurrency ?? 2);
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Queues a job; with a key, joins the job already waiting for that key instead. */
  async enqueue(
    kind: string,
    opts: {
      key?: string;
      payload?: Record<string, unknown>;
      runAfter?: Date;
      maxAttempts?: number;
    } = {},
  ): Promise<JobRow> {
    const now = this.clock.now();
    const row = await this.db.transaction(async (em) => {
      const inserted: Record<string, unknown>[] = await em.query(
        `INSERT INTO jobs (id, kind, key, payload, status, run_after, max_attempts, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, $7)
         ON CONFLICT (kind, key) WHERE status = 'queued' AND key IS NOT NULL DO NOTHING RETURNING *`,
        [
          randomUUID(),
          kind,
          opts.key ?? null,
          JSON.stringify(opts.payload ?? {}),
          opts.runAfter ?? now,
          opts.maxAttempts ?? 3,
          now,
        ],
      );
      if (inserted[0]) return inserted[0];
      const [waiting] = (await em.query(
        `SELECT * FROM jobs WHERE kind = $1 AND key = $2 AND status = 'queued'`,
        [kind, opts.key],
      )) as Record<string, unknown>[];
      return waiting!;
    });
    this.kick();
    return toJob(row);
  }

  async get(id: string): Promise<JobRow | null> {
    const rows = (await this.db.read((em) =>
      em.query(`SELECT * FROM jobs WHERE id = $1`, [id]),
    )) as Record<string, unknown>[];
    return rows[0] ? toJob(rows[0]) : null;
  }

  async latest(kind: string, key: string): Promise<JobRow | null> {
    const rows = (await this.db.read((em) =>
      em.query(`SELECT * FROM jobs WHERE kind = $1 AND key = $2 ORDER BY created_at DESC LIMIT 1`, [
        kind,
        key,
      ]),
    )) as Record<string, unknown>[];
    return rows[0] ? toJob(rows[0]) : null;
  }

  /** Claims and runs ready jobs until none is left, `concurrency` at a time. Returns how many ran. */
  async runReady(): Promise<number> {
    const worker = async () => {
      let ran = 0;
      for (;;) {
        const job = await this.claim();
        if (!job) return ran;
        await this.execute(job);
        ran += 1;
      }
    };
    const ran = await Promise.all(Array.from({ length: this.concurrency }, worker));
    return ran.reduce((a, b) => a + b, 0);
  }

  private async claim(): Promise<JobRow | null> {
    const now = this.clock.now();
    const rows = returnedRows(
      await this.db.transaction((em) =>
        em.query(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $2, locked_at = $1, updated_at = $1
         WHERE id = (
           SELECT j.id FROM jobs j
           WHERE j.status = 'queued' AND j.run_after <= $1 AND j.kind = ANY($3::text[])
             AND (j.key IS NULL OR NOT EXISTS (SELECT 1 FROM jobs r WHERE r.kind = j.kind AND r.key = j.key AND r.status = 'running'))
           ORDER BY j.run_after, j.created_at
           FOR UPDATE SKIP LOCKED LIMIT 1)
         RETURNING *`,
          [now, this.workerId, [...this.handlers.keys()]],
        ),
      ),
    );
    return rows[0] ? toJob(rows[0]) : null;
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind)!;
    const progress = async (fraction: number, step?: string, within?: EntityManager) => {
      const value = Math.max(0, Math.min(1, fraction));
      const now = this.clock.now();
      await this.db.aside(
        (em) =>
          step === undefined
            ? em.query(`UPDATE jobs SET progress = $2, updated_at = $3 WHERE id = $1`, [
                job.id,
                value,
                now,
              ])
            : em.query(
                `UPDATE jobs SET progress = $2, updated_at = $3, step = $4,
                   steps = steps || jsonb_build_array(jsonb_build_object('step', $4::text, 'progress', $2::real, 'attempt', attempts, 'at', $3::timestamptz))
                 WHERE id = $1`,
                [job.id, value, now, step],
              ),
        within,
      );
    };
    try {
      const result = await handler({ job, progress });
      await this.db.transaction((em) =>
        em.query(
          `UPDATE jobs SET status = 'done', progress = 1, result = $2, error = NULL, finished_at = $3, updated_at = $3 WHERE id = $1`,
          [job.id, JSON.stringify(result ?? null), this.clock.now()],
        ),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const now = this.clock.now();
      const retry = job.attempts < job.maxAttempts;
      this.logger.warn(
        { jobId: job.id, kind: job.kind, attempt: job.attempts, err: message, retry },
        "job failed",
      );
      // Backoff: 2^attempt seconds. A retry goes back to the queue unless another waits for the key.
      const runAfter = new Date(now.getTime() + 2 ** job.attempts * 1000);
      await this.db.transaction(async (em) => {
        if (retry) {
          const waiting = (await em.query(
            `SELECT 1 FROM jobs WHERE kind = $1 AND key = $2 AND status = 'queued'`,
            [job.kind, job.key],
          )) as unknown[];
          if (job.key === null || waiting.length === 0) {
            await em.query(
              `UPDATE jobs SET status = 'queued', run_after = $2, error = $3, updated_at = $4 WHERE id = $1`,
              [job.id, runAfter, message, now],
            );
            return;
          }
        }
        await em.query(
          `UPDATE jobs SET status = 'failed', error = $2, finished_at = $3, updated_at = $3 WHERE id = $1`,
          [job.id, message, now],
        );
      });
    }
  }

  /**
   * Jobs left "running" by a worker that died (crash, SIGKILL) go back to the queue, or fail
   * when another job for the same key is already waiting to do the same work.
   */
  async recoverStale(staleMs: number): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - staleMs);
    return this.db.transaction(async (em) => {
      const stale = (await em.query(
        `SELECT id, kind, key FROM jobs WHERE status = 'running' AND locked_at < $1 FOR UPDATE`,
        [cutoff],
      )) as { id: string; kind: string; key: string | null }[];
      for (const job of stale) {
        const waiting = job.key
          ? ((await em.query(
              `SELECT 1 FROM jobs WHERE kind = $1 AND key = $2 AND status = 'queued'`,
              [job.kind, job.key],
            )) as unknown[])
          : [];
        if (waiting.length)
          await em.query(
            `UPDATE jobs SET status = 'failed', error = 'worker lost', finished_at = $2, updated_at = $2 WHERE id = $1`,
            [job.id, now],
          );
        else
          await em.query(
            `UPDATE jobs SET status = 'queued', run_after = $2, locked_by = NULL, updated_at = $2 WHERE id = $1`,
            [job.id, now],
          );
      }
      if (stale.length)
        this.logger.warn({ jobs: stale.map((j) => j.id) }, "recovered jobs from a lost worker");
      return stale.length;
    });
  }

  /** Starts polling in the background (every `intervalMs`, and at once after each enqueue). */
  start(intervalMs = 1000, staleMs = 10 * 60_000): void {
    this.stopped = false;
    void this.recoverStale(staleMs).catch((err: unknown) =>
      this.logger.error({ err }, "job recovery failed"),
    );
    const tick = () => {
      if (this.stopped) return;
      this.kick();
      this.timer = setTimeout(tick, intervalMs);
      this.timer.unref();
    };
    tick();
  }

  private kick(): void {
    if (this.stopped || this.draining) return;
    this.draining = this.runReady()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err }, "job runner error"))
      .finally(() => {
        this.draining = null;
      });
  }

  /** Stops polling and waits for the job in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
  }
}
