import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Credentials, type TestServer } from "../../test-support/server";
import { loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;
let rootId: string;

beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
  const me = await t.gql<{ me: { id: string } }>(`{ me { id } }`, {}, t.admin);
  rootId = me.data!.me.id;
});
afterAll(async () => {
  await t?.stop();
});

type Entry = {
  id: string;
  at: string;
  actor: { kind: string; id: string | null; label: string };
  entityType: string;
  entityId: string;
  action: string;
  requestId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
type Connection = {
  totalCount: number;
  edges: { cursor: string; node: Entry }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
};

const ENTRY = `id at actor { kind id label } entityType entityId action requestId before after`;
const AUDIT_LOG = `query($f: AuditLogFilter, $first: Int, $after: String, $last: Int, $before: String) {
  auditLog(filter: $f, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { cursor node { ${ENTRY} } } } }`;

async function auditLog(
  filter: Record<string, unknown> = {},
  page: Record<string, unknown> = { first: 200 },
  as: Credentials = t.admin,
) {
  const res = await t.gql<{ auditLog: Connection }>(AUDIT_LOG, { f: filter, ...page }, as);
  expect(res.errors ?? []).toEqual([]);
  return res.data!.auditLog;
}

/** Runs a mutation that must succeed and returns its data. */
async function ok<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  as: Credentials = t.admin,
): Promise<T> {
  const res = await t.gql<T>(query, variables, as);
  expect(res.errors ?? []).toEqual([]);
  return res.data!;
}

/** The newest entry about one thing with one action. */
async function entryFor(entityType: string, entityId: string, action: string) {
  const log = await auditLog({ entityType, entityId, action }, { first: 1 });
  expect(log.totalCount, `${entityType} ${entityId} ${action}`).toBeGreaterThanOrEqual(1);
  return log.edges[0]!.node;
}

interface Case {
  name: string;
  /** Does the change and says which entry it expects. */
  run(): Promise<{
    entityType: string;
    entityId: string;
    action: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    actor?: "admin" | "writeKey";
  }>;
}

const segmentRule = {
  version: 1,
  root: { type: "condition", kind: "tags", args: { op: "contains_any", tags: ["vip"] } },
};

let programId = "";
let rewardId = "";
let campaignId = "";
let segmentId = "";
let surveyId = "";
let customerId = "";
let redemptionId = "";
let apiKeyId = "";
let endpointId = "";
let bonusProgramId = "";

const CASES: Case[] = [
  {
    name: "program created",
    async run() {
      const d = await ok<{ createLoyaltyProgram: { id: string } }>(
        `mutation($i: LoyaltyProgramInput!) { createLoyaltyProgram(input: $i) { id } }`,
        { i: { name: "Audited club", currency: "EUR", config: pointsConfig() } },
      );
      programId = d.createLoyaltyProgram.id;
      return {
        entityType: "LOYALTY_PROGRAM",
        entityId: programId,
        action: "created",
        before: null,
        after: { name: "Audited club", status: "draft", currency: "EUR" },
      };
    },
  },
  {
    name: "program updated",
    async run() {
      await ok(
        `mutation($id: ID!, $i: LoyaltyProgramInput!) { updateLoyaltyProgram(id: $id, input: $i) { id } }`,
        { id: programId, i: { name: "Audited club 2", currency: "EUR", config: pointsConfig() } },
      );
      return {
        entityType: "LOYALTY_PROGRAM",
        entityId: programId,
        action: "updated",
        before: { name: "Audited club", version: 1 },
        after: { name: "Audited club 2", version: 2 },
      };
    },
  },
  {
    name: "program status",
    async run() {
      await ok(`mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ACTIVE) { id } }`, {
        id: programId,
      });
      return {
        entityType: "LOYALTY_PROGRAM",
        entityId: programId,
        action: "status_changed",
        before: { status: "draft" },
        after: { status: "active" },
      };
    },
  },
  {
    name: "reward created",
    async run() {
      rewardId = await f.reward(programId, { cost: 10, name: "Audited tote" });
      return {
        entityType: "REWARD",
        entityId: rewardId,
        action: "created",
        after: { name: "Audited tote", cost: 10 },
      };
    },
  },
  {
    name: "reward updated",
    async run() {
      await ok(`mutation($id: ID!, $i: RewardInput!) { updateReward(id: $id, input: $i) { id } }`, {
        id: rewardId,
        i: { kind: "GIFT", name: "Audited tote", cost: 20 },
      });
      return {
        entityType: "REWARD",
        entityId: rewardId,
        action: "updated",
        before: { cost: 10 },
        after: { cost: 20 },
      };
    },
  },
  {
    name: "campaign created",
    async run() {
      const d = await ok<{ createLoyaltyCampaign: { id: string } }>(
        `mutation($p: ID!, $i: CampaignInput!) { createLoyaltyCampaign(programId: $p, input: $i) { id } }`,
        {
          p: programId,
          i: {
            name: "Double week",
            startsAt: "2026-06-01T00:00:00Z",
            endsAt: "2026-06-30T00:00:00Z",
            multiplier: 2,
          },
        },
      );
      campaignId = d.createLoyaltyCampaign.id;
      return {
        entityType: "CAMPAIGN",
        entityId: campaignId,
        action: "created",
        after: { name: "Double week", multiplier: 2 },
      };
    },
  },
  {
    name: "campaign updated",
    async run() {
      await ok(
        `mutation($id: ID!, $i: CampaignInput!) { updateLoyaltyCampaign(id: $id, input: $i) { id } }`,
        {
          id: campaignId,
          i: {
            name: "Triple week",
            startsAt: "2026-06-01T00:00:00Z",
            endsAt: "2026-06-30T00:00:00Z",
            multiplier: 3,
          },
        },
      );
      return {
        entityType: "CAMPAIGN",
        entityId: campaignId,
        action: "updated",
        before: { name: "Double week", multiplier: 2 },
        after: { name: "Triple week", multiplier: 3 },
      };
    },
  },
  {
    name: "campaign archived",
    async run() {
      await ok(`mutation($id: ID!) { archiveLoyaltyCampaign(id: $id) { id } }`, { id: campaignId });
      return {
        entityType: "CAMPAIGN",
        entityId: campaignId,
        action: "archived",
        before: { status: "active" },
        after: { status: "archived" },
      };
    },
  },
  {
    name: "balance adjusted",
    async run() {
      customerId = await f.customer();
      await f.order(customerId, [{ amountMinor: 10_000 }]);
      await ok(`mutation($i: AdjustBalanceInput!) { adjustBalance(input: $i) { id } }`, {
        i: { customerId, programId, amount: 25, reason: "Goodwill" },
      });
      return {
        entityType: "LOYALTY_ACCOUNT",
        entityId: `${programId}:${customerId}`,
        action: "balance_adjusted",
        before: { balance: 100 },
        after: { balance: 125, amount: 25, reason: "Goodwill" },
      };
    },
  },
  {
    name: "member enrolled by an admin",
    async run() {
      bonusProgramId = await f.program(
        "Audited bonuses",
        pointsConfig({
          bonuses: { custom: [{ code: "review", label: "Wrote a review", points: 40 }] },
        }),
      );
      await ok(
        `mutation($p: ID!, $c: LoyaltyCustomerInput!) { enrolCustomer(programId: $p, customer: $c) { balance } }`,
        { p: bonusProgramId, c: { customerId } },
      );
      return {
        entityType: "LOYALTY_ACCOUNT",
        entityId: `${bonusProgramId}:${customerId}`,
        action: "enrolled",
        before: null,
        after: { status: "enrolled", balance: 0 },
      };
    },
  },
  {
    name: "bonus awarded by an admin",
    async run() {
      await ok(`mutation($i: AwardBonusInput!) { awardBonus(input: $i) }`, {
        i: { customerId, programId: bonusProgramId, action: "review" },
      });
      return {
        entityType: "LOYALTY_ACCOUNT",
        entityId: `${bonusProgramId}:${customerId}`,
        action: "bonus_awarded",
        after: { bonus: "review", points: 40 },
      };
    },
  },
  {
    name: "member unenrolled by an admin",
    async run() {
      await ok(
        `mutation($p: ID!, $c: LoyaltyCustomerInput!) { unenrolCustomer(programId: $p, customer: $c) }`,
        { p: bonusProgramId, c: { customerId } },
      );
      return {
        entityType: "LOYALTY_ACCOUNT",
        entityId: `${bonusProgramId}:${customerId}`,
        action: "unenrolled",
        before: { status: "enrolled" },
        after: { status: "left", balance: 40 },
      };
    },
  },
  {
    name: "redemption cancelled (by an API key)",
    async run() {
      const r = await f.redeem(customerId, rewardId);
      expect(r.errors ?? []).toEqual([]);
      redemptionId = r.data!.redeemReward.id;
      await ok(
        `mutation($id: ID!) { cancelRedemption(id: $id, reason: "Changed mind") { id } }`,
        { id: redemptionId },
        t.writeKey,
      );
      return {
        entityType: "REDEMPTION",
        entityId: redemptionId,
        action: "cancelled",
        before: { status: "issued" },
        after: { status: "cancelled", reason: "Changed mind", refunded: 20 },
        actor: "writeKey",
      };
    },
  },
  {
    name: "reward archived",
    async run() {
      await ok(`mutation($id: ID!) { archiveReward(id: $id) { id } }`, { id: rewardId });
      return {
        entityType: "REWARD",
        entityId: rewardId,
        action: "archived",
        before: { status: "active" },
        after: { status: "archived" },
      };
    },
  },
  {
    name: "tier override",
    async run() {
      const tiers = await f.program("Audited tiers", {
        type: "tiered",
        earning: { rate: { points: 1, perMinor: 100 } },
        tiers: [
          { code: "bronze", name: "Bronze", threshold: 0 },
          { code: "gold", name: "Gold", threshold: 1000 },
        ],
        qualification: { basis: "points_earned", window: { kind: "calendar_year" } },
        downgradePolicy: "drop_one",
      });
      await f.order(customerId, [{ amountMinor: 1_000 }]);
      await ok(
        `mutation($i: TierOverrideInput!) { setTierOverride(input: $i) { id: __typename } }`,
        {
          i: {
            customerId,
            programId: tiers,
            tierCode: "gold",
            until: "2027-01-01T00:00:00Z",
            reason: "Influencer",
          },
        },
      );
      return {
        entityType: "LOYALTY_ACCOUNT",
        entityId: `${tiers}:${customerId}`,
        action: "tier_override_set",
        before: { tierCode: "bronze", tierOverride: null },
        after: { tierCode: "gold", reason: "Influencer" },
      };
    },
  },
  {
    name: "segment created",
    async run() {
      const d = await ok<{ createSegment: { id: string } }>(
        `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
        { i: { name: "Audited VIPs", rule: segmentRule } },
      );
      segmentId = d.createSegment.id;
      return {
        entityType: "SEGMENT",
        entityId: segmentId,
        action: "created",
        before: null,
        after: { name: "Audited VIPs", rule: segmentRule, version: 1 },
      };
    },
  },
  {
    name: "segment updated",
    async run() {
      await ok(
        `mutation($id: ID!, $i: SegmentInput!) { updateSegment(id: $id, input: $i) { id } }`,
        {
          id: segmentId,
          i: { name: "Audited VIP club" },
        },
      );
      return {
        entityType: "SEGMENT",
        entityId: segmentId,
        action: "updated",
        before: { name: "Audited VIPs", version: 1 },
        after: { name: "Audited VIP club", version: 2 },
      };
    },
  },
  {
    name: "segment deleted",
    async run() {
      await ok(`mutation($id: ID!) { deleteSegment(id: $id) { id } }`, { id: segmentId });
      return {
        entityType: "SEGMENT",
        entityId: segmentId,
        action: "deleted",
        before: { name: "Audited VIP club" },
        after: null,
      };
    },
  },
  {
    name: "survey created",
    async run() {
      const d = await ok<{ createSurveyFromTemplate: { id: string } }>(
        `mutation { createSurveyFromTemplate(template: STARTER) { id } }`,
      );
      surveyId = d.createSurveyFromTemplate.id;
      return {
        entityType: "SURVEY",
        entityId: surveyId,
        action: "created",
        after: { status: "draft" },
      };
    },
  },
  {
    name: "survey status",
    async run() {
      await ok(`mutation($id: ID!) { setSurveyStatus(id: $id, status: ACTIVE) { id } }`, {
        id: surveyId,
      });
      return {
        entityType: "SURVEY",
        entityId: surveyId,
        action: "status_changed",
        before: { status: "draft" },
        after: { status: "active" },
      };
    },
  },
  {
    name: "survey deleted",
    async run() {
      await ok(`mutation($id: ID!) { setSurveyStatus(id: $id, status: DRAFT) { id } }`, {
        id: surveyId,
      });
      await ok(`mutation($id: ID!) { deleteSurvey(id: $id) { id } }`, { id: surveyId });
      return {
        entityType: "SURVEY",
        entityId: surveyId,
        action: "deleted",
        before: { status: "draft" },
        after: null,
      };
    },
  },
  {
    name: "admin user created",
    async run() {
      const d = await ok<{ createAdminUser: { id: string } }>(
        `mutation { createAdminUser(input: { email: "new.analyst@test.trouw", name: "New", role: ANALYST, password: "long enough" }) { id } }`,
      );
      return {
        entityType: "ADMIN_USER",
        entityId: d.createAdminUser.id,
        action: "created",
        after: { email: "new.analyst@test.trouw", role: "analyst" },
      };
    },
  },
  {
    name: "API key created",
    async run() {
      const d = await ok<{ createApiKey: { apiKey: { id: string } } }>(
        `mutation { createApiKey(name: "Audited sync", scopes: [READ]) { apiKey { id } } }`,
      );
      apiKeyId = d.createApiKey.apiKey.id;
      return {
        entityType: "API_KEY",
        entityId: apiKeyId,
        action: "created",
        after: { name: "Audited sync", scopes: ["read"] },
      };
    },
  },
  {
    name: "API key revoked",
    async run() {
      await ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKeyId });
      return {
        entityType: "API_KEY",
        entityId: apiKeyId,
        action: "revoked",
        before: { revokedAt: null },
      };
    },
  },
  {
    name: "webhook endpoint created",
    async run() {
      const d = await ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
        `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hook", topics: [CUSTOMER_CREATED] }) { endpoint { id } } }`,
      );
      endpointId = d.createWebhookEndpoint.endpoint.id;
      return {
        entityType: "WEBHOOK_ENDPOINT",
        entityId: endpointId,
        action: "created",
        after: { url: "http://127.0.0.1:9/hook", topics: ["customer.created"], active: true },
      };
    },
  },
  {
    name: "webhook endpoint updated",
    async run() {
      await ok(
        `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { active: false }) { id } }`,
        {
          id: endpointId,
        },
      );
      return {
        entityType: "WEBHOOK_ENDPOINT",
        entityId: endpointId,
        action: "updated",
        before: { active: true },
        after: { active: false },
      };
    },
  },
  {
    name: "webhook secret rotated",
    async run() {
      await ok(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, {
        id: endpointId,
      });
      return { entityType: "WEBHOOK_ENDPOINT", entityId: endpointId, action: "secret_rotated" };
    },
  },
  {
    name: "webhook delivery redelivered",
    async run() {
      const d = await ok<{ sendWebhookTestEvent: { id: string } }>(
        `mutation($id: ID!) { sendWebhookTestEvent(endpointId: $id) { id } }`,
        { id: endpointId },
      );
      await ok(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`, {
        id: d.sendWebhookTestEvent.id,
      });
      return {
        entityType: "WEBHOOK_ENDPOINT",
        entityId: endpointId,
        action: "redelivered",
        before: null,
        after: { deliveryId: d.sendWebhookTestEvent.id },
      };
    },
  },
  {
    name: "webhook endpoint deleted",
    async run() {
      await ok(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`, { id: endpointId });
      return {
        entityType: "WEBHOOK_ENDPOINT",
        entityId: endpointId,
        action: "deleted",
        before: { url: "http://127.0.0.1:9/hook" },
        after: null,
      };
    },
  },
  {
    name: "customer data exported",
    async run() {
      await ok(`mutation($id: ID!) { exportCustomerData(customerId: $id) }`, { id: customerId });
      return { entityType: "CUSTOMER", entityId: customerId, action: "data_exported" };
    },
  },
  {
    name: "customer erased",
    async run() {
      await ok(
        `mutation($id: ID!) { eraseCustomer(customerId: $id, reason: "Request #12") { id } }`,
        {
          id: customerId,
        },
      );
      return {
        entityType: "CUSTOMER",
        entityId: customerId,
        action: "erased",
        after: { reason: "Request #12" },
      };
    },
  },
];

describe("audit log entries", () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    "records %s with the actor, the request and what changed",
    async (_name, c) => {
      const want = await c.run();
      const entry = await entryFor(want.entityType, want.entityId, want.action);
      if (want.actor === "writeKey") {
        expect(entry.actor.kind).toBe("API_KEY");
        expect(entry.actor.label).toMatch(/^API key test/);
      } else {
        expect(entry.actor).toEqual({ kind: "USER", id: rootId, label: "root@test.trouw" });
      }
      expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(entry.at).toBe(t.clock.now().toISOString());
      if (want.before === null) expect(entry.before).toBeNull();
      else if (want.before) expect(entry.before).toMatchObject(want.before);
      if (want.after === null) expect(entry.after).toBeNull();
      else if (want.after) expect(entry.after).toMatchObject(want.after);
    },
  );

  it("keeps only the changed fields on updates, and never secrets or password hashes", async () => {
    const update = await entryFor("LOYALTY_PROGRAM", programId, "updated");
    expect(Object.keys(update.before!).sort()).toEqual(Object.keys(update.after!).sort());
    expect(update.before).not.toHaveProperty("currency");
    const rows = await t.db.read((em) =>
      em.query<{ text: string }[]>(
        `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_log`,
      ),
    );
    const all = rows.map((r) => r.text).join("\n");
    expect(all).not.toMatch(/whsec_|password|secret_hash|\$argon2/i);
  });

  it("takes the client's X-Request-Id as the entry's request id", async () => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": "req-audit-42",
        cookie: (t.admin as { cookie: string }).cookie,
      },
      body: JSON.stringify({
        query: `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
        variables: { i: { name: "By request", rule: segmentRule } },
      }),
    });
    const body = (await res.json()) as { data: { createSegment: { id: string } } };
    const entry = await entryFor("SEGMENT", body.data.createSegment.id, "created");
    expect(entry.requestId).toBe("req-audit-42");
  });

  it("is append-only: the database refuses to change or remove an entry", async () => {
    await expect(
      t.db.transaction((em) => em.query(`UPDATE audit_log SET action = 'x'`)),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.transaction((em) => em.query(`DELETE FROM audit_log`))).rejects.toThrow(
      /append-only/,
    );
  });

  it("records nothing when the change fails (same transaction)", async () => {
    const before = await t.count("audit_log");
    const res = await t.gql(
      `mutation($id: ID!, $i: LoyaltyProgramInput!) { updateLoyaltyProgram(id: $id, input: $i, expectedVersion: 99) { id } }`,
      { id: programId, i: { name: "Stale", currency: "EUR", config: pointsConfig() } },
      t.admin,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await t.count("audit_log")).toBe(before);
  });

  it("leaves an integrator's enrolments and bonuses to the ledger, recording an admin's", async () => {
    const p = await f.program(
      "Integrator bonuses",
      pointsConfig({ bonuses: { custom: [{ code: "review", label: "Review", points: 5 }] } }),
    );
    const c = await f.customer();
    const before = await t.count("audit_log");
    await ok(
      `mutation($p: ID!, $c: LoyaltyCustomerInput!) { enrolCustomer(programId: $p, customer: $c) { balance } }`,
      { p, c: { customerId: c } },
      t.writeKey,
    );
    await ok(
      `mutation($i: AwardBonusInput!) { awardBonus(input: $i) }`,
      { i: { customerId: c, programId: p, action: "review" } },
      t.writeKey,
    );
    await ok(
      `mutation($p: ID!, $c: LoyaltyCustomerInput!) { unenrolCustomer(programId: $p, customer: $c) }`,
      { p, c: { customerId: c } },
      t.writeKey,
    );
    expect(await t.count("audit_log")).toBe(before);
    await ok(
      `mutation($p: ID!, $c: LoyaltyCustomerInput!) { enrolCustomer(programId: $p, customer: $c) { balance } }`,
      { p, c: { customerId: c } },
    );
    expect(await t.count("audit_log")).toBe(before + 1);
    const entry = await entryFor("LOYALTY_ACCOUNT", `${p}:${c}`, "enrolled");
    expect(entry.actor).toEqual({ kind: "USER", id: rootId, label: "root@test.trouw" });
    expect(entry.before).toEqual({ status: "left" });
    // Enrolling a member or unenrolling a former member again changes nothing: no entry.
    const enrol = `mutation($p: ID!, $c: LoyaltyCustomerInput!) { enrolCustomer(programId: $p, customer: $c) { balance } }`;
    const unenrol = `mutation($p: ID!, $c: LoyaltyCustomerInput!) { unenrolCustomer(programId: $p, customer: $c) }`;
    await ok(enrol, { p, c: { customerId: c } });
    expect(await t.count("audit_log")).toBe(before + 1);
    await ok(unenrol, { p, c: { customerId: c } });
    await ok(unenrol, { p, c: { customerId: c } });
    expect(await t.count("audit_log")).toBe(before + 2);
  });

  it("records a redelivery of an endpoint's dead deliveries, and nothing when none was dead", async () => {
    const d = await ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/dead", topics: [CUSTOMER_CREATED] }) { endpoint { id } } }`,
    );
    const id = d.createWebhookEndpoint.endpoint.id;
    const before = await t.count("audit_log");
    const none = await ok<{ redeliverDeadWebhooks: number }>(
      `mutation($id: ID!) { redeliverDeadWebhooks(endpointId: $id) }`,
      { id },
    );
    expect(none.redeliverDeadWebhooks).toBe(0);
    expect(await t.count("audit_log")).toBe(before);
    const sent = await ok<{ sendWebhookTestEvent: { id: string } }>(
      `mutation($id: ID!) { sendWebhookTestEvent(endpointId: $id) { id } }`,
      { id },
    );
    await t.db.transaction((em) =>
      em.query(`UPDATE webhook_deliveries SET status = 'dead' WHERE id = $1`, [
        sent.sendWebhookTestEvent.id,
      ]),
    );
    const one = await ok<{ redeliverDeadWebhooks: number }>(
      `mutation($id: ID!) { redeliverDeadWebhooks(endpointId: $id) }`,
      { id },
    );
    expect(one.redeliverDeadWebhooks).toBe(1);
    const entry = await entryFor("WEBHOOK_ENDPOINT", id, "dead_redelivered");
    expect(entry.after).toEqual({ deliveries: 1 });
  });
});

describe("auditLog query", () => {
  it("pages newest first with keyset cursors, forward and backward, covering every entry once", async () => {
    const all = await auditLog({}, { first: 200 });
    expect(all.totalCount).toBe(await t.count("audit_log"));
    const ids = all.edges.map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Connection = await auditLog({}, { first: 4, after });
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.totalCount).toBe(all.totalCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));

    const lastThree = await auditLog({}, { last: 3 });
    expect(lastThree.edges.map((e) => e.node.id)).toEqual(
      all.edges.slice(-3).map((e) => e.node.id),
    );
    const beforeThose = await auditLog({}, { last: 2, before: lastThree.edges[0]!.cursor });
    expect(beforeThose.edges.map((e) => e.node.id)).toEqual(
      all.edges.slice(-5, -3).map((e) => e.node.id),
    );
  });

  it("filters by actor, entity type, entity id, action and period", async () => {
    const byKey = await auditLog({ actor: "api key test" });
    expect(byKey.totalCount).toBeGreaterThanOrEqual(1);
    expect(byKey.edges.every((e) => e.node.actor.kind === "API_KEY")).toBe(true);
    expect(byKey.edges.map((e) => e.node.entityId)).toContain(redemptionId);

    const byUserId = await auditLog({ actor: rootId, entityType: "SEGMENT" });
    expect(byUserId.edges.length).toBeGreaterThanOrEqual(3);
    expect(
      byUserId.edges.every((e) => e.node.actor.id === rootId && e.node.entityType === "SEGMENT"),
    ).toBe(true);

    const deletions = await auditLog({ action: "deleted" });
    expect(deletions.edges.map((e) => e.node.entityType).sort()).toEqual(
      ["SEGMENT", "SURVEY", "WEBHOOK_ENDPOINT"].sort(),
    );

    const oneProgram = await auditLog({ entityType: "LOYALTY_PROGRAM", entityId: programId });
    expect(oneProgram.edges.map((e) => e.node.action)).toEqual([
      "status_changed",
      "updated",
      "created",
    ]);

    // A change a minute later falls only in the later period.
    const minuteLater = new Date(t.clock.now().getTime() + 60_000);
    t.clock.set(minuteLater);
    try {
      await ok(`mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`, {
        i: { name: "Tomorrow's segment", rule: segmentRule },
      });
      const later = await auditLog({ from: minuteLater.toISOString() });
      expect(later.edges.map((e) => e.node.after?.name)).toEqual(["Tomorrow's segment"]);
      const earlier = await auditLog({ to: minuteLater.toISOString() });
      expect(earlier.totalCount).toBe((await t.count("audit_log")) - 1);
      const bad = await t.gql(
        AUDIT_LOG,
        { f: { from: minuteLater, to: "2020-01-01T00:00:00Z" } },
        t.admin,
      );
      expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    } finally {
      t.clock.set(new Date(minuteLater.getTime() - 60_000));
    }
  });

  it("is for admins only: analysts, support staff and API keys get FORBIDDEN", async () => {
    for (const as of [await t.createUser("analyst"), await t.createUser("support"), t.writeKey]) {
      const res = await t.gql(AUDIT_LOG, { first: 1 }, as);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect((await t.gql(AUDIT_LOG, { first: 1 })).errors?.[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("costs the same number of statements for a page of 2 and a page of 50", async () => {
    const count = async (first: number) => {
      const res = await t.gql<{ auditLog: Connection }>(AUDIT_LOG, { first }, t.admin);
      return res.extensions!.queryCount!;
    };
    expect(await count(50)).toBe(await count(2));
  });
});
