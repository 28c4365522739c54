import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";

let t: TestServer;
let customerId: string;
beforeAll(async () => {
  t = await startTestServer();
  const res = await t.gql<{ createCustomer: { id: string } }>(
    `mutation { createCustomer(input: { externalId: "ev-1", name: "Eva" }) { id } }`,
    {},
    t.writeKey,
  );
  customerId = res.data!.createCustomer.id;
  await t.gql(
    `mutation { createCustomer(input: { externalId: "ev-2", name: "Ward" }) { id } }`,
    {},
    t.writeKey,
  );
});
afterAll(async () => {
  await t?.stop();
});

const ORDER = `mutation($input: RecordOrderInput!, $key: String) {
  recordOrder(input: $input, idempotencyKey: $key) { id type orderId amount { amountMinor currency } discount { amountMinor } category occurredAt recordedAt payload }
}`;
const REFUND = `mutation($input: RecordRefundInput!, $key: String) { recordRefund(input: $input, idempotencyKey: $key) { id amount { amountMinor } payload } }`;

const order = (orderId: string, over: Record<string, unknown> = {}) => ({
  customerExternalId: "ev-1",
  orderId,
  currency: "EUR",
  lines: [
    { productId: "sku-1", category: "shoes", quantity: 1, amountMinor: 8000, discountMinor: 1000 },
    { productId: "sku-2", category: "socks", quantity: 3, amountMinor: 1500 },
  ],
  ...over,
});

type OrderResult = {
  recordOrder: { id: string; amount: { amountMinor: number }; [k: string]: unknown };
};

describe("orders and refunds", () => {
  it("records an order with lines, net amount, discount and a late occurredAt", async () => {
    const occurredAt = "2026-06-01T09:30:00.000Z";
    const res = await t.gql<OrderResult>(
      ORDER,
      { input: order("o-100", { occurredAt, channel: "web" }) },
      t.writeKey,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordOrder).toMatchObject({
      type: "ORDER",
      orderId: "o-100",
      amount: { amountMinor: 8500, currency: "EUR" },
      discount: { amountMinor: 1000 },
      category: "shoes",
      occurredAt,
      recordedAt: t.clock.now().toISOString(),
      payload: { grossMinor: 9500, itemCount: 4, categories: ["shoes", "socks"], channel: "web" },
    });
  });

  it("rejects a negative amount and writes nothing", async () => {
    const before = await t.count("events");
    const res = await t.gql(
      ORDER,
      { input: order("o-neg", { lines: [{ productId: "x", quantity: 1, amountMinor: -100 }] }) },
      t.writeKey,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.problems?.[0]?.path).toBe("lines[0].amountMinor");
    expect(await t.count("events")).toBe(before);
  });

  it("rejects an order for an unknown customer with NOT_FOUND and writes nothing", async () => {
    const before = await t.count("events");
    const res = await t.gql(
      ORDER,
      { input: order("o-ghost", { customerExternalId: "nobody" }) },
      t.writeKey,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await t.count("events")).toBe(before);
  });

  it("rejects a second order with the same orderId as CONFLICT", async () => {
    await t.gql(ORDER, { input: order("o-dup") }, t.writeKey);
    const before = await t.count("events");
    const res = await t.gql(ORDER, { input: order("o-dup") }, t.writeKey);
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await t.count("events")).toBe(before);
  });

  it("refunds partially, then the rest, and refuses anything above the order", async () => {
    await t.gql(ORDER, { input: order("o-ref") }, t.writeKey);
    const partial = await t.gql<{
      recordRefund: { amount: { amountMinor: number }; payload: { full: boolean } };
    }>(REFUND, { input: { orderId: "o-ref", amountMinor: 3000, reason: "too small" } }, t.writeKey);
    expect(partial.errors).toBeUndefined();
    expect(partial.data!.recordRefund).toMatchObject({
      amount: { amountMinor: 3000 },
      payload: { full: false },
    });

    const before = await t.count("events");
    const tooMuch = await t.gql(
      REFUND,
      { input: { orderId: "o-ref", amountMinor: 5501 } },
      t.writeKey,
    );
    expect(tooMuch.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await t.count("events")).toBe(before);

    const rest = await t.gql<{
      recordRefund: { amount: { amountMinor: number }; payload: { full: boolean } };
    }>(REFUND, { input: { orderId: "o-ref" } }, t.writeKey);
    expect(rest.data!.recordRefund).toMatchObject({
      amount: { amountMinor: 5500 },
      payload: { full: true },
    });
    const again = await t.gql(REFUND, { input: { orderId: "o-ref", amountMinor: 1 } }, t.writeKey);
    expect(again.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("never refunds more than was paid when refunds race", async () => {
    await t.gql(ORDER, { input: order("o-race") }, t.writeKey);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.gql(REFUND, { input: { orderId: "o-race", amountMinor: 2000 } }, t.writeKey),
      ),
    );
    const ok = attempts.filter((a) => !a.errors).length;
    expect(ok).toBe(4); // 8500 paid: four refunds of 2000 fit, the fifth would not
    const [{ total }] = (await t.db.read((em) =>
      em.query(
        `SELECT sum(amount_minor)::int AS total FROM events WHERE type = 'refund' AND order_ref = 'o-race'`,
      ),
    )) as [{ total: number }];
    expect(total).toBe(8000);
  });

  it("refuses a refund of an unknown order with NOT_FOUND", async () => {
    const res = await t.gql(REFUND, { input: { orderId: "nope" } }, t.writeKey);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("idempotency", () => {
  it("returns the first result for a replay and writes nothing", async () => {
    const first = await t.gql<OrderResult>(
      ORDER,
      { input: order("o-idem"), key: "k-order-1" },
      t.writeKey,
    );
    const before = await t.count("events");
    const replay = await t.gql<OrderResult>(
      ORDER,
      { input: order("o-idem"), key: "k-order-1" },
      t.writeKey,
    );
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.recordOrder.id).toBe(first.data!.recordOrder.id);
    expect(await t.count("events")).toBe(before);
  });

  it("answers CONFLICT when a key is replayed with a different payload, writing nothing", async () => {
    await t.gql(ORDER, { input: order("o-idem-2"), key: "k-order-2" }, t.writeKey);
    const before = await t.count("events");
    const res = await t.gql(ORDER, { input: order("o-idem-3"), key: "k-order-2" }, t.writeKey);
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await t.count("events")).toBe(before);
  });

  it("credits concurrent duplicates exactly once", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.gql<OrderResult>(ORDER, { input: order("o-idem-par"), key: "k-par" }, t.writeKey),
      ),
    );
    const ids = new Set(results.map((r) => r.data?.recordOrder.id));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(ids.size).toBe(1);
    const [{ n }] = (await t.db.read((em) =>
      em.query(`SELECT count(*)::int AS n FROM events WHERE order_ref = 'o-idem-par'`),
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("keeps keys per caller: another API key may use the same key string", async () => {
    const other = await t.createKey(["write"]);
    await t.gql(ORDER, { input: order("o-k1"), key: "shared-key" }, t.writeKey);
    const res = await t.gql<OrderResult>(ORDER, { input: order("o-k2"), key: "shared-key" }, other);
    expect(res.errors).toBeUndefined();
  });
});

describe("other event kinds", () => {
  it("records visits, product views, referrals, subscription changes and support contacts in the timeline, newest first", async () => {
    const at = (min: number) => new Date(t.clock.now().getTime() - min * 60_000).toISOString();
    const calls = [
      t.gql(
        `mutation($i: RecordVisitInput!) { recordVisit(input: $i) { type } }`,
        { i: { customerId, kind: "VISIT", url: "https://shop/", occurredAt: at(50) } },
        t.writeKey,
      ),
      t.gql(
        `mutation($i: RecordVisitInput!) { recordVisit(input: $i) { type category payload } }`,
        {
          i: {
            customerId,
            kind: "PRODUCT_VIEW",
            productId: "sku-9",
            category: "bags",
            occurredAt: at(40),
          },
        },
        t.writeKey,
      ),
      t.gql(
        `mutation($i: RecordReferralInput!) { recordReferral(input: $i) { type payload } }`,
        { i: { referrerExternalId: "ev-1", referredExternalId: "ev-2", occurredAt: at(30) } },
        t.writeKey,
      ),
      t.gql(
        `mutation($i: RecordSubscriptionChangeInput!) { recordSubscriptionChange(input: $i) { type amount { amountMinor } payload } }`,
        { i: { customerId, change: "AUTO_RENEW_CANCELLED", plan: "plus", occurredAt: at(20) } },
        t.writeKey,
      ),
      t.gql(
        `mutation($i: LogSupportContactInput!) { logSupportContact(input: $i) { id status kind } }`,
        { i: { customerId, kind: "COMPLAINT", subject: "Late delivery", occurredAt: at(10) } },
        t.writeKey,
      ),
    ];
    for (const res of await Promise.all(calls)) expect(res.errors).toBeUndefined();

    const tl = await t.gql<{
      customer: { timeline: { totalCount: number; edges: { node: { type: string } }[] } };
    }>(
      `query($id: ID) { customer(id: $id) { timeline(first: 5, types: [VISIT, PRODUCT_VIEW, REFERRAL, SUBSCRIPTION, SUPPORT_CONTACT]) { totalCount edges { node { type } } } } }`,
      { id: customerId },
      t.admin,
    );
    expect(tl.data!.customer.timeline.edges.map((e) => e.node.type)).toEqual([
      "SUPPORT_CONTACT",
      "SUBSCRIPTION",
      "REFERRAL",
      "PRODUCT_VIEW",
      "VISIT",
    ]);
    const referred = await t.gql<{ customer: { referredBy: { externalId: string } } }>(
      `{ customer(externalId: "ev-2") { referredBy { externalId } } }`,
      {},
      t.admin,
    );
    expect(referred.data!.customer.referredBy.externalId).toBe("ev-1");
  });

  it("lets only one of several racing referrers claim a referred customer", async () => {
    for (const ext of ["race-a", "race-b", "race-c", "race-new"]) {
      await t.gql(
        `mutation($x: String!) { createCustomer(input: { externalId: $x }) { id } }`,
        { x: ext },
        t.writeKey,
      );
    }
    const attempts = await Promise.all(
      ["race-a", "race-b", "race-c"].map((referrer) =>
        t.gql(
          `mutation($r: String, $n: String) { recordReferral(input: { referrerExternalId: $r, referredExternalId: $n }) { id } }`,
          { r: referrer, n: "race-new" },
          t.writeKey,
        ),
      ),
    );
    expect(attempts.filter((a) => !a.errors).length).toBe(1);
    expect(attempts.filter((a) => a.errors?.[0]?.extensions?.code === "CONFLICT").length).toBe(2);
    const [{ n }] = (await t.db.read((em) =>
      em.query(
        `SELECT count(*)::int AS n FROM events WHERE type = 'referral' AND payload ->> 'referredCustomerId' = (SELECT id::text FROM customers WHERE external_id = 'race-new')`,
      ),
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("rejects self-referral, a product view without product, and events from the future", async () => {
    const self = await t.gql(
      `mutation { recordReferral(input: { referrerExternalId: "ev-1", referredExternalId: "ev-1" }) { id } }`,
      {},
      t.writeKey,
    );
    expect(self.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const view = await t.gql(
      `mutation($id: ID) { recordVisit(input: { customerId: $id, kind: PRODUCT_VIEW }) { id } }`,
      { id: customerId },
      t.writeKey,
    );
    expect(view.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const future = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const late = await t.gql(
      `mutation($id: ID, $at: DateTime) { recordVisit(input: { customerId: $id, occurredAt: $at }) { id } }`,
      { id: customerId, at: future },
      t.writeKey,
    );
    expect(late.errors?.[0]?.extensions?.problems?.[0]?.path).toBe("occurredAt");
  });

  it("pages through the timeline with cursors without gaps or repeats", async () => {
    const c = await t.gql<{ createCustomer: { id: string } }>(
      `mutation { createCustomer(input: { externalId: "tl-1" }) { id } }`,
      {},
      t.writeKey,
    );
    const id = c.data!.createCustomer.id;
    for (let i = 0; i < 7; i++) {
      await t.gql(
        `mutation($id: ID, $at: DateTime) { recordVisit(input: { customerId: $id, occurredAt: $at }) { id } }`,
        { id, at: new Date(t.clock.now().getTime() - i * 1000).toISOString() },
        t.writeKey,
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        data: {
          customer: {
            timeline: {
              totalCount: number;
              edges: { node: { id: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          };
        } | null;
      } = await t.gql(
        `query($id: ID, $after: String) { customer(id: $id) { timeline(first: 3, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
        { id, after },
        t.admin,
      );
      const tl = page.data!.customer.timeline;
      expect(tl.totalCount).toBe(7);
      seen.push(...tl.edges.map((e) => e.node.id));
      if (!tl.pageInfo.hasNextPage) break;
      after = tl.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});

describe("batch ingest", () => {
  const BATCH = `mutation($events: [EventInput!]!) { recordEvents(events: $events) { acceptedCount rejectedCount results { index ok event { id type } supportContact { id } error { code message problems { path message } } } } }`;
  type Batch = {
    recordEvents: {
      acceptedCount: number;
      rejectedCount: number;
      results: {
        index: number;
        ok: boolean;
        event: { id: string } | null;
        error: { code: string; problems: { path: string }[] } | null;
      }[];
    };
  };

  it("records each item on its own and reports a result per item", async () => {
    const res = await t.gql<Batch>(
      BATCH,
      {
        events: [
          { idempotencyKey: "b-1", order: order("b-o1") },
          { order: order("b-o2", { customerExternalId: "ghost" }) },
          { refund: { orderId: "b-o1", amountMinor: 100 } },
          { visit: { customerId, kind: "VISIT" }, order: order("b-o3") },
          { supportContact: { customerId, kind: "PRESALES_QUESTION", subject: "Sizes?" } },
          { order: order("b-o4", { currency: "euro" }) },
        ],
      },
      t.writeKey,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.recordEvents;
    expect(r.results.map((x) => x.ok)).toEqual([true, false, true, false, true, false]);
    expect(r.results.map((x) => x.error?.code ?? null)).toEqual([
      null,
      "NOT_FOUND",
      null,
      "BAD_USER_INPUT",
      null,
      "BAD_USER_INPUT",
    ]);
    expect(r.results[5]!.error!.problems[0]!.path).toBe("events[5].currency");
    expect(r).toMatchObject({ acceptedCount: 3, rejectedCount: 3 });
    const [{ n }] = (await t.db.read((em) =>
      em.query(`SELECT count(*)::int AS n FROM events WHERE order_ref IN ('b-o2','b-o3','b-o4')`),
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("replays batch items by their idempotency keys", async () => {
    const events = [{ idempotencyKey: "b-replay", order: order("b-r1") }];
    const first = await t.gql<Batch>(BATCH, { events }, t.writeKey);
    const before = await t.count("events");
    const again = await t.gql<Batch>(BATCH, { events }, t.writeKey);
    expect(again.data!.recordEvents.results[0]!.event!.id).toBe(
      first.data!.recordEvents.results[0]!.event!.id,
    );
    expect(await t.count("events")).toBe(before);
  });

  it("refuses a batch over 1,000 events as a whole, writing nothing", async () => {
    const before = await t.count("events");
    const events = Array.from({ length: 1001 }, (_, i) => ({
      visit: { customerId, kind: "VISIT", url: `https://shop/${i}` },
    }));
    const res = await t.gql(BATCH, { events }, t.writeKey);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await t.count("events")).toBe(before);
  });
});
