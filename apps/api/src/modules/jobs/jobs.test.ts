import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { loadConfig } from "@trouw/config";
import { FixedClock } from "../../common/clock";
import { openDatabase, type Database } from "../../db/database";
import { JobsService } from "./jobs.service";
import { freshDatabaseUrl } from "../../test-support/server";

let db: Database;
let drop: () => Promise<void>;
const clock = new FixedClock(new Date("2026-06-01T00:00:00Z"));
beforeAll(async () => {
  const env = loadConfig(process.env, "/nonexistent/.env");
  const fresh = await freshDatabaseUrl(env.DATABASE_URL);
  drop = fresh.drop;
  db = await openDatabase({ ...env, DATABASE_URL: fresh.url });
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

const newRunner = (concurrency = 1) =>
  new JobsService(db, clock, pino({ level: "silent" }), concurrency);

describe("job runner", () => {
  it("runs queued jobs, records results and progress", async () => {
    const jobs = newRunner();
    const seen: number[] = [];
    jobs.register("t.echo", async ({ job, progress }) => {
      await progress(0.5);
      seen.push(job.payload.n as number);
      return { doubled: (job.payload.n as number) * 2 };
    });
    const a = await jobs.enqueue("t.echo", { payload: { n: 1 } });
    await jobs.enqueue("t.echo", { payload: { n: 2 } });
    expect(await jobs.runReady()).toBe(2);
    expect(seen).toEqual([1, 2]);
    expect(await jobs.get(a.id)).toMatchObject({
      status: "done",
      progress: 1,
      result: { doubled: 2 },
      attempts: 1,
    });
  });

  it("joins a job already waiting for the same key instead of queueing another", async () => {
    const jobs = newRunner();
    jobs.register("t.keyed", async () => null);
    const first = await jobs.enqueue("t.keyed", { key: "segment-1" });
    const second = await jobs.enqueue("t.keyed", { key: "segment-1" });
    expect(second.id).toBe(first.id);
    expect(await jobs.runReady()).toBe(1);
  });

  it("never runs two jobs of one key at once", async () => {
    const jobs = newRunner();
    let running = 0;
    let maxRunning = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    jobs.register("t.slow", async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await gate;
      running -= 1;
    });
    await jobs.enqueue("t.slow", { key: "k" });
    const firstRun = jobs.runReady();
    await new Promise((r) => setTimeout(r, 20));
    await jobs.enqueue("t.slow", { key: "k" }); // waits while the first one runs
    const other = newRunner();
    other.register("t.slow", async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      running -= 1;
    });
    expect(await other.runReady()).toBe(0); // a second worker may not start it
    release();
    await firstRun;
    expect(maxRunning).toBe(1);
  });

  it("retries with exponential backoff and fails after the last attempt", async () => {
    const jobs = newRunner();
    let calls = 0;
    jobs.register("t.flaky", async () => {
      calls += 1;
      throw new Error(`boom ${calls}`);
    });
    const job = await jobs.enqueue("t.flaky", { maxAttempts: 3 });
    await jobs.runReady();
    expect(await jobs.get(job.id)).toMatchObject({
      status: "queued",
      attempts: 1,
      error: "boom 1",
    });
    expect(await jobs.runReady()).toBe(0); // not before its backoff
    clock.advance(2_000);
    await jobs.runReady();
    clock.advance(4_000);
    await jobs.runReady();
    expect(await jobs.get(job.id)).toMatchObject({
      status: "failed",
      attempts: 3,
      error: "boom 3",
    });
    expect(calls).toBe(3);
  });

  it("puts jobs of a lost worker back in the queue", async () => {
    const jobs = newRunner();
    jobs.register("t.lost", async () => "finished");
    const job = await jobs.enqueue("t.lost");
    await db.transaction((em) =>
      em.query(`UPDATE jobs SET status = 'running', attempts = 1, locked_at = $2 WHERE id = $1`, [
        job.id,
        new Date(clock.now().getTime() - 3_600_000),
      ]),
    );
    expect(await jobs.recoverStale(600_000)).toBe(1);
    await jobs.runReady();
    expect(await jobs.get(job.id)).toMatchObject({ status: "done", result: "finished" });
  });

  it("runs different jobs side by side on PostgreSQL, never two of one key", async () => {
    const jobs = newRunner(2);
    expect(jobs.concurrency).toBe(db.isPglite ? 1 : 2);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    jobs.register("t.slow", async ({ job }) => {
      running += 1;
      most = Math.max(most, running);
      order.push(`start ${job.key}`);
      // Hold the job until the other worker had its chance to start one too.
      for (let i = 0; i < 400 && running < jobs.concurrency; i++)
        await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      order.push(`end ${job.key}`);
    });
    await jobs.enqueue("t.slow", { key: "a" });
    await jobs.enqueue("t.slow", { key: "b" });
    expect(await jobs.runReady()).toBe(2);
    expect(most).toBe(jobs.concurrency);
    expect(order.filter((o) => o.startsWith("start")).sort()).toEqual(["start a", "start b"]);
  });
});
