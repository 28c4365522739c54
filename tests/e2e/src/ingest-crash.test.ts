import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgres, gql, loginCookie, startApi } from "@trouw/test-support/api-process";

type Api = Awaited<ReturnType<typeof startApi>>;
const ADMIN = { FIRST_ADMIN_EMAIL: "owner@shop.test", FIRST_ADMIN_PASSWORD: "open sesame" };
const CUSTOMERS = 6;
const WORKERS = 6;
/** Kill once this many orders have been acknowledged (and others are in flight). */
const KILL_AFTER_ACKS = 40;

const RECORD_ORDER = `mutation($i: RecordOrderInput!, $k: String) {
  recordOrder(input: $i, idempotencyKey: $k) { id }
}`;

interface Order {
  key: string;
  orderId: string;
  customer: string;
  amountMinor: number;
}

/** 1 point per whole euro of every order: what each customer must have earned, exactly once. */
const POINTS = { type: "points", earning: { rate: { points: 1, perMinor: 100 } } };

describe("order ingest across an API crash", () => {
  let db: Awaited<ReturnType<typeof freshPostgres>>;
  let api: Api | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshPostgres();
    env = {
      ...ADMIN,
      DATA_DIR: mkdtempSync(join(tmpdir(), "trouw-ingest-crash-")),
      ...(db ? { DATABASE_URL: db.url } : {}),
      API_KEY_RATE_LIMIT_PER_SECOND: "0",
      LOG_LEVEL: "warn",
    };
    api = await startApi({ env });
  });
  afterAll(async () => {
    await api?.stop("SIGKILL");
    await db?.drop();
  });

  it("keeps every acknowledged order exactly once, replays in-flight ones once, and the ledger adds up", async () => {
    const cookie = await loginCookie(
      api!.base,
      ADMIN.FIRST_ADMIN_EMAIL,
      ADMIN.FIRST_ADMIN_PASSWORD,
    );
    const key = await gql(
      api!.base,
      `mutation { createApiKey(name: "shop", scopes: [READ, WRITE]) { secret } }`,
      {},
      { cookie },
    );
    expect(key.body.errors).toBeUndefined();
    const auth = { authorization: `Bearer ${key.body.data.createApiKey.secret as string}` };

    const program = await gql(
      api!.base,
      `mutation($i: LoyaltyProgramInput!) { createLoyaltyProgram(input: $i) { id } }`,
      { i: { name: "Points", currency: "EUR", config: POINTS } },
      { cookie },
    );
    expect(program.body.errors).toBeUndefined();
    const programId = program.body.data.createLoyaltyProgram.id as string;
    const active = await gql(
      api!.base,
      `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ACTIVE) { status } }`,
      { id: programId },
      { cookie },
    );
    expect(active.body.errors).toBeUndefined();

    const customers: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const res = await gql(
        api!.base,
        `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
        { i: { externalId: `crash-cust-${i}` } },
        auth,
      );
      expect(res.body.errors).toBeUndefined();
      customers.push(`crash-cust-${i}`);
    }

    // Concurrent ingest until the kill: every worker sends orders one after another.
    let next = 0;
    const acked = new Map<string, { order: Order; id: string }>();
    const sent = new Map<string, Order>();
    let killed = false;
    let reachedAcks: () => void = () => {};
    const enoughAcks = new Promise<void>((r) => (reachedAcks = r));
    const send = (order: Order) =>
      gql(
        api!.base,
        RECORD_ORDER,
        {
          i: {
            customerExternalId: order.customer,
            orderId: order.orderId,
            currency: "EUR",
            lines: [
              { productId: "sku", category: "shoes", quantity: 1, amountMinor: order.amountMinor },
            ],
          },
          k: order.key,
        },
        auth,
      );
    const worker = async () => {
      while (!killed) {
        const n = next++;
        const order: Order = {
          key: `order-key-${n}`,
          orderId: `order-${n}`,
          customer: customers[n % CUSTOMERS]!,
          amountMinor: 1000 + 137 * n,
        };
        sent.set(order.key, order);
        try {
          const res = await send(order);
          const id = res.body.data?.recordOrder?.id as string | undefined;
          if (res.status === 200 && id) acked.set(order.key, { order, id });
          else if (!killed) throw new Error(`refused: ${JSON.stringify(res.body)}`);
        } catch (err) {
          if (!killed) throw err;
        }
        if (acked.size >= KILL_AFTER_ACKS) reachedAcks();
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    await enoughAcks;
    killed = true;
    const { signal } = await api!.stop("SIGKILL");
    expect(signal).toBe("SIGKILL");
    await Promise.all(workers);
    const inFlight = [...sent.values()].filter((o) => !acked.has(o.key));
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(inFlight.length).toBeGreaterThan(0);

    api = await startApi({ env });

    // In-flight orders may or may not have been stored; replaying them with their keys stores each once.
    for (const order of inFlight) {
      const res = await send(order);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.recordOrder.id).toEqual(expect.any(String));
    }
    // Acknowledged orders replayed: the stored result, nothing new.
    for (const { order, id } of [...acked.values()].slice(0, 10)) {
      const res = await send(order);
      expect(res.body.data?.recordOrder?.id).toBe(id);
    }

    // Every order sent is stored exactly once, under its own order id, at the right customer.
    const stored = new Map<string, string[]>();
    const earned = new Map<string, number>();
    for (const customer of customers) {
      const res = await gql(
        api.base,
        `query($c: String!) { customer(externalId: $c) {
          timeline(first: 200, types: [ORDER]) { totalCount edges { node { id orderId } } }
          loyalty { program { id } balance pending lifetimeEarned } } }`,
        { c: customer },
        auth,
      );
      expect(res.body.errors).toBeUndefined();
      const c = res.body.data.customer;
      for (const { node } of c.timeline.edges as { node: { id: string; orderId: string } }[])
        stored.set(node.orderId, [...(stored.get(node.orderId) ?? []), node.id]);
      const account = (c.loyalty as { program: { id: string }; lifetimeEarned: number }[]).find(
        (a) => a.program.id === programId,
      );
      earned.set(customer, account?.lifetimeEarned ?? 0);
    }
    const all = [...sent.values()];
    expect([...stored.keys()].sort()).toEqual(all.map((o) => o.orderId).sort());
    expect([...stored.values()].filter((ids) => ids.length !== 1)).toEqual([]);
    for (const { order, id } of acked.values()) expect(stored.get(order.orderId)).toEqual([id]);

    // Each order earned its points exactly once, and every balance equals its ledger.
    for (const customer of customers) {
      const expected = all
        .filter((o) => o.customer === customer)
        .reduce((sum, o) => sum + Math.floor(o.amountMinor / 100), 0);
      expect(earned.get(customer), customer).toBe(expected);
    }
    const check = await gql(
      api.base,
      `{ ledgerCheck { ok mismatches { __typename } } }`,
      {},
      { cookie: await loginCookie(api.base, ADMIN.FIRST_ADMIN_EMAIL, ADMIN.FIRST_ADMIN_PASSWORD) },
    );
    expect(check.body.errors).toBeUndefined();
    expect(check.body.data.ledgerCheck).toEqual({ ok: true, mismatches: [] });
  });
});
