import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Credentials, type TestServer } from "../../test-support/server";
import { loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";
import { definition } from "../surveys/survey-fixtures";

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

async function ok<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  as: Credentials = t.admin,
): Promise<T> {
  const res = await t.gql<T>(query, variables, as);
  expect(res.errors ?? []).toEqual([]);
  return res.data!;
}

const RECORD_CONSENT = `mutation($i: RecordConsentInput!, $k: String) {
  recordConsent(input: $i, idempotencyKey: $k) { id purpose granted source recordedBy occurredAt recordedAt } }`;
type ConsentView = {
  id: string;
  purpose: string;
  granted: boolean;
  source: string;
  occurredAt: string;
};
const CONSENTS = `query($id: ID) { customer(id: $id) { marketingConsent marketingConsentAt
  consents { purpose granted since source }
  consentHistory { id purpose granted source recordedBy occurredAt } } }`;
type ConsentsView = {
  customer: {
    marketingConsent: boolean;
    marketingConsentAt: string | null;
    consents: { purpose: string; granted: boolean; since: string | null; source: string | null }[];
    consentHistory: (ConsentView & { recordedBy: string })[];
  };
};

const consentsOf = (id: string) => ok<ConsentsView>(CONSENTS, { id });
const minutesAgo = (m: number) => new Date(t.clock.now().getTime() - m * 60_000).toISOString();

describe("consent history", () => {
  it("appends every grant and withdrawal with its source, and derives the current consent per purpose", async () => {
    const id = await f.customer({ marketingConsent: true });
    let view = await consentsOf(id);
    expect(view.customer.consentHistory).toMatchObject([
      { purpose: "MARKETING_EMAIL", granted: true, source: "API" },
    ]);

    const withdraw = {
      customerId: id,
      purpose: "MARKETING_EMAIL",
      granted: false,
      source: "PREFERENCE_CENTER",
      occurredAt: minutesAgo(5),
    };
    const first = await ok<{ recordConsent: ConsentView }>(
      RECORD_CONSENT,
      { i: withdraw, k: "consent-1" },
      t.writeKey,
    );
    const retry = await ok<{ recordConsent: ConsentView }>(
      RECORD_CONSENT,
      { i: withdraw, k: "consent-1" },
      t.writeKey,
    );
    expect(retry.recordConsent.id).toBe(first.recordConsent.id);
    const reused = await t.gql(
      RECORD_CONSENT,
      { i: { ...withdraw, granted: true }, k: "consent-1" },
      t.writeKey,
    );
    expect(reused.errors?.[0]?.extensions?.code).toBe("CONFLICT");

    await ok(
      RECORD_CONSENT,
      {
        i: {
          customerId: id,
          purpose: "MARKETING_SMS",
          granted: true,
          source: "CHECKOUT",
          occurredAt: minutesAgo(3),
        },
      },
      t.writeKey,
    );
    view = await consentsOf(id);
    // Oldest first by when the customer decided.
    expect(view.customer.consentHistory.map((h) => [h.purpose, h.granted, h.source])).toEqual([
      ["MARKETING_EMAIL", false, "PREFERENCE_CENTER"],
      ["MARKETING_SMS", true, "CHECKOUT"],
      ["MARKETING_EMAIL", true, "API"],
    ]);
    expect(view.customer.consentHistory.every((h) => /^key:/.test(h.recordedBy))).toBe(true);
    // The grant at creation (now) is newer than the backdated withdrawal: it still holds.
    expect(view.customer.consents).toEqual([
      {
        purpose: "MARKETING_EMAIL",
        granted: true,
        since: t.clock.now().toISOString(),
        source: "API",
      },
      { purpose: "MARKETING_SMS", granted: true, since: minutesAgo(3), source: "CHECKOUT" },
      { purpose: "PROFILING", granted: false, since: null, source: null },
    ]);
    expect(view.customer.marketingConsent).toBe(true);

    // A withdrawal now does overturn it, and the customer's marketing consent follows.
    await ok(
      RECORD_CONSENT,
      { i: { customerId: id, purpose: "MARKETING_EMAIL", granted: false, source: "EMAIL_LINK" } },
      t.writeKey,
    );
    view = await consentsOf(id);
    expect(view.customer.marketingConsent).toBe(false);
    expect(view.customer.consents[0]).toMatchObject({ granted: false, source: "EMAIL_LINK" });
    expect(view.customer.consentHistory).toHaveLength(4);
  });

  it("records a consent change made through updateCustomer, with the admin as its source", async () => {
    const id = await f.customer();
    await ok(
      `mutation($id: ID!) { updateCustomer(id: $id, input: { marketingConsent: true }) { id } }`,
      {
        id,
      },
    );
    const view = await consentsOf(id);
    expect(view.customer.consentHistory).toMatchObject([
      {
        purpose: "MARKETING_EMAIL",
        granted: true,
        source: "ADMIN",
        recordedBy: expect.stringMatching(/^user:/),
      },
    ]);
    expect(view.customer.marketingConsent).toBe(true);
  });

  it("keeps the marketing consent segment condition working off the recorded consent", async () => {
    const seg = await ok<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      {
        i: {
          name: "Mailable",
          rule: {
            version: 1,
            root: { type: "condition", kind: "marketing_consent", args: { value: true } },
          },
        },
      },
    );
    const id = await f.customer();
    const size = async () => {
      await t.app.services.segments.refresh(seg.createSegment.id);
      const [row] = await t.db.read((em) =>
        em.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM segment_members WHERE segment_id = $1 AND customer_id = $2`,
          [seg.createSegment.id, id],
        ),
      );
      return row!.n;
    };
    expect(await size()).toBe(0);
    await ok(
      RECORD_CONSENT,
      { i: { customerId: id, purpose: "MARKETING_EMAIL", granted: true, source: "WEB_FORM" } },
      t.writeKey,
    );
    expect(await size()).toBe(1);
    await ok(
      RECORD_CONSENT,
      { i: { customerId: id, purpose: "MARKETING_EMAIL", granted: false, source: "WEB_FORM" } },
      t.writeKey,
    );
    expect(await size()).toBe(0);
  });

  it("refuses bad consent input and unknown customers with stable codes", async () => {
    const id = await f.customer();
    const future = await t.gql(
      RECORD_CONSENT,
      {
        i: {
          customerId: id,
          purpose: "PROFILING",
          granted: true,
          source: "API",
          occurredAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
        },
      },
      t.writeKey,
    );
    expect(future.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const reserved = await t.gql(
      RECORD_CONSENT,
      { i: { customerId: id, purpose: "PROFILING", granted: false, source: "ERASURE" } },
      t.writeKey,
    );
    expect(reserved.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = await t.gql(
      RECORD_CONSENT,
      { i: { customerExternalId: "nobody", purpose: "PROFILING", granted: true, source: "API" } },
      t.writeKey,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const readKey = await t.createKey(["read"]);
    const denied = await t.gql(
      RECORD_CONSENT,
      { i: { customerId: id, purpose: "PROFILING", granted: true, source: "API" } },
      readKey,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

/** Personal values a rich customer is created with; none may survive an erasure. */
const personal = (who: string) => ({
  email: `${who}.verhoeven@example.nl`,
  name: `${who} Verhoeven`,
  phone: `+31 6 1122${who.length}${who.charCodeAt(0)}`,
  externalId: `shop-${who}-4711`,
  attribute: `Keizersgracht 123 ${who} Amsterdam`,
  tag: `${who}-personal-tag`,
  surveyText: `Bezorger Kees was onbeleefd tegen ${who}`,
  supportSubject: `${who} asks about her parcel`,
  supportNote: `Called from ${who}'s work number about the parcel`,
  resolution: `Promised ${who} a call back`,
  url: `https://shop.example.nl/account?email=${who}.verhoeven@example.nl`,
  sessionId: `sess-${who}-998877`,
});
type Personal = ReturnType<typeof personal>;

let richCount = 0;

interface Rich {
  id: string;
  programId: string;
  surveyId: string;
  inviteSurveyId: string;
  segmentId: string;
  endpointId: string;
}

/** A customer with every kind of data Trouw holds, created over the API. */
async function richCustomer(PERSONAL: Personal): Promise<Rich> {
  const endpoint = await ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
    `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/privacy", topics: [CUSTOMER_CREATED, SURVEY_ANSWERED] }) { endpoint { id } } }`,
  );
  const programId = await f.program(`Points ${++richCount}`, pointsConfig());
  const rewardId = await f.reward(programId, { cost: 5, name: "Privacy tote" });
  const segment = await ok<{ createSegment: { id: string } }>(
    `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
    {
      i: {
        name: `Buyers ${richCount}`,
        rule: {
          version: 1,
          root: {
            type: "condition",
            kind: "event_aggregate",
            args: {
              filter: { types: ["order"] },
              window: { kind: "all" },
              aggregate: "count",
              compare: { op: "gte", value: 1 },
            },
          },
        },
      },
    },
  );
  const created = await ok<{ createCustomer: { id: string } }>(
    `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
    {
      i: {
        externalId: PERSONAL.externalId,
        email: PERSONAL.email,
        name: PERSONAL.name,
        phone: PERSONAL.phone,
        birthDate: "1980-04-02",
        tags: [PERSONAL.tag],
        attributes: { address: PERSONAL.attribute },
        marketingConsent: true,
      },
    },
    t.writeKey,
  );
  const id = created.createCustomer.id;
  await f.order(id, [{ amountMinor: 12_345, category: "shoes" }], {
    orderId: `order-${richCount}`,
  });
  await ok(
    `mutation($i: RecordVisitInput!) { recordVisit(input: $i) { id } }`,
    {
      i: {
        customerId: id,
        kind: "PAGE_VIEW",
        url: PERSONAL.url,
        sessionId: PERSONAL.sessionId,
        pageType: "account",
      },
    },
    t.writeKey,
  );
  const contact = await ok<{ logSupportContact: { id: string } }>(
    `mutation($i: LogSupportContactInput!) { logSupportContact(input: $i) { id } }`,
    {
      i: {
        customerId: id,
        kind: "COMPLAINT",
        subject: PERSONAL.supportSubject,
        note: PERSONAL.supportNote,
      },
    },
    t.writeKey,
  );
  await ok(
    `mutation($id: ID!, $i: UpdateSupportContactInput!) { updateSupportContact(id: $id, input: $i) { id } }`,
    {
      id: contact.logSupportContact.id,
      i: { status: "RESOLVED", resolution: PERSONAL.resolution },
    },
    t.writeKey,
  );
  const redeemed = await f.redeem(id, rewardId);
  expect(redeemed.errors ?? []).toEqual([]);
  const survey = await ok<{ createSurvey: { id: string } }>(
    `mutation($d: JSONObject!) { createSurvey(definition: $d) { id } }`,
    { d: definition() },
  );
  const inviteSurvey = await ok<{ createSurvey: { id: string } }>(
    `mutation($d: JSONObject!) { createSurvey(definition: $d) { id } }`,
    { d: definition({ title: { en: "Second", nl: "Tweede" } }) },
  );
  for (const s of [survey.createSurvey.id, inviteSurvey.createSurvey.id])
    await ok(`mutation($id: ID!) { setSurveyStatus(id: $id, status: ACTIVE) { id } }`, { id: s });
  await ok(
    `mutation($i: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $i) { id } }`,
    {
      i: {
        surveyId: survey.createSurvey.id,
        customerId: id,
        answers: { nps: 3, why: PERSONAL.surveyText, channel: "web" },
      },
    },
    t.writeKey,
  );
  await ok(
    `mutation($i: SurveyInvitationsInput!) { createSurveyInvitations(input: $i) { surveyId } }`,
    { i: { surveyId: inviteSurvey.createSurvey.id, customerIds: [id] } },
  );
  await t.app.services.segments.refresh(segment.createSegment.id);
  await t.app.services.webhooks.dispatch();
  return {
    id,
    programId,
    surveyId: survey.createSurvey.id,
    inviteSurveyId: inviteSurvey.createSurvey.id,
    segmentId: segment.createSegment.id,
    endpointId: endpoint.createWebhookEndpoint.endpoint.id,
  };
}

const EXPORT = `mutation($id: ID!) { exportCustomerData(customerId: $id) }`;
type Export = Record<string, unknown> & {
  profile: Record<string, unknown>;
  consentHistory: Record<string, unknown>[];
  events: Record<string, unknown>[];
  supportContacts: Record<string, unknown>[];
  segmentMemberships: Record<string, unknown>[];
  segmentHistory: Record<string, unknown>[];
  loyaltyAccounts: Record<string, unknown>[];
  ledgerEntries: Record<string, unknown>[];
  redemptions: Record<string, unknown>[];
  surveyResponses: Record<string, unknown>[];
  surveyInvitations: Record<string, unknown>[];
  outbox: Record<string, unknown>[];
  webhookDeliveries: Record<string, unknown>[];
};

describe("exportCustomerData", () => {
  let rich: Rich;
  const PERSONAL = personal("jolanda");
  beforeAll(async () => {
    rich = await richCustomer(PERSONAL);
  }, 60_000);

  it("returns every kind of data held about the customer, with the values we created", async () => {
    const res = await t.gql<{ exportCustomerData: Export }>(EXPORT, { id: rich.id }, t.admin);
    expect(res.errors ?? []).toEqual([]);
    const x = res.data!.exportCustomerData;
    expect(x.profile).toMatchObject({
      id: rich.id,
      external_id: PERSONAL.externalId,
      email: PERSONAL.email,
      name: PERSONAL.name,
      phone: PERSONAL.phone,
      birth_date: "1980-04-02",
      tags: [PERSONAL.tag],
      attributes: { address: PERSONAL.attribute },
    });
    expect(x.consentHistory).toMatchObject([
      { purpose: "marketing_email", granted: true, source: "api" },
    ]);
    const orders = x.events.filter((e) => e.type === "order");
    expect(orders).toMatchObject([{ order_ref: "order-1", amount_minor: 12_345, currency: "EUR" }]);
    expect(x.events.find((e) => e.type === "page_view")).toMatchObject({
      payload: { url: PERSONAL.url, sessionId: PERSONAL.sessionId },
    });
    expect(x.supportContacts).toMatchObject([
      {
        subject: PERSONAL.supportSubject,
        note: PERSONAL.supportNote,
        resolution: PERSONAL.resolution,
      },
    ]);
    expect(x.segmentMemberships).toMatchObject([
      { segmentId: rich.segmentId, segmentName: "Buyers 1" },
    ]);
    expect(x.segmentHistory).toContainEqual(
      expect.objectContaining({ segmentId: rich.segmentId, change: "entered" }),
    );
    expect(x.loyaltyAccounts).toMatchObject([{ program_id: rich.programId, balance: 123 - 5 }]);
    expect(x.ledgerEntries.map((e) => e.kind)).toEqual(expect.arrayContaining(["earn", "burn"]));
    expect(x.redemptions).toMatchObject([{ cost: 5, status: "issued" }]);
    expect(x.surveyResponses).toMatchObject([
      { survey_id: rich.surveyId, answers: { nps: 3, why: PERSONAL.surveyText }, nps_score: 3 },
    ]);
    expect(x.surveyInvitations).toMatchObject([{ survey_id: rich.inviteSurveyId }]);
    expect(x.surveyInvitations[0]).not.toHaveProperty("token_hash");
    expect(x.outbox.map((o) => o.topic)).toEqual(
      expect.arrayContaining(["customer.created", "survey.answered", "loyalty.reward_redeemed"]),
    );
    expect(JSON.stringify(x.outbox)).toContain(PERSONAL.externalId);
    expect(x.webhookDeliveries.length).toBeGreaterThanOrEqual(2);
    expect(x.webhookDeliveries.every((d) => d.endpoint_id === rich.endpointId)).toBe(true);
  });

  it("covers every table with a customer_id column", async () => {
    const tables = await t.db.read((em) =>
      em.query<{ table_name: string }[]>(
        `SELECT DISTINCT table_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name = 'customer_id' ORDER BY table_name`,
      ),
    );
    const res = await t.gql<{ exportCustomerData: Export }>(EXPORT, { id: rich.id }, t.admin);
    const exported = JSON.stringify(Object.keys(res.data!.exportCustomerData));
    // Tables that hold only derived figures or work queues, not data about the person.
    const derived = new Set(["segment_dirty_customers", "ledger_lots", "referral_credits"]);
    const kinds: Record<string, string> = {
      customer_facts: "customerFacts",
      consent_events: "consentHistory",
      events: "events",
      support_contacts: "supportContacts",
      segment_members: "segmentMemberships",
      segment_membership_changes: "segmentHistory",
      loyalty_accounts: "loyaltyAccounts",
      ledger_entries: "ledgerEntries",
      redemptions: "redemptions",
      survey_responses: "surveyResponses",
      survey_invitations: "surveyInvitations",
      outbox: "outbox",
    };
    const missing = tables
      .map((r) => r.table_name)
      .filter((name) => !derived.has(name) && !name.startsWith("analytics_"))
      .filter((name) => !kinds[name] || !exported.includes(`"${kinds[name]}"`));
    expect(missing).toEqual([]);
  });

  it("reads with a bounded number of statements, however much the customer has", async () => {
    const small = await f.customer();
    const count = async (id: string) =>
      (await t.gql<{ exportCustomerData: Export }>(EXPORT, { id }, t.admin)).extensions!
        .queryCount!;
    expect(await count(rich.id)).toBe(await count(small));
  });

  it("is for admins only and answers NOT_FOUND for an unknown customer", async () => {
    for (const as of [await t.createUser("support"), await t.createUser("analyst"), t.writeKey]) {
      const res = await t.gql(EXPORT, { id: rich.id }, as);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const res = await t.gql(EXPORT, { id: "00000000-0000-4000-8000-000000000000" }, t.admin);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

/**
 * Every text, varchar, text[] and json(b) column of every table, found through the catalog, so
 * tables added later are searched too. One statement per table.
 */
async function scanFor(needles: string[]): Promise<string[]> {
  const columns = await t.db.read((em) =>
    em.query<{ table_name: string; column_name: string }[]>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
       WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
         AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
              OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
       ORDER BY c.table_name, c.column_name`,
    ),
  );
  expect(columns.length).toBeGreaterThan(20);
  const byTable = new Map<string, string[]>();
  for (const c of columns)
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const patterns = needles.map((n) => `%${n.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const found: string[] = [];
  for (const [table, cols] of byTable) {
    const hits = cols.map(
      (c) => `count(*) FILTER (WHERE lower("${c}"::text) LIKE ANY($1)) AS "${c}"`,
    );
    const [row] = await t.db.read((em) =>
      em.query<Record<string, number | string>[]>(`SELECT ${hits.join(", ")} FROM "${table}"`, [
        patterns,
      ]),
    );
    for (const c of cols) if (Number(row![c]) > 0) found.push(`${table}.${c}`);
  }
  return found;
}

const ERASE = `mutation($id: ID!, $r: String!) { eraseCustomer(customerId: $id, reason: $r) {
  id externalId email name phone birthDate tags attributes marketingConsent erasedAt } }`;

describe("eraseCustomer", () => {
  let rich: Rich;
  const PERSONAL = personal("marieke");
  beforeAll(async () => {
    rich = await richCustomer(PERSONAL);
  }, 60_000);

  const figures = async () => {
    const orders = await ok<{ orderMetrics: unknown }>(
      `query { orderMetrics(from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z", period: MONTH) {
         periods { periodStart orders customers revenue { amountMinor currency } averageOrderValue { amountMinor } } } }`,
    );
    const nps = await ok<{ npsTrend: unknown }>(
      `query { npsTrend(from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { overall { total promoters detractors score } } }`,
    );
    const sizes = await ok<{ segmentSizes: { id: string; memberCount: number }[] }>(
      `query { segmentSizes(limit: 50) { id memberCount } }`,
    );
    const accounts = await t.db.read((em) =>
      em.query(
        `SELECT program_id, balance, lifetime_earned FROM loyalty_accounts WHERE customer_id = $1`,
        [rich.id],
      ),
    );
    return { orders, nps, sizes, accounts };
  };

  it("removes every personal value from the whole database and keeps the figures, ledger and segment sizes", async () => {
    const needles = Object.values(PERSONAL);
    // The values are really there before (so the scan can find them).
    expect((await scanFor(needles)).length).toBeGreaterThan(5);
    const before = await figures();

    const res = await t.gql<{ eraseCustomer: Record<string, unknown> }>(
      ERASE,
      { id: rich.id, r: "GDPR request 2026-118" },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.eraseCustomer).toMatchObject({
      id: rich.id,
      email: null,
      name: null,
      phone: null,
      birthDate: null,
      tags: [],
      attributes: {},
      marketingConsent: false,
      erasedAt: t.clock.now().toISOString(),
    });
    expect(res.data!.eraseCustomer.externalId).toMatch(/^erased:[0-9a-f-]{36}$/);

    expect(await scanFor(needles)).toEqual([]);

    // Segments recomputed after the erasure keep their sizes; analytics and balances are unchanged.
    await t.app.services.segments.refresh(rich.segmentId);
    expect(await figures()).toEqual(before);
    await expect(f.ledgerIsConsistent()).resolves.toBe(true);

    // Scores and choices of the survey answer stay; the open text is gone.
    const [response] = await t.db.read((em) =>
      em.query<{ answers: Record<string, unknown>; nps_score: number }[]>(
        `SELECT answers, nps_score FROM survey_responses WHERE customer_id = $1`,
        [rich.id],
      ),
    );
    expect(response).toEqual({ answers: { nps: 3, channel: "web" }, nps_score: 3 });
    const invitations = await t.db.read((em) =>
      em.query(`SELECT 1 FROM survey_invitations WHERE customer_id = $1`, [rich.id]),
    );
    expect(invitations).toEqual([]);
    const deliveries = await t.db.read((em) =>
      em.query(
        `SELECT 1 FROM webhook_deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.customer_id = $1`,
        [rich.id],
      ),
    );
    expect(deliveries).toEqual([]);

    // Withdrawn consent is on record with the erasure as its source.
    const view = await consentsOf(rich.id);
    expect(view.customer.consents[0]).toMatchObject({
      purpose: "MARKETING_EMAIL",
      granted: false,
      source: "ERASURE",
    });

    // The audit entry says who erased and why, without the erased data.
    const log = await ok<{ auditLog: { edges: { node: { after: Record<string, unknown> } }[] } }>(
      `query($id: String) { auditLog(filter: { entityType: CUSTOMER, entityId: $id, action: "erased" }) { edges { node { after } } } }`,
      { id: rich.id },
    );
    expect(log.auditLog.edges[0]!.node.after).toMatchObject({ reason: "GDPR request 2026-118" });
  });

  it("refuses every later write for the erased customer with CONFLICT", async () => {
    const reasonOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => [
      r.errors?.[0]?.extensions?.code,
      r.errors?.[0]?.extensions?.reason,
    ];
    const erased = ["CONFLICT", "CUSTOMER_ERASED"];
    expect(
      reasonOf(
        await t.gql(
          `mutation($id: ID!) { updateCustomer(id: $id, input: { name: "Back" }) { id } }`,
          { id: rich.id },
          t.admin,
        ),
      ),
    ).toEqual(erased);
    expect(
      reasonOf(
        await t.gql(
          `mutation($i: RecordOrderInput!) { recordOrder(input: $i) { id } }`,
          {
            i: {
              customerId: rich.id,
              orderId: "after-erasure",
              currency: "EUR",
              lines: [{ productId: "p", quantity: 1, amountMinor: 100 }],
            },
          },
          t.writeKey,
        ),
      ),
    ).toEqual(erased);
    expect(
      reasonOf(
        await t.gql(
          RECORD_CONSENT,
          { i: { customerId: rich.id, purpose: "PROFILING", granted: true, source: "API" } },
          t.writeKey,
        ),
      ),
    ).toEqual(erased);
    expect(
      reasonOf(
        await t.gql(
          `mutation($i: LogSupportContactInput!) { logSupportContact(input: $i) { id } }`,
          { i: { customerId: rich.id, kind: "OTHER", subject: "Hello again" } },
          t.writeKey,
        ),
      ),
    ).toEqual(erased);
    expect(
      reasonOf(
        await t.gql(
          `mutation($i: AdjustBalanceInput!) { adjustBalance(input: $i) { id } }`,
          { i: { customerId: rich.id, programId: rich.programId, amount: 5, reason: "x" } },
          t.admin,
        ),
      ),
    ).toEqual(erased);
    expect(
      reasonOf(
        await t.gql(
          `mutation($i: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $i) { id } }`,
          { i: { surveyId: rich.inviteSurveyId, customerId: rich.id, answers: { nps: 9 } } },
          t.writeKey,
        ),
      ),
    ).toEqual(erased);
    expect(reasonOf(await t.gql(ERASE, { id: rich.id, r: "again" }, t.admin))).toEqual(erased);
    const invite = await t.gql<unknown>(
      `mutation($i: SurveyInvitationsInput!) { createSurveyInvitations(input: $i) { surveyId } }`,
      { i: { surveyId: rich.inviteSurveyId, customerIds: [rich.id] } },
      t.admin,
    );
    expect(invite.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(
      (invite.errors?.[0]?.extensions as unknown as { problems: { code: string }[] }).problems[0]!
        .code,
    ).toBe("CUSTOMER_ERASED");
  });

  it("is for admins only, needs a reason and answers NOT_FOUND for an unknown customer", async () => {
    const id = await f.customer({ email: "keep.me@example.nl" });
    for (const as of [await t.createUser("support"), await t.createUser("analyst"), t.writeKey]) {
      const res = await t.gql(ERASE, { id, r: "no" }, as);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const blank = await t.gql(ERASE, { id, r: "  " }, t.admin);
    expect(blank.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = await t.gql(
      ERASE,
      { id: "00000000-0000-4000-8000-000000000000", r: "x" },
      t.admin,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const still = await ok<{ customer: { email: string; erasedAt: string | null } }>(
      `query($id: ID) { customer(id: $id) { email erasedAt } }`,
      { id },
    );
    expect(still.customer).toEqual({ email: "keep.me@example.nl", erasedAt: null });
  });
});
