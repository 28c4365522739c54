import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loyaltyFixtures } from "../../test-support/loyalty-fixtures";
import { startTestServer, type TestServer } from "../../test-support/server";
import { startWebhookReceiver, type WebhookReceiver } from "../../test-support/webhook-receiver";
import { surveyFixtures } from "../surveys/survey-fixtures";
import { webhookFixtures } from "./webhook-fixtures";

/** Each topic is written to the outbox with its change and reaches a subscribed receiver. */

let t: TestServer;
let hooks: ReturnType<typeof webhookFixtures>;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await startTestServer();
  hooks = webhookFixtures(t);
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
  await receiver.close();
});

const events = (topic: string) =>
  receiver.received.filter((r) => r.event.topic === topic).map((r) => r.event.data);

const vipRule = {
  version: 1,
  root: { type: "condition", kind: "tags", args: { op: "contains_any", tags: ["vip"] } },
};

async function segment(name: string) {
  const res = await t.gql<{ createSegment: { id: string } }>(
    `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
    { i: { name, rule: vipRule } },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  await t.app.services.jobs.runReady();
  return res.data!.createSegment.id;
}

async function refresh(segmentId: string) {
  const res = await t.gql(
    `mutation($id: ID!) { refreshSegment(id: $id) { id } }`,
    {
      id: segmentId,
    },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  await t.app.services.jobs.runReady();
}

async function setTags(customerId: string, tags: string[]) {
  const res = await t.gql(
    `mutation($id: ID!, $i: UpdateCustomerInput!) { updateCustomer(id: $id, input: $i) { id } }`,
    { id: customerId, i: { tags } },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
}

const segmentOutboxRows = async () =>
  Number(
    (
      await t.db.read((em) =>
        em.query<[{ n: number }]>(
          `SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'segment.%'`,
        ),
      )
    )[0].n,
  );

describe("events for webhooks", () => {
  it("customer.created, when a customer is created (once, even when the request is retried)", async () => {
    await hooks.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    const create = () =>
      t.gql<{ createCustomer: { id: string } }>(
        `mutation { createCustomer(input: { externalId: "created-1" }, idempotencyKey: "k1") { id } }`,
        {},
        t.writeKey,
      );
    const id = (await create()).data!.createCustomer.id;
    expect((await create()).data!.createCustomer.id).toBe(id);
    await hooks.deliver();
    expect(events("customer.created")).toEqual([
      expect.objectContaining({ customerId: id, externalId: "created-1" }),
    ]);
  });

  it("loyalty.tier_changed, when an order lifts a member into the next tier", async () => {
    const loyalty = loyaltyFixtures(t);
    const programId = await loyalty.program("Tiers", {
      type: "tiered",
      earning: { rate: { points: 1, perMinor: 100 } },
      tiers: [
        { code: "bronze", name: "Bronze", threshold: 0 },
        { code: "silver", name: "Silver", threshold: 500 },
      ],
      qualification: { basis: "points_earned", window: { kind: "calendar_year" } },
      downgradePolicy: "drop_one",
    });
    await hooks.endpoint(receiver.url, ["LOYALTY_TIER_CHANGED"]);
    const customerId = await loyalty.customer();
    await loyalty.order(customerId, [{ amountMinor: 60_000 }]);
    await hooks.deliver();
    expect(events("loyalty.tier_changed")).toEqual([
      expect.objectContaining({ customerId, programId, to: "silver" }),
    ]);
    expect(receiver.received.map((r) => r.event.topic)).toEqual(["loyalty.tier_changed"]);
  });

  it("segment.entered and segment.left, one per customer and change, at each refresh", async () => {
    await hooks.endpoint(receiver.url, ["SEGMENT_ENTERED", "SEGMENT_LEFT"]);
    const ana = await hooks.customer({ tags: ["vip"] });
    const bo = await hooks.customer({ tags: ["vip"] });
    await hooks.customer();
    const segmentId = await segment("VIP hooks");
    await hooks.deliver();
    expect(
      events("segment.entered")
        .map((d) => d.customerId)
        .sort(),
    ).toEqual([ana, bo].sort());
    expect(events("segment.entered")[0]).toEqual(
      expect.objectContaining({ segmentId, segmentName: "VIP hooks" }),
    );

    await setTags(bo, []);
    await refresh(segmentId);
    await hooks.deliver();
    expect(events("segment.left")).toEqual([
      { customerId: bo, segmentId, segmentName: "VIP hooks" },
    ]);
    expect(events("segment.entered")).toHaveLength(2);
  });

  it("writes no segment events when no active endpoint wants this segment's", async () => {
    const before = await segmentOutboxRows();
    const other = await segment("Other VIPs");
    // Subscribed, but to another segment only; and a paused endpoint for every segment.
    await hooks.endpoint(receiver.url, ["SEGMENT_ENTERED"], { segmentIds: [other] });
    await hooks.endpoint(receiver.url, ["SEGMENT_ENTERED"], { active: false });
    await hooks.customer({ tags: ["vip"] });
    const segmentId = await segment("Unwatched VIPs");
    await refresh(segmentId);
    expect(await segmentOutboxRows()).toBe(before);

    // The watched segment does emit, and only its events reach the endpoint.
    await refresh(other);
    await hooks.deliver();
    expect(events("segment.entered").map((d) => d.segmentId)).toEqual([other]);
  });

  it("survey.answered, with the response's scores", async () => {
    const surveys = surveyFixtures(t);
    await hooks.endpoint(receiver.url, ["SURVEY_ANSWERED"]);
    const surveyId = await surveys.survey();
    const customerId = await surveys.customer();
    const response = await surveys.answered(surveyId, customerId, { nps: 9, csat: 4 });
    await hooks.deliver();
    expect(events("survey.answered")).toEqual([
      {
        customerId,
        surveyId,
        responseId: response.id,
        source: "api",
        npsScore: 9,
        csatScore: 4,
        cesScore: null,
      },
    ]);
  });

  it("does not emit for a change that rolls back", async () => {
    await hooks.endpoint(receiver.url, ["CUSTOMER_CREATED"]);
    await hooks.customer({ externalId: "twice" });
    const dup = await t.gql(
      `mutation { createCustomer(input: { externalId: "twice" }) { id } }`,
      {},
      t.writeKey,
    );
    expect(dup.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    await hooks.deliver();
    expect(events("customer.created")).toHaveLength(1);
  });
});
