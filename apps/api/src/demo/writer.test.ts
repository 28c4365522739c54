import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import type { QueryRunner } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@trouw/config";
import { Foundation1763900000000 } from "../db/migrations/1763900000000-Foundation";
import { generateDemo } from "./generator";
import type { DemoBatch } from "./types";
import {
  writeDemoToPglite,
  writeDemoToPostgres,
  type DemoCounts,
  type DemoWriteResult,
} from "./writer";

const NOW = new Date("2026-11-23T12:00:00.000Z");
type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** The Foundation migration only calls `query`, so a one-method shim runs it on any connection. */
async function migrate(run: (sql: string) => Promise<unknown>): Promise<void> {
  await new Foundation1763900000000().up({ query: run } as unknown as QueryRunner);
}

/** A generated data set plus one customer whose values stress every encoding rule. */
function dataset(customers: number): DemoBatch[] {
  const batches = [...generateDemo({ customers, seed: 99, now: NOW, batchSize: 400 })];
  const odd = batches[0]!.customers[0]!;
  odd.name = 'Tab\there "quoted" back\\slash';
  odd.tags = [
    "vip",
    "a b",
    "x,y",
    "NULL",
    'quote"',
    "back\\slash",
    "tab\tand\nnewline",
    "{braces}",
    "",
  ];
  odd.attributes = {
    note: 'line1\nline2\t"q"\\',
    nested: { list: [1, "é", null, true] },
    empty: {},
  };
  return batches;
}

function totals(batches: DemoBatch[]): DemoCounts {
  return {
    customers: batches.reduce((n, b) => n + b.customers.length, 0),
    events: batches.reduce((n, b) => n + b.events.length, 0),
    supportContacts: batches.reduce((n, b) => n + b.supportContacts.length, 0),
  };
}

/** Counts, one customer's arrays and jsonb, timestamps and an order's typed columns survive the trip. */
async function verify(
  query: Query,
  batches: DemoBatch[],
  result: DemoWriteResult,
  progress: DemoCounts[],
): Promise<void> {
  const expected = totals(batches);
  expect(result).toMatchObject(expected);
  expect(progress).toHaveLength(batches.length);
  expect(progress.at(-1)).toEqual(expected);
  const [counts] = await query(
    `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM events)::int AS events,
            (SELECT count(*) FROM support_contacts)::int AS "supportContacts"`,
  );
  expect(counts).toEqual(expected);

  const odd = batches[0]!.customers[0]!;
  const [row] = await query(
    `SELECT name, tags, attributes, signed_up_at, birth_date::text AS birth_date, personality_colour FROM customers WHERE id = '${odd.id}'`,
  );
  expect(row).toEqual({
    name: odd.name,
    tags: odd.tags,
    attributes: odd.attributes,
    signed_up_at: odd.signedUpAt,
    birth_date: odd.birthDate,
    personality_colour: odd.personalityColour,
  });

  const order = batches
    .flatMap((b) => b.events)
    .find((e) => e.type === "order" && e.discountMinor! > 0)!;
  const [stored] = await query(
    `SELECT amount_minor::int AS amount, discount_minor::int AS discount, order_ref, payload, occurred_at FROM events WHERE id = '${order.id}'`,
  );
  expect(stored).toEqual({
    amount: order.amountMinor,
    discount: order.discountMinor,
    order_ref: order.orderRef,
    payload: order.payload,
    occurred_at: order.occurredAt,
  });
}

describe("writeDemoToPglite", () => {
  it("writes every row with arrays and jsonb intact", async () => {
    const db = new PGlite();
    try {
      await migrate((sql) => db.exec(sql));
      const batches = dataset(1200);
      const progress: DemoCounts[] = [];
      const result = await writeDemoToPglite(db, batches, (p) => progress.push(p));
      await verify(
        async (sql) => (await db.query<Record<string, unknown>>(sql)).rows,
        batches,
        result,
        progress,
      );
    } finally {
      await db.close();
    }
  }, 120_000); // a full data set through the analytics triggers: slow on a loaded machine

  it("rolls back a failing batch and keeps the batches before it", async () => {
    const db = new PGlite();
    try {
      await migrate((sql) => db.exec(sql));
      const [first, second] = [
        ...generateDemo({ customers: 20, seed: 5, now: NOW, batchSize: 10 }),
      ];
      second!.events[0]!.customerId = "00000000-0000-4000-8000-000000000000"; // no such customer
      await expect(writeDemoToPglite(db, [first!, second!])).rejects.toThrow(/foreign key/);
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM customers");
      expect(rows[0]!.n).toBe(10);
    } finally {
      await db.close();
    }
  });
});

describe("writeDemoToPostgres", () => {
  // DATABASE_URL (postgres://) is the admin connection when set; otherwise the local default,
  // and only then is an unreachable server a reason to skip rather than fail.
  const configured = loadConfig().DATABASE_URL;
  const adminUrl = configured?.startsWith("postgres")
    ? configured
    : "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `trouw_demo_test_${randomBytes(4).toString("hex")}`;
  let admin: Client | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    const candidate = new Client({ connectionString: adminUrl });
    try {
      await candidate.connect();
    } catch (err) {
      if (configured?.startsWith("postgres")) throw err;
      return;
    }
    admin = candidate;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    client = new Client({ connectionString: url.toString() });
    await client.connect();
    await migrate((sql) => client!.query(sql));
  });

  afterAll(async () => {
    await client?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.end();
  });

  it("COPYs every row with arrays and jsonb intact", async (ctx) => {
    if (!client) return ctx.skip();
    const batches = dataset(1200);
    const progress: DemoCounts[] = [];
    const result = await writeDemoToPostgres(client, batches, (p) => progress.push(p));
    await verify(async (sql) => (await client!.query(sql)).rows, batches, result, progress);
    // Each batch committed on its own: the connection is not left inside a transaction.
    await expect(client.query("ROLLBACK")).resolves.toBeDefined();
    const [{ open }] = (await client.query("SELECT count(*)::int AS open FROM customers")).rows;
    expect(open).toBe(1200);
  });
});
