import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTestServer,
  TEST_NOW,
  type Credentials,
  type TestServer,
} from "../../test-support/server";
import { pointsConfig } from "../../test-support/loyalty-fixtures";
import { surveyFixtures } from "../surveys/survey-fixtures";
import { analyticsFixtures, type FixtureEvent } from "./analytics-fixtures";

let t: TestServer;
let f: ReturnType<typeof analyticsFixtures>;
let surveys: ReturnType<typeof surveyFixtures>;
const at = (iso: string) => new Date(iso);
const Q1 = { from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };

/** Who bought what (EUR unless said): the figures below are worked out from this by hand. */
let c1: string; // VIP: 10.00 and 20.01 in January; 5.00 of the first refunded in February
let c2: string; // 10.00 in January, and 99.99 in USD
let c3: string; // 30.00 in February
let lapsed: string[]; // 20.00 each on 1 May 2025; the first also on 20 May 2026
let vipSegment: string;
let npsSegment: string;
const programs = { points: "", tiered: "", cashback: "" };

function errorOf(res: { errors?: { extensions?: Record<string, unknown> }[] }) {
  const e = res.errors?.[0]?.extensions as { code?: string; problems?: { code: string }[] };
  return [e?.code, ...(e?.problems ?? []).map((p) => p.code)];
}

async function program(name: string, config: object): Promise<string> {
  const { createLoyaltyProgram } = await f.query<{ createLoyaltyProgram: { id: string } }>(
    `mutation($i: LoyaltyProgramInput!) { createLoyaltyProgram(input: $i) { id } }`,
    { i: { name, currency: "EUR", config } },
  );
  return createLoyaltyProgram.id;
}

/** Ledger entries written directly (programs stay drafts, so orders earn nothing). */
async function ledger(
  programId: string,
  customerId: string,
  entries: [kind: string, amount: number, pendingDelta: number, at: string][],
) {
  await t.db.transaction((em) =>
    em.query(
      `INSERT INTO ledger_entries (id, program_id, customer_id, kind, amount, pending_delta, reason, actor, occurred_at, created_at)
       SELECT gen_random_uuid(), $1, $2, e.kind, e.amount, e.pending, 'test', 'test', e.at, e.at
       FROM unnest($3::text[], $4::bigint[], $5::bigint[], $6::timestamptz[]) AS e(kind, amount, pending, at)`,
      [
        programId,
        customerId,
        entries.map((e) => e[0]),
        entries.map((e) => e[1]),
        entries.map((e) => e[2]),
        entries.map((e) => e[3]),
      ],
    ),
  );
}

beforeAll(async () => {
  t = await startTestServer();
  f = analyticsFixtures(t);
  surveys = surveyFixtures(t);
  [c1, c2, c3] = (await f.customersWith(3, (i) => (i === 0 ? ["vip"] : []))) as [
    string,
    string,
    string,
  ];
  lapsed = await f.customersWith(4);
  const order = (customerId: string, iso: string, amountMinor: number, currency = "EUR") => ({
    customerId,
    event: { type: "order", at: at(iso), amountMinor, currency } as FixtureEvent,
  });
  const [a] = await f.recordEvents([
    order(c1, "2026-01-05T09:00:00Z", 1000),
    order(c1, "2026-01-20T09:00:00Z", 2001),
    order(c2, "2026-01-10T09:00:00Z", 1000),
    order(c2, "2026-01-11T09:00:00Z", 9999, "USD"),
    order(c3, "2026-02-14T09:00:00Z", 3000),
    ...lapsed.map((c) => order(c, "2025-05-01T09:00:00Z", 2000)),
    order(lapsed[0]!, "2026-05-20T09:00:00Z", 2000),
  ]);
  await f.recordEvents([
    {
      customerId: c1,
      event: { type: "refund", at: at("2026-02-03T09:00:00Z"), amountMinor: 500, orderRef: a },
    },
  ]);
  vipSegment = await f.segment("VIP", "vip");
});
afterAll(async () => {
  await t?.stop();
});

const ORDER_METRICS = `query($from: DateTime, $to: DateTime, $p: AnalyticsPeriod, $seg: ID, $c: String) {
  orderMetrics(from: $from, to: $to, period: $p, segmentId: $seg, currency: $c) {
    currency currencies
    periods { periodStart complete orders customers repeatCustomers repeatPurchaseRate
      revenue { amountMinor currency } refunded { amountMinor } netRevenue { amountMinor }
      averageOrderValue { amountMinor currency } } } }`;

type OrderMetricsAnswer = {
  orderMetrics: {
    currency: string | null;
    currencies: string[];
    periods: {
      periodStart: string;
      orders: number;
      customers: number;
      repeatCustomers: number;
      repeatPurchaseRate: number | null;
      revenue: { amountMinor: number; currency: string } | null;
      refunded: { amountMinor: number } | null;
      netRevenue: { amountMinor: number } | null;
      averageOrderValue: { amountMinor: number; currency: string } | null;
    }[];
  };
};

const eur = (amountMinor: number) => ({ amountMinor, currency: "EUR" });

describe("order metrics", () => {
  it("counts orders, revenue, refunds, AOV and repeat buyers per month in the main currency", async () => {
    const { orderMetrics } = await f.query<OrderMetricsAnswer>(ORDER_METRICS, {
      ...Q1,
      p: "MONTH",
    });
    expect(orderMetrics.currency).toBe("EUR");
    expect(orderMetrics.currencies).toEqual(["EUR", "USD"]);
    expect(orderMetrics.periods).toEqual([
      {
        periodStart: "2026-01-01T00:00:00.000Z",
        complete: true,
        orders: 3,
        customers: 2,
        repeatCustomers: 1,
        repeatPurchaseRate: 50,
        revenue: eur(4001),
        refunded: { amountMinor: 0 },
        netRevenue: { amountMinor: 4001 },
        // 40.01 / 3 = 13.336…, rounded half up to the cent
        averageOrderValue: eur(1334),
      },
      {
        periodStart: "2026-02-01T00:00:00.000Z",
        complete: true,
        orders: 1,
        customers: 1,
        repeatCustomers: 0,
        repeatPurchaseRate: 0,
        revenue: eur(3000),
        // January's order, refunded in February
        refunded: { amountMinor: 500 },
        netRevenue: { amountMinor: 2500 },
        averageOrderValue: eur(3000),
      },
      {
        periodStart: "2026-03-01T00:00:00.000Z",
        complete: true,
        orders: 0,
        customers: 0,
        repeatCustomers: 0,
        repeatPurchaseRate: null,
        revenue: eur(0),
        refunded: { amountMinor: 0 },
        netRevenue: { amountMinor: 0 },
        averageOrderValue: null,
      },
    ]);
  });

  it("counts distinct customers per quarter, not per month, and reports another currency when asked", async () => {
    const quarter = await f.query<OrderMetricsAnswer>(ORDER_METRICS, { ...Q1, p: "QUARTER" });
    expect(quarter.orderMetrics.periods).toEqual([
      expect.objectContaining({
        orders: 4,
        customers: 3,
        repeatCustomers: 1,
        repeatPurchaseRate: 33.3,
        revenue: eur(7001),
        refunded: { amountMinor: 500 },
        averageOrderValue: eur(1750),
      }),
    ]);
    const usd = await f.query<OrderMetricsAnswer>(ORDER_METRICS, { ...Q1, p: "MONTH", c: "USD" });
    expect(usd.orderMetrics.currency).toBe("USD");
    expect(usd.orderMetrics.periods[0]).toMatchObject({
      orders: 1,
      revenue: { amountMinor: 9999, currency: "USD" },
    });
  });

  it("limits the figures to a segment's members", async () => {
    const { orderMetrics } = await f.query<OrderMetricsAnswer>(ORDER_METRICS, {
      ...Q1,
      p: "MONTH",
      seg: vipSegment,
    });
    expect(orderMetrics.currencies).toEqual(["EUR"]);
    expect(orderMetrics.periods.map((p) => [p.orders, p.customers, p.repeatPurchaseRate])).toEqual([
      [2, 1, 100],
      [0, 0, null],
      [0, 0, null],
    ]);
    expect(orderMetrics.periods[0]!.averageOrderValue).toEqual(eur(1501));
    expect(orderMetrics.periods[1]!.refunded).toEqual({ amountMinor: 500 });
  });

  it("refuses a currency that is not an ISO code", async () => {
    const res = await t.gql(ORDER_METRICS, { c: "euro" }, t.admin);
    expect(errorOf(res)).toEqual(["BAD_USER_INPUT", "INVALID_CURRENCY"]);
  });
});

const CLV = `query($id: ID!, $c: String, $ppy: Float, $life: Float) {
  customerLifetimeValue(customerId: $id, currency: $c, purchasesPerYear: $ppy, expectedLifespanYears: $life) {
    customerId currency orders historic { amountMinor currency } predictive { amountMinor currency }
    inputs { averageOrderValue { amountMinor } purchasesPerYear purchasesPerYearSource
      expectedLifespanYears expectedLifespanSource annualChurnRate } } }`;

describe("customer lifetime value", () => {
  it("is net paid minus refunds to date, and AOV × orders a year × 1 / annual churn ahead", async () => {
    const { customerLifetimeValue } = await f.query<{ customerLifetimeValue: unknown }>(CLV, {
      id: c1,
    });
    // Active at 1 June 2025: the four who ordered on 1 May; at 1 June 2026 one of them: 75% churn.
    expect(customerLifetimeValue).toEqual({
      customerId: c1,
      currency: "EUR",
      orders: 2,
      historic: eur(2501),
      // 15.01 (AOV) × 2 orders in the last year × 1.333… years
      predictive: eur(4003),
      inputs: {
        averageOrderValue: { amountMinor: 1501 },
        purchasesPerYear: 2,
        purchasesPerYearSource: "CUSTOMER",
        expectedLifespanYears: 100 / 75,
        expectedLifespanSource: "SHOP",
        annualChurnRate: 75,
      },
    });
  });

  it("takes given inputs and other currencies", async () => {
    const given = await f.query<{ customerLifetimeValue: Record<string, unknown> }>(CLV, {
      id: c1,
      ppy: 2.5,
      life: 3,
    });
    expect(given.customerLifetimeValue).toMatchObject({
      predictive: eur(11258),
      inputs: {
        purchasesPerYearSource: "GIVEN",
        expectedLifespanSource: "GIVEN",
        annualChurnRate: null,
      },
    });
    const usd = await f.query<{ customerLifetimeValue: Record<string, unknown> }>(CLV, {
      id: c2,
      c: "USD",
    });
    expect(usd.customerLifetimeValue).toMatchObject({
      orders: 1,
      historic: { amountMinor: 9999, currency: "USD" },
    });
  });

  it("is NOT_FOUND for an unknown customer and refuses negative inputs", async () => {
    expect(errorOf(await t.gql(CLV, { id: randomUUID() }, t.admin))).toEqual(["NOT_FOUND"]);
    expect(errorOf(await t.gql(CLV, { id: c1, ppy: -1 }, t.admin))).toEqual([
      "BAD_USER_INPUT",
      "OUT_OF_RANGE",
    ]);
  });
});

const CLV_SUMMARY = `query($seg: ID, $c: String, $b: Int, $w: Int) {
  clvSummary(segmentId: $seg, currency: $c, buckets: $b, bucketWidthMinor: $w) {
    currency currencies customers totalHistoric { amountMinor } averageHistoric { amountMinor currency }
    bucketWidthMinor buckets { fromMinor toMinor customers } } }`;

type ClvSummaryAnswer = {
  clvSummary: {
    currency: string | null;
    currencies: string[];
    customers: number;
    totalHistoric: { amountMinor: number } | null;
    averageHistoric: { amountMinor: number; currency: string } | null;
    bucketWidthMinor: number;
    buckets: { fromMinor: number; toMinor: number | null; customers: number }[];
  };
};

describe("CLV summary", () => {
  it("averages historic CLV over the customers who bought and buckets it for a histogram", async () => {
    const { clvSummary } = await f.query<ClvSummaryAnswer>(CLV_SUMMARY);
    // 25.01, 10.00, 30.00, 40.00, 20.00, 20.00, 20.00
    expect(clvSummary).toMatchObject({
      currency: "EUR",
      currencies: ["EUR", "USD"],
      customers: 7,
      totalHistoric: { amountMinor: 16501 },
      averageHistoric: eur(2357),
      // a round width whose ten buckets reach 3 × the average
      bucketWidthMinor: 1000,
    });
    expect(clvSummary.buckets.map((b) => b.customers)).toEqual([0, 1, 4, 1, 1, 0, 0, 0, 0, 0]);
    expect(clvSummary.buckets.at(-1)).toEqual({ fromMinor: 9000, toMinor: null, customers: 0 });
  });

  it("takes a bucket width and count, a currency and a segment", async () => {
    const fixed = await f.query<ClvSummaryAnswer>(CLV_SUMMARY, { b: 3, w: 2000 });
    expect(fixed.clvSummary.buckets).toEqual([
      { fromMinor: 0, toMinor: 2000, customers: 1 },
      { fromMinor: 2000, toMinor: 4000, customers: 5 },
      { fromMinor: 4000, toMinor: null, customers: 1 },
    ]);
    // A width the rounded values do not add up into is counted customer by customer.
    const odd = await f.query<ClvSummaryAnswer>(CLV_SUMMARY, { b: 10, w: 1234 });
    expect(odd.clvSummary.buckets.map((b) => b.customers)).toEqual([1, 3, 2, 1, 0, 0, 0, 0, 0, 0]);
    const usd = await f.query<ClvSummaryAnswer>(CLV_SUMMARY, { c: "USD" });
    expect(usd.clvSummary).toMatchObject({ customers: 1, averageHistoric: { amountMinor: 9999 } });
    const vip = await f.query<ClvSummaryAnswer>(CLV_SUMMARY, { seg: vipSegment });
    expect(vip.clvSummary).toMatchObject({ customers: 1, averageHistoric: eur(2501) });
    const bad = await t.gql(CLV_SUMMARY, { b: 0 }, t.admin);
    expect(errorOf(bad)).toEqual(["BAD_USER_INPUT", "OUT_OF_RANGE"]);
  });
});

const LOYALTY = `query($pid: ID, $v: Float, $p: AnalyticsPeriod, $from: DateTime, $to: DateTime) {
  loyaltyMetrics(programId: $pid, valuePerPointMinor: $v, period: $p, from: $from, to: $to) {
    valuePerPointMinor unit
    programs { programId name type unit currency outstanding pending liability { amountMinor currency } }
    liability { amountMinor currency }
    periods { periodStart earned burned expired adjusted reversed redemptionRate outstandingAtEnd
      liabilityAtEnd { amountMinor currency } } } }`;

describe("loyalty metrics", () => {
  beforeAll(async () => {
    programs.points = await program("Points", pointsConfig());
    programs.tiered = await program("Club", {
      type: "tiered",
      earning: { rate: { points: 1, perMinor: 100 } },
      tiers: [{ code: "bronze", name: "Bronze", threshold: 0 }],
      qualification: { basis: "points_earned", window: { kind: "calendar_year" } },
      downgradePolicy: "drop_one",
    });
    programs.cashback = await program("Cashback", { type: "cashback", rateBasisPoints: 100 });
    await ledger(programs.points, c1, [
      ["earn", 200, 0, "2025-12-10T10:00:00Z"],
      ["earn", 100, 0, "2026-01-05T10:00:00Z"],
      ["earn", 50, 0, "2026-01-20T10:00:00Z"],
      ["pending", 0, 30, "2026-01-21T10:00:00Z"],
      ["burn", -40, 0, "2026-01-25T10:00:00Z"],
    ]);
    await ledger(programs.points, c2, [
      ["expire", -10, 0, "2026-02-01T00:00:00Z"],
      ["adjust", 5, 0, "2026-02-02T10:00:00Z"],
      ["reverse", -20, -10, "2026-02-03T10:00:00Z"],
      ["unlock", 20, -20, "2026-02-20T10:00:00Z"],
    ]);
    await ledger(programs.tiered, c3, [["earn", 1000, 0, "2026-01-15T10:00:00Z"]]);
    await ledger(programs.cashback, c3, [["earn", 250, 0, "2026-03-15T10:00:00Z"]]);
  });

  it("values outstanding points and tracks earning, redemption and expiry per period", async () => {
    const { loyaltyMetrics } = await f.query<{ loyaltyMetrics: Record<string, unknown> }>(LOYALTY, {
      pid: programs.points,
      v: 0.5,
      p: "MONTH",
      ...Q1,
    });
    expect(loyaltyMetrics).toEqual({
      valuePerPointMinor: 0.5,
      unit: "POINTS",
      programs: [
        {
          programId: programs.points,
          name: "Points",
          type: "POINTS",
          unit: "POINTS",
          currency: "EUR",
          outstanding: 305,
          pending: 0,
          // 305 points at half a cent, rounded half up
          liability: eur(153),
        },
      ],
      liability: [eur(153)],
      periods: [
        {
          periodStart: "2026-01-01T00:00:00.000Z",
          // 100 + 50 at once and 30 pending
          earned: 180,
          burned: 40,
          expired: 0,
          adjusted: 0,
          reversed: 0,
          redemptionRate: 22.2,
          outstandingAtEnd: 310,
          liabilityAtEnd: eur(155),
        },
        {
          periodStart: "2026-02-01T00:00:00.000Z",
          earned: 0,
          burned: 0,
          expired: 10,
          adjusted: 5,
          reversed: 30,
          redemptionRate: null,
          outstandingAtEnd: 305,
          liabilityAtEnd: eur(153),
        },
        {
          periodStart: "2026-03-01T00:00:00.000Z",
          earned: 0,
          burned: 0,
          expired: 0,
          adjusted: 0,
          reversed: 0,
          redemptionRate: null,
          outstandingAtEnd: 305,
          liabilityAtEnd: eur(153),
        },
      ],
    });
  });

  it("adds up every points program by default and values store credit at face value", async () => {
    const all = await f.query<{
      loyaltyMetrics: {
        programs: { name: string }[];
        liability: unknown[];
        periods: { earned: number }[];
      };
    }>(LOYALTY, { p: "QUARTER", ...Q1 });
    expect(all.loyaltyMetrics.programs.map((p) => p.name)).toEqual(["Club", "Points"]);
    expect(all.loyaltyMetrics.liability).toEqual([eur(1305)]);
    expect(all.loyaltyMetrics.periods.map((p) => p.earned)).toEqual([1180]);
    const credit = await f.query<{ loyaltyMetrics: Record<string, unknown> }>(LOYALTY, {
      pid: programs.cashback,
      v: 7,
      ...Q1,
    });
    expect(credit.loyaltyMetrics).toMatchObject({
      unit: "CREDIT",
      liability: [eur(250)],
      programs: [expect.objectContaining({ outstanding: 250, liability: eur(250) })],
    });
  });

  it("is NOT_FOUND for an unknown program and refuses a negative value per point", async () => {
    expect(errorOf(await t.gql(LOYALTY, { pid: randomUUID() }, t.admin))).toEqual(["NOT_FOUND"]);
    expect(errorOf(await t.gql(LOYALTY, { v: -1 }, t.admin))).toEqual([
      "BAD_USER_INPUT",
      "OUT_OF_RANGE",
    ]);
  });
});

const NPS = `query($from: DateTime, $to: DateTime, $p: AnalyticsPeriod, $seg: ID) {
  npsTrend(from: $from, to: $to, period: $p, segmentId: $seg) {
    overall { score promoters passives detractors total }
    periods { periodStart nps { score total distribution confidence { level n } } } } }`;

type NpsAnswer = {
  npsTrend: {
    overall: { score: number | null; total: number };
    periods: {
      periodStart: string;
      nps: {
        score: number | null;
        total: number;
        distribution: number[];
        confidence: { level: string; n: number };
      };
    }[];
  };
};

describe("NPS trend", () => {
  beforeAll(async () => {
    const surveyId = await surveys.survey();
    const answer = async (iso: string, scores: number[], tags: string[] = []) => {
      t.clock.set(at(iso));
      for (const nps of scores)
        await surveys.answered(surveyId, await surveys.customer({ tags }), { nps });
      t.clock.set(TEST_NOW);
    };
    await answer("2026-01-10T10:00:00Z", [10, 9], ["nps-fans"]);
    await answer("2026-01-12T10:00:00Z", [7, 3]);
    await answer("2026-02-28T23:59:59Z", [0, 6]);
    await answer("2026-04-01T00:00:00Z", [10]);
    npsSegment = await f.segment("NPS fans", "nps-fans");
  });

  it("scores every NPS answer per month with the domain's formula and confidence", async () => {
    const { npsTrend } = await f.query<NpsAnswer>(NPS, { ...Q1, p: "MONTH" });
    // 2 promoters, 1 passive, 3 detractors of 6: (2 - 3) / 6
    expect(npsTrend.overall).toEqual({
      score: -16.7,
      promoters: 2,
      passives: 1,
      detractors: 3,
      total: 6,
    });
    expect(npsTrend.periods.map((p) => [p.nps.score, p.nps.total, p.nps.confidence.level])).toEqual(
      [
        [25, 4, "INSUFFICIENT"],
        [-100, 2, "INSUFFICIENT"],
        [null, 0, "INSUFFICIENT"],
      ],
    );
    expect(npsTrend.periods[0]!.nps.distribution).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]);
  });

  it("groups months into quarters and limits answers to a segment", async () => {
    const quarters = await f.query<NpsAnswer>(NPS, {
      from: "2026-01-01T00:00:00Z",
      to: "2026-06-01T00:00:00Z",
      p: "QUARTER",
    });
    expect(quarters.npsTrend.periods.map((p) => [p.periodStart, p.nps.score, p.nps.total])).toEqual(
      [
        ["2026-01-01T00:00:00.000Z", -16.7, 6],
        ["2026-04-01T00:00:00.000Z", 100, 1],
      ],
    );
    const fans = await f.query<NpsAnswer>(NPS, { ...Q1, p: "MONTH", seg: npsSegment });
    expect(fans.npsTrend.periods.map((p) => p.nps.score)).toEqual([100, null, null]);
  });
});

describe("segment sizes", () => {
  it("lists the largest saved segments first", async () => {
    const { segmentSizes } = await f.query<{
      segmentSizes: { name: string; memberCount: number }[];
    }>(`query { segmentSizes(limit: 5) { name memberCount } }`);
    expect(segmentSizes).toEqual([
      { name: "NPS fans", memberCount: 2 },
      { name: "VIP", memberCount: 1 },
    ]);
    const bad = await t.gql(`query { segmentSizes(limit: 0) { name } }`, {}, t.admin);
    expect(errorOf(bad)).toEqual(["BAD_USER_INPUT", "OUT_OF_RANGE"]);
  });
});

const DASHBOARD = `query($from: DateTime, $to: DateTime, $seg: ID) {
  dashboard(from: $from, to: $to, period: MONTH, segmentId: $seg) {
    from to period segmentId
    retention { source periods { atStart atEnd retentionRate churnRate } }
    orders { currency periods { orders revenue { amountMinor } averageOrderValue { amountMinor } repeatPurchaseRate } }
    clv { customers averageHistoric { amountMinor } }
    loyalty(valuePerPointMinor: 0.5) { liability { amountMinor currency } periods { earned burned } }
    nps { overall { score total } periods { nps { score } } }
    segmentSizes(limit: 2) { name memberCount sizeHistory { size } }
  } }`;

describe("dashboard", () => {
  it("composes the measures over one range and computes only the parts asked for", async () => {
    const full = await t.gql<{ dashboard: Record<string, unknown> }>(DASHBOARD, Q1, t.admin);
    expect(full.errors ?? []).toEqual([]);
    const d = full.data!.dashboard as Record<string, { periods?: unknown[] }>;
    expect(d).toMatchObject({
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
      period: "MONTH",
      segmentId: null,
      clv: { customers: 7, averageHistoric: { amountMinor: 2357 } },
      loyalty: { liability: [eur(653)] },
      nps: { overall: { score: -16.7, total: 6 } },
      segmentSizes: [
        { name: "NPS fans", memberCount: 2, sizeHistory: [{ size: 2 }] },
        { name: "VIP", memberCount: 1, sizeHistory: [{ size: 1 }] },
      ],
    });
    const alone = await f.query<{ orderMetrics: unknown; retention: unknown }>(
      `query { orderMetrics(from: "${Q1.from}", to: "${Q1.to}") { currency periods { orders revenue { amountMinor } averageOrderValue { amountMinor } repeatPurchaseRate } }
               retention(from: "${Q1.from}", to: "${Q1.to}") { source periods { atStart atEnd retentionRate churnRate } } }`,
    );
    expect(d.orders).toEqual(alone.orderMetrics);
    expect(d.retention).toEqual(alone.retention);

    const bare = await t.gql(
      `query { dashboard(period: QUARTER) { from to period } }`,
      {},
      t.admin,
    );
    expect(bare.errors ?? []).toEqual([]);
    // Only the session lookup: no measure is computed.
    expect(bare.extensions?.queryCount).toBe(1);
    expect(full.extensions?.queryCount).toBeGreaterThan(6);
  });

  it("limits the customer measures to a segment and refuses an unknown one", async () => {
    const vip = await f.query<{ dashboard: { clv: { customers: number }; segmentId: string } }>(
      `query($seg: ID) { dashboard(segmentId: $seg) { segmentId clv { customers } } }`,
      { seg: vipSegment },
    );
    expect(vip.dashboard).toEqual({ segmentId: vipSegment, clv: { customers: 1 } });
    const res = await t.gql(DASHBOARD, { seg: randomUUID() }, t.admin);
    expect(errorOf(res)).toEqual(["NOT_FOUND"]);
  });

  it("needs customers:read: a write-only key is FORBIDDEN, nobody is UNAUTHENTICATED", async () => {
    const writeOnly: Credentials = await t.createKey(["write"]);
    const readOnly: Credentials = await t.createKey(["read"]);
    expect(errorOf(await t.gql(DASHBOARD, Q1, writeOnly))).toEqual(["FORBIDDEN"]);
    expect(errorOf(await t.gql(DASHBOARD, Q1, null))).toEqual(["UNAUTHENTICATED"]);
    expect((await t.gql(DASHBOARD, Q1, readOnly)).errors ?? []).toEqual([]);
  });
});

describe("figures stay exact as orders keep coming", () => {
  it("counts an order recorded after the totals were folded", async () => {
    const before = await f.query<OrderMetricsAnswer>(ORDER_METRICS, { ...Q1, p: "MONTH" });
    const [c5] = await f.customersWith(1);
    await f.recordEvents([
      {
        customerId: c5!,
        event: { type: "order", at: at("2026-03-31T23:59:59.999Z"), amountMinor: 1500 },
      },
    ]);
    const after = await f.query<OrderMetricsAnswer>(ORDER_METRICS, { ...Q1, p: "MONTH" });
    expect(before.orderMetrics.periods[2]!.orders).toBe(0);
    expect(after.orderMetrics.periods[2]).toMatchObject({
      orders: 1,
      customers: 1,
      revenue: eur(1500),
    });
    // And once folded into the totals.
    await t.app.services.analytics.compact(true);
    const folded = await f.query<OrderMetricsAnswer>(ORDER_METRICS, { ...Q1, p: "MONTH" });
    expect(folded.orderMetrics).toEqual(after.orderMetrics);
    expect(await t.count("analytics_period_deltas")).toBe(0);
  });
});
