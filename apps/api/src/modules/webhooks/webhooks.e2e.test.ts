import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import { startWebhookReceiver, type WebhookReceiver } from "../../test-support/webhook-receiver";
import { verifySignature } from "./signature";
import { webhookFixtures } from "./webhook-fixtures";

const RETRY_BASE_MS = 60_000;
const MAX_ATTEMPTS = 3;

let t: TestServer;
let f: ReturnType<typeof webhookFixtures>;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await startTestServer({
    WEBHOOK_TIMEOUT_MS: 1000,
    WEBHOOK_MAX_ATTEMPTS: MAX_ATTEMPTS,
    WEBHOOK_RETRY_BASE_MS: RETRY_BASE_MS,
  });
  f = webhookFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  receiver = await startWebhookReceiver({ now: () => t.clock.now() });
});
afterEach(async () => {
  // Each test starts with no endpoints and nothing waiting in the outbox.
  for (const e of await t.app.services.webhooks.listEndpoints())
    await t.app.services.webhooks.deleteEndpoint(e.id);
  await t.app.services.webhooks.dispatch();
  receiver.release();
  await receiver.close();
});

describe("webhook endpoints", () => {
  it("registers an endpoint, shows its secret once and never again", async () => {
    const { endpoint, secret } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"], {
      description: "CRM sync",
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(endpoint).toMatchObject({
      url: receiver.url,
      description: "CRM sync",
      topics: ["CUSTOMER_CREATED"],
      active: true,
      secretPreview: `whsec_…${secret.slice(-4)}`,
    });
    const listed = await t.gql<{ webhookEndpoints: Record<string, unknown>[] }>(
      `{ webhookEndpoints { id url secretPreview } }`,
      {},
      t.admin,
    );
    expect(listed.data!.webhookEndpoints).toEqual([
      { id: endpoint.id, url: receiver.url, secretPreview: endpoint.secretPreview },
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it("refuses plain http to other hosts, no topics, and unknown segments, naming each field", async () => {
    const res = await f.createEndpoint({
      url: "http://hooks.example.com/x",
      topics: [],
      segmentIds: ["00000000-0000-4000-8000-000000000000", "nope"],
    });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.problems?.map((p) => p.path)).toEqual([
      "url",
      "topics",
      "segmentIds.1",
    ]);
    const creds = await f.createEndpoint({
      url: "https://user:pw@hooks.example.com/x",
      topics: ["CUSTOMER_CREATED"],
    });
    expect(creds.errors?.[0]?.extensions?.problems?.map((p) => p.path)).toEqual(["url"]);
    const https = await f.createEndpoint({
      url: "https://hooks.example.com/x",
      topics: ["CUSTOMER_CREATED"],
    });
    expect(https.errors).toBeUndefined();
  });

  it("is for admins only", async () => {
    const analyst = await t.createUser("analyst");
    const res = await t.gql(`{ webhookEndpoints { id } }`, {}, analyst);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const key = await t.gql(`{ webhookEndpoints { id } }`, {}, t.writeKey);
    expect(key.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("updates topics and pauses an endpoint; a paused endpoint gets no new events", async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    const paused = await t.gql<{ updateWebhookEndpoint: { topics: string[]; active: boolean } }>(
      `mutation($id: ID!, $i: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $i) { topics active } }`,
      { id: endpoint.id, i: { active: false, topics: ["CUSTOMER_CREATED", "SEGMENT_ENTERED"] } },
      t.admin,
    );
    expect(paused.data!.updateWebhookEndpoint).toEqual({
      topics: ["CUSTOMER_CREATED", "SEGMENT_ENTERED"],
      active: false,
    });
    await f.customer();
    await f.deliver();
    expect(receiver.received).toHaveLength(0);
    expect((await f.deliveries(endpoint.id)).totalCount).toBe(0);
  });

  it("deletes an endpoint with its delivery log", async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    await f.customer();
    await f.deliver();
    const del = await t.gql<{ deleteWebhookEndpoint: { id: string } }>(
      `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`,
      { id: endpoint.id },
      t.admin,
    );
    expect(del.data!.deleteWebhookEndpoint.id).toBe(endpoint.id);
    const gone = await t.gql(
      `query($id: ID!) { webhookEndpoint(id: $id) { id } }`,
      { id: endpoint.id },
      t.admin,
    );
    expect(gone.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const rows = await t.db.read((em) =>
      em.query(`SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1`, [endpoint.id]),
    );
    expect(rows).toEqual([]);
  });
});

describe("delivery", () => {
  it("POSTs a signed event the receiver verifies with the shared secret", async () => {
    const { endpoint, secret } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    receiver.useSecret(secret);
    const customerId = await f.customer({ tags: ["vip"] });
    await f.deliver();

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.verified).toBe(true);
    expect(got!.headers["content-type"]).toBe("application/json");
    expect(got!.headers["trouw-topic"]).toBe("customer.created");
    expect(got!.headers["trouw-event-id"]).toBe(got!.event.id);
    expect(got!.headers["trouw-signature"]).toMatch(
      new RegExp(`^t=${Math.floor(t.clock.now().getTime() / 1000)},v1=[0-9a-f]{64}$`),
    );
    expect(got!.event).toEqual({
      id: expect.stringMatching(/^\d+$/),
      topic: "customer.created",
      createdAt: t.clock.now().toISOString(),
      data: {
        customerId,
        externalId: expect.stringMatching(/^hook-/),
        signedUpAt: t.clock.now().toISOString(),
        acquisitionSource: "direct",
        locale: "en",
        tags: ["vip"],
      },
    });
    // A tampered body, another secret or a stale timestamp do not verify.
    const header = String(got!.headers["trouw-signature"]);
    expect(verifySignature(secret, header, got!.body.replace("vip", "vop"), t.clock.now())).toBe(
      false,
    );
    expect(verifySignature("whsec_other", header, got!.body, t.clock.now())).toBe(false);
    expect(
      verifySignature(secret, header, got!.body, new Date(t.clock.now().getTime() + 600_000)),
    ).toBe(false);

    const delivery = await f.onlyDelivery(endpoint.id);
    expect(delivery).toMatchObject({
      eventId: got!.event.id,
      topic: "customer.created",
      status: "DELIVERED",
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: t.clock.now().toISOString(),
      payload: got!.event,
    });
    expect(delivery.lastResponseMs).toBeGreaterThanOrEqual(0);
  });

  it("is queued by the background schedule only when an event or a retry is due", async () => {
    const runs = () =>
      t.db.read((em) =>
        em.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM jobs WHERE kind = 'webhooks.deliver'`,
        ),
      );
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    await t.app.services.jobs.runReady();
    const before = (await runs())[0]!.n;
    await t.app.services.webhooks.scheduleDue();
    expect((await runs())[0]!.n).toBe(before);

    await f.customer();
    await t.app.services.webhooks.scheduleDue();
    await t.app.services.jobs.runReady();
    expect((await runs())[0]!.n).toBe(before + 1);
    expect((await f.onlyDelivery(endpoint.id)).status).toBe("DELIVERED");
  });

  it("retries with exponential backoff when the receiver answers 500, then delivers", async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    receiver.reply(500, 500);
    await f.customer();
    const start = t.clock.now().getTime();
    await f.deliver();

    let d = await f.onlyDelivery(endpoint.id);
    expect(d).toMatchObject({ status: "FAILED", attempts: 1, lastStatusCode: 500 });
    expect(d.lastError).toBe("HTTP 500: nope");
    // First retry after half to all of the base delay (jitter), not before.
    const first = new Date(d.nextAttemptAt!).getTime() - start;
    expect(first).toBeGreaterThanOrEqual(RETRY_BASE_MS / 2);
    expect(first).toBeLessThanOrEqual(RETRY_BASE_MS);
    t.clock.advance(RETRY_BASE_MS / 2 - 1_000);
    await f.deliver();
    expect(receiver.received).toHaveLength(1);

    t.clock.set(new Date(d.nextAttemptAt!));
    await f.deliver();
    d = await f.onlyDelivery(endpoint.id);
    expect(d).toMatchObject({ status: "FAILED", attempts: 2, lastStatusCode: 500 });
    // The second wait is twice as long as the first step.
    const second = new Date(d.nextAttemptAt!).getTime() - t.clock.now().getTime();
    expect(second).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(second).toBeLessThanOrEqual(2 * RETRY_BASE_MS);

    t.clock.set(new Date(d.nextAttemptAt!));
    await f.deliver();
    d = await f.onlyDelivery(endpoint.id);
    expect(d).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 200 });
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 200]);
    // Every attempt carries the same event id, so the receiver can dedupe.
    expect(new Set(receiver.received.map((r) => r.event.id)).size).toBe(1);
    expect(receiver.received.map((r) => r.headers["trouw-delivery-attempt"])).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts (dead), and an admin redelivers`, async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    receiver.replyByDefault(503);
    await f.customer();
    await f.customer();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await f.deliver();
      t.clock.advance(10 * RETRY_BASE_MS);
    }
    expect(receiver.received).toHaveLength(2 * MAX_ATTEMPTS);
    const dead = await f.deliveries(endpoint.id, { s: "DEAD" });
    expect(dead.totalCount).toBe(2);
    expect(dead.edges.map((e) => e.node.attempts)).toEqual([MAX_ATTEMPTS, MAX_ATTEMPTS]);
    expect(dead.edges.map((e) => e.node.nextAttemptAt)).toEqual([null, null]);
    expect(await f.getEndpoint(endpoint.id)).toMatchObject({
      deadDeliveries: 2,
      failingDeliveries: 0,
    });
    // Operations see them too (Prometheus gauge trouw_webhook_deliveries).
    const gauge = await t.app.metrics.registry.getSingleMetric("trouw_webhook_deliveries")!.get();
    expect(gauge.values.find((v) => v.labels.status === "dead")?.value).toBe(2);

    // One by hand: tried at once, with a fresh set of attempts.
    receiver.replyByDefault(200);
    const [one, other] = dead.edges.map((e) => e.node);
    const again = await t.gql<{ redeliverWebhook: { status: string; attempts: number } }>(
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status attempts lastStatusCode } }`,
      { id: one!.id },
      t.admin,
    );
    expect(again.data!.redeliverWebhook).toEqual({
      status: "DELIVERED",
      attempts: 1,
      lastStatusCode: 200,
    });
    // The rest of the endpoint's dead ones: queued for the worker.
    const all = await t.gql<{ redeliverDeadWebhooks: number }>(
      `mutation($id: ID!) { redeliverDeadWebhooks(endpointId: $id) }`,
      { id: endpoint.id },
      t.admin,
    );
    expect(all.data!.redeliverDeadWebhooks).toBe(1);
    await f.deliver();
    expect((await f.deliveries(endpoint.id, { s: "DELIVERED" })).totalCount).toBe(2);
    expect(receiver.acceptedIds()).toEqual(
      new Map([
        [one!.eventId, 1],
        [other!.eventId, 1],
      ]),
    );
  });

  it("cuts off a receiver that does not answer within WEBHOOK_TIMEOUT_MS and retries later", async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    receiver.reply("hang");
    await f.customer();
    await f.deliver();
    const d = await f.onlyDelivery(endpoint.id);
    expect(d).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastStatusCode: null,
      lastError: "Timed out after 1000 ms",
    });
    expect(d.lastResponseMs).toBeGreaterThanOrEqual(900);
    receiver.release();
    t.clock.set(new Date(d.nextAttemptAt!));
    await f.deliver();
    expect((await f.onlyDelivery(endpoint.id)).status).toBe("DELIVERED");
  });

  it("sends each endpoint only the topics it subscribed to", async () => {
    const other = await startWebhookReceiver({ now: () => t.clock.now() });
    try {
      const customers = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
      const tiers = await f.endpoint(other.url, ["LOYALTY_TIER_CHANGED", "SURVEY_ANSWERED"]);
      await f.customer();
      await f.deliver();
      expect(receiver.received.map((r) => r.event.topic)).toEqual(["customer.created"]);
      expect(other.received).toEqual([]);
      expect((await f.deliveries(tiers.endpoint.id)).totalCount).toBe(0);
      expect((await f.deliveries(customers.endpoint.id)).totalCount).toBe(1);
    } finally {
      await other.close();
    }
  });

  it("does not follow redirects: a 3xx is a failed attempt", async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    receiver.reply(301);
    await f.customer();
    await f.deliver();
    expect(await f.onlyDelivery(endpoint.id)).toMatchObject({
      status: "FAILED",
      lastStatusCode: 301,
    });
  });

  it("pages the delivery log newest first and filters it by status", async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    receiver.reply(500);
    for (let i = 0; i < 5; i++) await f.customer();
    await f.deliver();
    const first = await f.deliveries(endpoint.id, { first: 3 });
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await f.deliveries(endpoint.id, { first: 3, after: first.pageInfo.endCursor });
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.edges, ...rest.edges].map((e) => Number(e.node.eventId));
    expect(ids).toHaveLength(5);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await f.deliveries(endpoint.id, { s: "FAILED" })).totalCount).toBe(1);
    expect((await f.deliveries(endpoint.id, { s: "DELIVERED" })).totalCount).toBe(4);
    const bad = await t.gql(
      `query($e: ID!) { webhookDeliveries(endpointId: $e, after: "garbage") { totalCount } }`,
      { e: endpoint.id },
      t.admin,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("test events and secret rotation", () => {
  it("sends a test event on demand and reports the attempt at once", async () => {
    const { endpoint, secret } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"], {
      active: false,
    });
    receiver.useSecret(secret);
    const res = await t.gql<{ sendWebhookTestEvent: { status: string; topic: string } }>(
      `mutation($id: ID!) { sendWebhookTestEvent(endpointId: $id) { status topic lastStatusCode } }`,
      { id: endpoint.id },
      t.admin,
    );
    expect(res.data!.sendWebhookTestEvent).toEqual({
      status: "DELIVERED",
      topic: "webhook.test",
      lastStatusCode: 200,
    });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      verified: true,
      event: { topic: "webhook.test", data: { endpointId: endpoint.id } },
    });
    // The test event goes to this endpoint only, even with others subscribed to everything.
    await f.deliver();
    expect(receiver.received).toHaveLength(1);
  });

  it("rotates the secret: both sign during the grace period, then only the new one", async () => {
    const { endpoint, secret: old } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    const rotated = await t.gql<{
      rotateWebhookSecret: {
        secret: string;
        endpoint: { secretPreview: string; previousSecretExpiresAt: string };
      };
    }>(
      `mutation($id: ID!) { rotateWebhookSecret(id: $id, keepPreviousForHours: 2) {
         secret endpoint { secretPreview previousSecretExpiresAt } } }`,
      { id: endpoint.id },
      t.admin,
    );
    const { secret: fresh, endpoint: after } = rotated.data!.rotateWebhookSecret;
    expect(fresh).not.toBe(old);
    expect(after.secretPreview).toBe(`whsec_…${fresh.slice(-4)}`);
    expect(after.previousSecretExpiresAt).toBe(
      new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString(),
    );

    const check = (r: (typeof receiver.received)[number], s: string) =>
      verifySignature(s, String(r.headers["trouw-signature"]), r.body, t.clock.now());
    await f.customer();
    await f.deliver();
    const during = receiver.received.at(-1)!;
    expect([check(during, old), check(during, fresh)]).toEqual([true, true]);

    t.clock.advance(2 * 3600_000 + 1);
    await f.customer();
    await f.deliver();
    const later = receiver.received.at(-1)!;
    expect([check(later, old), check(later, fresh)]).toEqual([false, true]);

    const bad = await t.gql(
      `mutation($id: ID!) { rotateWebhookSecret(id: $id, keepPreviousForHours: 1000) { secret } }`,
      { id: endpoint.id },
      t.admin,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("webhook retention", () => {
  it("purges settled deliveries and their events after WEBHOOK_RETENTION_DAYS, keeping recent and unsettled ones", async () => {
    const DAY = 86_400_000;
    expect(t.config.WEBHOOK_RETENTION_DAYS).toBe(30);
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    for (let i = 0; i < 3; i++) await f.customer();
    await f.deliver();
    const rows = () =>
      t.db.read((em) =>
        em.query<{ id: string; outbox_id: string; status: string }[]>(
          `SELECT id, outbox_id::text, status FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY seq`,
          [endpoint.id],
        ),
      );
    const [delivered, dead, failing] = await rows();
    expect([delivered, dead, failing].map((r) => r!.status)).toEqual([
      "delivered",
      "delivered",
      "delivered",
    ]);
    // One gave up, one is still being retried (next attempt far ahead, so nobody sends it).
    await t.db.transaction(async (em) => {
      await em.query(`UPDATE webhook_deliveries SET status = 'dead' WHERE id = $1`, [dead!.id]);
      await em.query(
        `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = $2 WHERE id = $1`,
        [failing!.id, new Date(t.clock.now().getTime() + 365 * DAY)],
      );
    });
    // 31 days on, a new one is delivered; then the hourly schedule queues the purge.
    t.clock.advance(31 * DAY);
    await f.customer();
    await f.deliver();
    await t.app.services.webhooks.scheduleDue();
    await t.app.services.jobs.runReady();

    const left = await rows();
    expect(left.map((r) => r.status)).toEqual(["failed", "delivered"]);
    expect(left[0]!.id).toBe(failing!.id);
    const events = await t.db.read((em) =>
      em.query<{ id: string }[]>(`SELECT id::text FROM outbox WHERE id = ANY($1::bigint[])`, [
        [delivered!.outbox_id, dead!.outbox_id, failing!.outbox_id, left[1]!.outbox_id],
      ]),
    );
    expect(events.map((e) => e.id).sort()).toEqual([failing!.outbox_id, left[1]!.outbox_id].sort());
    const [purge] = await t.db.read((em) =>
      em.query<{ status: string; result: { deliveries: number } }[]>(
        `SELECT status, result FROM jobs WHERE kind = 'webhooks.purge' ORDER BY created_at DESC LIMIT 1`,
      ),
    );
    expect(purge!.status).toBe("done");
    expect(purge!.result.deliveries).toBeGreaterThanOrEqual(2);
    // Within the hour, the schedule does not queue it again.
    const queued = () => t.count("jobs");
    const before = await queued();
    await t.app.services.webhooks.scheduleDue();
    expect(await queued()).toBe(before);
    // In batches: with room for one row per transaction, a purge still takes every old row.
    await f.customer();
    await f.customer();
    await f.deliver();
    t.clock.advance(31 * DAY);
    const batched = await t.app.services.webhooks.purge(1);
    expect(batched.deliveries).toBeGreaterThanOrEqual(3);
    expect(batched.events).toBeGreaterThanOrEqual(3);
    expect((await rows()).map((r) => r.id)).toEqual([failing!.id]);
  });
});
