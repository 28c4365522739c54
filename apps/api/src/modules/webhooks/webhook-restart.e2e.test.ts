import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServices } from "../../services";
import { startTestServer, type TestServer } from "../../test-support/server";
import { startWebhookReceiver, type WebhookReceiver } from "../../test-support/webhook-receiver";
import { webhookFixtures } from "./webhook-fixtures";

/**
 * No event is lost when the API dies mid-delivery. A second set of services on the same
 * database plays the restarted process; the first one's requests hang at the receiver, as
 * if its process had been killed with them in flight.
 */

const TIMEOUT_MS = 60_000;
/** The lease a claimed delivery holds: 2 x timeout + 5 s (see WebhooksService). */
const LEASE_MS = 2 * TIMEOUT_MS + 5_000;

let t: TestServer;
let f: ReturnType<typeof webhookFixtures>;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await startTestServer({ WEBHOOK_TIMEOUT_MS: TIMEOUT_MS });
  f = webhookFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  receiver = await startWebhookReceiver({ now: () => t.clock.now() });
});
afterEach(async () => {
  for (const e of await t.app.services.webhooks.listEndpoints())
    await t.app.services.webhooks.deleteEndpoint(e.id);
  await t.app.services.webhooks.dispatch();
  receiver.release();
  await receiver.close();
});

/** Another API process on the same database: its own job runner, worker id and job key. */
const restartedProcess = () => createServices(t.db, t.clock, t.config, pino({ level: "silent" }));

const deliveryRows = () =>
  t.db.read((em) =>
    em.query<{ outbox_id: string; status: string; attempts: number }[]>(
      `SELECT outbox_id::text, status, attempts FROM webhook_deliveries ORDER BY outbox_id`,
    ),
  );

describe("restart safety", () => {
  it("re-sends deliveries a dead worker had in flight once their lease runs out: a duplicate, never a loss", async () => {
    const { endpoint } = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    for (let i = 0; i < 3; i++) await f.customer();
    receiver.replyByDefault("hang");

    // The first process dispatches, claims all three and dies with the requests in flight.
    await t.app.services.webhooks.requestRun();
    const dying = t.app.services.jobs.runReady();
    await receiver.waitFor(3);
    const sentFirst = receiver.received.map((r) => r.event.id).sort();
    expect(new Set(sentFirst).size).toBe(3);

    // The restarted process finds the deliveries leased: nothing is sent twice at once.
    const second = restartedProcess();
    await second.webhooks.requestRun();
    await second.jobs.runReady();
    expect(receiver.received).toHaveLength(3);

    // Past the lease (and the job runner's stale cutoff) the new process sends them again.
    t.clock.advance(LEASE_MS + 1);
    expect(await second.jobs.recoverStale(LEASE_MS)).toBe(1);
    receiver.replyByDefault(200);
    await second.webhooks.requestRun();
    await second.jobs.runReady();
    expect(receiver.received).toHaveLength(6);
    expect((await deliveryRows()).map((d) => [d.status, d.attempts])).toEqual([
      ["delivered", 2],
      ["delivered", 2],
      ["delivered", 2],
    ]);

    // The "dead" process's requests finally get through; its late outcome is ignored.
    receiver.release(200);
    await dying;
    const accepted = receiver.acceptedIds();
    expect([...accepted.keys()].sort()).toEqual(sentFirst);
    expect([...accepted.values()].every((n) => n >= 1)).toBe(true);
    expect((await deliveryRows()).every((d) => d.status === "delivered" && d.attempts === 2)).toBe(
      true,
    );
    expect((await f.getEndpoint(endpoint.id)).pendingDeliveries).toBe(0);
  });

  it("dispatches every event exactly once per endpoint, even when dispatch runs again or concurrently", async () => {
    const a = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    const b = await f.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    const before = await t.count("webhook_deliveries");
    const [{ last }] = await t.db.read((em) =>
      em.query<[{ last: string }]>(`SELECT coalesce(max(id), 0)::text AS last FROM outbox`),
    );
    for (let i = 0; i < 5; i++) await f.customer();
    const second = restartedProcess();
    await Promise.all([
      t.app.services.webhooks.dispatch(2),
      second.webhooks.dispatch(2),
      t.app.services.webhooks.dispatch(2),
    ]);
    while ((await second.webhooks.dispatch(2)).events > 0);
    expect((await t.count("webhook_deliveries")) - before).toBe(10);

    // Even if an event were handed over again (its mark lost), no second delivery appears.
    await t.db.transaction((em) =>
      em.query(`UPDATE outbox SET delivered_at = NULL WHERE id > $1`, [last]),
    );
    while ((await t.app.services.webhooks.dispatch()).events > 0);
    expect((await t.count("webhook_deliveries")) - before).toBe(10);

    await f.deliver();
    expect((await f.deliveries(a.endpoint.id, { s: "DELIVERED" })).totalCount).toBe(5);
    expect((await f.deliveries(b.endpoint.id, { s: "DELIVERED" })).totalCount).toBe(5);
    expect(receiver.received).toHaveLength(10);
  });
});
