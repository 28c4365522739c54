import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";
import { DAY_MS, loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

const daysFromNow = (days: number) => new Date(TEST_NOW.getTime() + days * DAY_MS);

type Failure = { code?: string; reason?: string; problems?: { path: string; message: string }[] };
const failure = (res: { errors?: { extensions?: unknown }[] }) =>
  (res.errors?.[0]?.extensions ?? {}) as Failure;

async function setStatus(id: string, status: "ACTIVE" | "PAUSED") {
  const res = await t.gql(
    `mutation($id: ID!, $s: LoyaltyProgramStatus!) { setLoyaltyProgramStatus(id: $id, status: $s) { status } }`,
    { id, s: status },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
}

/** What a customer holds in a program: 0 when the program never enrolled them. */
async function earned(customerId: string, programId: string) {
  const account = await f.account(customerId, programId);
  const ledger = await f.ledger(customerId, programId);
  return { balance: account?.balance ?? 0, entries: ledger.totalCount };
}

describe("a program's validity window and status decide which orders earn", () => {
  it("earns only on orders inside [validFrom, validUntil), by the order's own time", async () => {
    const validFrom = daysFromNow(-20);
    const validUntil = daysFromNow(-10);
    const res = await t.gql<{ createLoyaltyProgram: { id: string } }>(
      `mutation($i: LoyaltyProgramInput!) { createLoyaltyProgram(input: $i) { id } }`,
      {
        i: {
          name: "Spring promotion",
          currency: "EUR",
          validFrom: validFrom.toISOString(),
          validUntil: validUntil.toISOString(),
          config: pointsConfig(),
        },
      },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    const p = res.data!.createLoyaltyProgram.id;
    await setStatus(p, "ACTIVE");

    const before = await f.customer();
    await f.order(before, [{ amountMinor: 1_000 }], { occurredAt: daysFromNow(-25) });
    const justBefore = await f.customer();
    await f.order(justBefore, [{ amountMinor: 1_000 }], {
      occurredAt: new Date(validFrom.getTime() - 1000),
    });
    const after = await f.customer();
    await f.order(after, [{ amountMinor: 1_000 }], { occurredAt: daysFromNow(-5) });
    const atEnd = await f.customer();
    await f.order(atEnd, [{ amountMinor: 1_000 }], { occurredAt: validUntil });
    for (const c of [before, justBefore, after, atEnd])
      expect(await earned(c, p)).toEqual({ balance: 0, entries: 0 });

    const atStart = await f.customer();
    await f.order(atStart, [{ amountMinor: 2_000 }], { occurredAt: validFrom });
    const inside = await f.customer();
    await f.order(inside, [{ amountMinor: 4_000 }], { occurredAt: daysFromNow(-15) });
    expect(await earned(atStart, p)).toEqual({ balance: 20, entries: 1 });
    expect(await earned(inside, p)).toEqual({ balance: 40, entries: 1 });
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("earns nothing while paused, and again once active", async () => {
    const p = await f.program("Pausable", pointsConfig());
    await setStatus(p, "PAUSED");
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 3_000 }]);
    expect(await earned(c, p)).toEqual({ balance: 0, entries: 0 });

    await setStatus(p, "ACTIVE");
    await f.order(c, [{ amountMinor: 5_000 }]);
    expect(await earned(c, p)).toEqual({ balance: 50, entries: 1 });

    await setStatus(p, "PAUSED");
    await f.order(c, [{ amountMinor: 7_000 }]);
    expect(await earned(c, p)).toEqual({ balance: 50, entries: 1 });
  });
});

describe("redemption eligibility", () => {
  const tiered = {
    type: "tiered",
    earning: { rate: { points: 1, perMinor: 100 } },
    tiers: [
      { code: "bronze", name: "Bronze", threshold: 0 },
      { code: "gold", name: "Gold", threshold: 500 },
    ],
    qualification: { basis: "points_earned", window: { kind: "rolling", months: 12 } },
  };

  it("refuses a reward of a tier or segment the customer is not in (NOT_ELIGIBLE), and honours its window", async () => {
    const p = await f.program("Eligibility tiers", tiered);
    const gold = await f.customer();
    const bronze = await f.customer();
    await f.order(gold, [{ amountMinor: 60_000 }]); // 600 pts: gold
    await f.order(bronze, [{ amountMinor: 10_000 }]); // 100 pts: bronze
    expect((await f.account(gold, p))?.tier?.code).toBe("gold");
    expect((await f.account(bronze, p))?.tier?.code).toBe("bronze");

    const goldOnly = await f.reward(p, { name: "Gold lounge", cost: 10, tierCodes: ["gold"] });
    const refused = await f.redeem(bronze, goldOnly);
    expect(failure(refused)).toMatchObject({ code: "CONFLICT", reason: "NOT_ELIGIBLE" });
    expect(refused.data).toBeNull();
    expect((await f.redeem(gold, goldOnly)).errors ?? []).toEqual([]);

    const segment = await t.gql<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      {
        i: {
          name: "Gold members",
          rule: {
            version: 1,
            root: {
              type: "condition",
              kind: "loyalty_tier",
              args: { programId: p, tierCodes: ["gold"] },
            },
          },
        },
      },
      t.admin,
    );
    expect(segment.errors ?? []).toEqual([]);
    await t.app.services.jobs.runReady();
    const members = await f.reward(p, {
      name: "Members' gift",
      cost: 10,
      segmentIds: [segment.data!.createSegment.id],
    });
    expect(failure(await f.redeem(bronze, members))).toMatchObject({
      code: "CONFLICT",
      reason: "NOT_ELIGIBLE",
    });
    expect((await f.redeem(gold, members)).errors ?? []).toEqual([]);

    const expired = await f.reward(p, {
      name: "Last season's mug",
      cost: 10,
      validFrom: daysFromNow(-30).toISOString(),
      validUntil: daysFromNow(-1).toISOString(),
    });
    expect(failure(await f.redeem(gold, expired))).toMatchObject({
      code: "CONFLICT",
      reason: "EXPIRED",
    });
    const upcoming = await f.reward(p, {
      name: "Next season's mug",
      cost: 10,
      validFrom: daysFromNow(1).toISOString(),
    });
    expect(failure(await f.redeem(gold, upcoming))).toMatchObject({
      code: "CONFLICT",
      reason: "NOT_YET_VALID",
    });

    // Refusals spend nothing: bronze kept everything, gold paid for the two redemptions only.
    expect((await f.account(bronze, p))?.balance).toBe(100);
    expect((await f.account(gold, p))?.balance).toBe(600 - 20);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("refuses cashback below the minimum payout (BELOW_MINIMUM_PAYOUT), then pays out once reached", async () => {
    const p = await f.program("Cashback with minimum", {
      type: "cashback",
      rateBasisPoints: 1_000,
      minimumPayoutMinor: 1_000,
    });
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 5_000 }]); // 500 credit
    const voucher = await f.reward(p, {
      kind: "DISCOUNT_AMOUNT",
      name: "€1 off",
      cost: 100,
      valueMinor: 100,
    });
    expect(failure(await f.redeem(c, voucher))).toMatchObject({
      code: "CONFLICT",
      reason: "BELOW_MINIMUM_PAYOUT",
    });
    expect((await f.account(c, p))?.balance).toBe(500);

    await f.order(c, [{ amountMinor: 6_000 }]); // 1100 credit
    expect((await f.redeem(c, voucher)).errors ?? []).toEqual([]);
    expect((await f.account(c, p))?.balance).toBe(1_000);
  });
});

describe("rewards are bought only with a spendable balance", () => {
  const configs: Record<string, object> = {
    points: pointsConfig(),
    tiered: {
      type: "tiered",
      earning: { rate: { points: 1, perMinor: 100 } },
      tiers: [{ code: "bronze", name: "Bronze", threshold: 0 }],
      qualification: { basis: "points_earned", window: { kind: "calendar_year" } },
    },
    cashback: { type: "cashback", rateBasisPoints: 500 },
    punch_card: { type: "punch_card", punchesRequired: 5, rewardDescription: "A free coffee" },
    referral: { type: "referral", referrerPoints: 100, refereePoints: 50 },
    spend: {
      type: "spend",
      thresholds: [{ code: "first", spendMinor: 10_000, rewardDescription: "A gift" }],
    },
    paid_membership: {
      type: "paid_membership",
      plan: "plus",
      feeMinor: 500,
      billingPeriod: "month",
      perks: ["Free shipping"],
    },
  };
  const createReward = (programId: string) =>
    t.gql<{ createReward: { id: string } }>(
      `mutation($p: ID!, $i: RewardInput!) { createReward(programId: $p, input: $i) { id } }`,
      { p: programId, i: { kind: "GIFT", name: "Tote bag", cost: 10 } },
      t.admin,
    );

  it("offers rewards to buy in points, tiered, cashback, punch card and referral programs", async () => {
    for (const type of ["points", "tiered", "cashback", "punch_card", "referral"]) {
      const p = await f.program(`Catalog ${type}`, configs[type]!, false);
      const res = await createReward(p);
      expect(res.errors ?? [], type).toEqual([]);
    }
  });

  it("keeps a spend program's rewards for its thresholds: granted, never bought with the spend", async () => {
    const p = await f.program("Spend catalog", configs.spend!);
    const gift = await createReward(p);
    expect(gift.errors ?? []).toEqual([]);
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 20_000 }]); // spend 20 000, far above the gift's cost of 10
    expect((await f.account(c, p))?.balance).toBe(20_000);
    const redemptions = await t.count("redemptions");
    const res = await f.redeem(c, gift.data!.createReward.id);
    expect(failure(res)).toMatchObject({ code: "CONFLICT", reason: "NOT_REDEEMABLE" });
    expect(res.errors?.[0]?.message).toContain("spend program");
    expect((await f.account(c, p))?.balance).toBe(20_000);
    expect(await t.count("redemptions")).toBe(redemptions);
  });

  it("never lets a paid membership's fees buy a reward", async () => {
    const p = await f.program("Membership catalog", configs.paid_membership!);
    const gift = await createReward(p);
    expect(gift.errors ?? []).toEqual([]);
    const c = await f.customer();
    const sub = await t.gql(
      `mutation($i: RecordSubscriptionChangeInput!) { recordSubscriptionChange(input: $i) { id } }`,
      { i: { customerId: c, change: "STARTED", plan: "plus", amountMinor: 500, currency: "EUR" } },
      t.writeKey,
    );
    expect(sub.errors ?? []).toEqual([]);
    const before = (await f.account(c, p))?.balance;
    expect(before).toBeGreaterThanOrEqual(10); // the fee paid is on the balance: enough for the gift
    const res = await f.redeem(c, gift.data!.createReward.id);
    expect(failure(res)).toMatchObject({ code: "CONFLICT", reason: "NOT_REDEEMABLE" });
    expect((await f.account(c, p))?.balance).toBe(before);
  });
});
