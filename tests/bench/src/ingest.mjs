// Ingest: N orders through the recordEvents batch mutation of a running API, against a
// baseline of the same rows inserted with plain multi-row SQL (the floor any API pays).
import { randomUUID } from "node:crypto";
import { gql, loginCookie, startApi } from "@trouw/test-support/api-process";

const ADMIN = { FIRST_ADMIN_EMAIL: "bench@trouw.local", FIRST_ADMIN_PASSWORD: "bench-password" };

function orderInput(i, customerExternalId) {
  return {
    customerExternalId,
    orderId: `bench-${i}`,
    currency: "EUR",
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    lines: [
      {
        productId: `sku-${i % 97}`,
        category: ["shoes", "bags", "socks"][i % 3],
        quantity: 1 + (i % 3),
        amountMinor: 1000 + (i % 50) * 100,
        discountMinor: i % 4 === 0 ? 200 : 0,
      },
    ],
  };
}

/** Returns { apiSeconds, apiRate, baselineSeconds, baselineRate }. */
export async function benchIngest({ orders, customers, databaseUrl }) {
  // The benchmark measures capacity, so the per-key rate limit is off.
  const api = await startApi({
    env: {
      ...ADMIN,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      API_KEY_RATE_LIMIT_PER_SECOND: "0",
    },
  });
  try {
    const cookie = await loginCookie(api.base, ADMIN.FIRST_ADMIN_EMAIL, ADMIN.FIRST_ADMIN_PASSWORD);
    const key = (
      await gql(
        api.base,
        `mutation { createApiKey(name: "bench", scopes: [READ, WRITE]) { secret } }`,
        {},
        { cookie },
      )
    ).body.data.createApiKey.secret;
    const auth = { authorization: `Bearer ${key}` };
    for (let c = 0; c < customers; c++) {
      const r = await gql(
        api.base,
        `mutation($x: String!) { createCustomer(input: { externalId: $x }) { id } }`,
        { x: `bench-c-${c}` },
        auth,
      );
      if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
    }
    const batchSize = 1000;
    const started = performance.now();
    for (let from = 0; from < orders; from += batchSize) {
      const events = [];
      for (let i = from; i < Math.min(orders, from + batchSize); i++)
        events.push({
          idempotencyKey: `bench-order-${i}`,
          order: orderInput(i, `bench-c-${i % customers}`),
        });
      const r = await gql(
        api.base,
        `mutation($e: [EventInput!]!) { recordEvents(events: $e) { acceptedCount rejectedCount } }`,
        { e: events },
        auth,
      );
      if (r.body.errors || r.body.data.recordEvents.rejectedCount > 0)
        throw new Error(`batch failed: ${JSON.stringify(r.body)}`);
    }
    const apiSeconds = (performance.now() - started) / 1000;

    // Baseline: the same number of event rows straight into the same kind of database.
    const baselineSeconds = await baselineInsert(databaseUrl, orders);
    return {
      apiSeconds,
      apiRate: orders / apiSeconds,
      baselineSeconds,
      baselineRate: orders / baselineSeconds,
    };
  } finally {
    await api.stop();
  }
}

async function baselineInsert(databaseUrl, rows) {
  const run = async (query, close) => {
    await query(`CREATE TEMP TABLE bench_events (LIKE events INCLUDING ALL)`).catch(() =>
      query(`CREATE TABLE bench_events (LIKE events INCLUDING ALL)`),
    );
    const started = performance.now();
    const chunk = 1000;
    for (let from = 0; from < rows; from += chunk) {
      const values = [];
      const params = [];
      for (let i = from; i < Math.min(rows, from + chunk); i++) {
        const o = orderInput(i, "");
        const n = params.length;
        values.push(
          `($${n + 1}, $${n + 2}, 'order', $${n + 3}, now(), $${n + 4}, $${n + 5}, 'EUR', $${n + 6}, $${n + 7}, $${n + 8})`,
        );
        params.push(
          randomUUID(),
          randomUUID(),
          o.occurredAt,
          o.lines[0].amountMinor - o.lines[0].discountMinor,
          o.lines[0].discountMinor,
          o.lines[0].category,
          o.orderId,
          JSON.stringify({ lines: o.lines }),
        );
      }
      await query(
        `INSERT INTO bench_events (id, customer_id, type, occurred_at, recorded_at, amount_minor, discount_minor, currency, category, order_ref, payload) VALUES ${values.join(",")}`,
        params,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    await close();
    return seconds;
  };
  if (databaseUrl.startsWith("postgres")) {
    const pg = (await import("pg")).default;
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    return run(
      (sql, p) => c.query(sql, p),
      () => c.end(),
    );
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  await db.exec(`CREATE TABLE events (id uuid PRIMARY KEY, customer_id uuid NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL,
    amount_minor bigint, discount_minor bigint, currency char(3), category text, order_ref text, payload jsonb NOT NULL DEFAULT '{}')`);
  await db.exec(`CREATE INDEX ON events (customer_id, type, occurred_at)`);
  return run(
    (sql, p) => db.query(sql, p),
    () => db.close(),
  );
}
