import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";
import {
  DAY_MS,
  loyaltyFixtures,
  pointsConfig,
  programsPerTest,
} from "../../test-support/loyalty-fixtures";

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});
// Each test runs with only its own programs active, from the same starting day.
const { travel, program } = programsPerTest(
  () => t,
  () => f,
);

/** Records that `referrer` referred `referred`. */
async function refer(referrer: string, referred: string) {
  const res = await t.gql(
    `mutation($i: RecordReferralInput!) { recordReferral(input: $i) { id } }`,
    { i: { referrerId: referrer, referredId: referred } },
    t.writeKey,
  );
  expect(res.errors ?? []).toEqual([]);
}

/** Referrer 200 points, referee 100, on a first order of at least €20. */
const referral = (extra: Record<string, unknown> = {}) => ({
  type: "referral",
  referrerPoints: 200,
  refereePoints: 100,
  minimumOrderMinor: 2_000,
  ...extra,
});

const tiered = (extra: Record<string, unknown> = {}) => ({
  type: "tiered",
  earning: { rate: { points: 1, perMinor: 100 } },
  tiers: [
    { code: "bronze", name: "Bronze", threshold: 0 },
    { code: "silver", name: "Silver", threshold: 500, earnMultiplier: 1.5 },
    { code: "gold", name: "Gold", threshold: 1000, earnMultiplier: 2 },
  ],
  qualification: { basis: "points_earned", window: { kind: "calendar_year" } },
  downgradePolicy: "drop_one",
  ...extra,
});

describe("tiered programs", () => {
  it("upgrades at once on points earned, keeps the tier when points are spent, and downgrades one tier at period end", async () => {
    const p = await program("Tiers", tiered());
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 60_000 }]); // 600 pts → silver at once
    let acc = await f.account(c, p);
    expect(acc?.tier?.code).toBe("silver");
    expect(acc?.tier?.nextCode).toBe("gold");
    expect(acc?.tier?.remainingToNext).toBe(400);
    expect(acc?.tier?.basis).toBe("POINTS_EARNED");
    expect((await f.outbox("loyalty.tier_changed", c)).at(-1)).toMatchObject({ to: "silver" });

    // Silver earns 1.5x: 500 EUR → 750 pts; 1350 earned in the year → gold.
    await f.order(c, [{ amountMinor: 50_000 }]);
    acc = await f.account(c, p);
    expect(acc?.balance).toBe(600 + 750);
    expect(acc?.tier?.code).toBe("gold");

    // Spending points never lowers a tier: qualification counts points earned.
    const reward = await f.reward(p, { cost: 1300 });
    expect((await f.redeem(c, reward)).errors).toBeUndefined();
    acc = await f.account(c, p);
    expect(acc?.balance).toBe(50);
    expect(acc?.tier?.code).toBe("gold");
    expect(acc?.tier?.qualifyingValue).toBe(1350);

    // The year-end review counts the year that ended: 1350 earned in 2026 keeps gold.
    await travel(new Date("2027-01-01T06:00:00Z"));
    const kept = await f.maintenance();
    expect(kept.tiersChanged).toBe(0);
    expect((await f.account(c, p))?.tier?.code).toBe("gold");

    // Nothing was earned in 2027: drop_one moves gold to silver, not straight to bronze.
    await travel(new Date("2028-01-01T06:00:00Z"));
    const report = await f.maintenance();
    expect(report.tiersChanged).toBe(1);
    acc = await f.account(c, p);
    expect(acc?.tier?.code).toBe("silver");
    expect((await f.outbox("loyalty.tier_changed", c)).at(-1)).toMatchObject({
      from: "gold",
      to: "silver",
      direction: "down",
    });
    // Running it again the same day changes nothing.
    expect((await f.maintenance()).tiersChanged).toBe(0);
  });

  it("holds an overridden tier until its end date, visibly, then re-evaluates", async () => {
    const p = await program("Tiers with override", tiered({ downgradePolicy: "reevaluate" }));
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 1_000 }]);
    const until = new Date("2027-03-01T00:00:00Z").toISOString();
    const noReason = await t.gql(
      `mutation($i: TierOverrideInput!) { setTierOverride(input: $i) { tier { code } } }`,
      { i: { customerId: c, programId: p, tierCode: "gold", until, reason: "" } },
      t.admin,
    );
    expect(noReason.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const set = await t.gql<{
      setTierOverride: { tier: { code: string; override: { tierCode: string } } };
    }>(
      `mutation($i: TierOverrideInput!) { setTierOverride(input: $i) { tier { code override { tierCode } } } }`,
      { i: { customerId: c, programId: p, tierCode: "gold", until, reason: "Influencer deal" } },
      t.admin,
    );
    expect(set.errors ?? []).toEqual([]);
    expect(set.data!.setTierOverride.tier.code).toBe("gold");
    const audit = (await f.ledger(c, p)).edges.find((e) => /override/i.test(e.node.reason));
    expect(audit?.node.reason).toContain("Influencer deal");

    await travel(new Date("2027-01-01T06:00:00Z"));
    await f.maintenance();
    expect((await f.account(c, p))?.tier?.code).toBe("gold");

    await travel(new Date("2028-01-01T06:00:00Z"));
    await f.maintenance();
    expect((await f.account(c, p))?.tier?.code).toBe("bronze");
  });
});

describe("pending points and expiry", () => {
  it("keeps points pending through the return window, then unlocks them", async () => {
    const p = await program("Pending", pointsConfig({ pendingDays: 14 }));
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 20_000 }]);
    let acc = await f.account(c, p);
    expect(acc).toMatchObject({ balance: 0, pending: 200 });
    const reward = await f.reward(p, { cost: 100 });
    expect(
      ((await f.redeem(c, reward)).errors?.[0]?.extensions as { reason?: string }).reason,
    ).toBe("INSUFFICIENT_BALANCE");
    await travel(13 * DAY_MS);
    expect((await f.maintenance()).unlocked).toBe(0);
    await travel(2 * DAY_MS);
    expect((await f.maintenance()).unlocked).toBe(1);
    acc = await f.account(c, p);
    expect(acc).toMatchObject({ balance: 200, pending: 0 });
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("reverses a refund from the order's own pending points first", async () => {
    const p = await program("Pending refunds", pointsConfig({ pendingDays: 30 }));
    const c = await f.customer();
    const o = await f.order(c, [{ amountMinor: 10_000 }]);
    await f.refund(o, 5_000);
    expect(await f.account(c, p)).toMatchObject({ balance: 0, pending: 50 });
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("expires each lot on its own date, oldest first, after a notice", async () => {
    const p = await program(
      "Expiring",
      pointsConfig({ expiry: { kind: "fixed", months: 12 }, expiringNoticeDays: 30 }),
    );
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 10_000 }]); // 100 pts, expire 2027-06-15
    await travel(60 * DAY_MS);
    await f.order(c, [{ amountMinor: 5_000 }]); // 50 pts, expire 2027-08-14
    const reward = await f.reward(p, { cost: 30 });
    expect((await f.redeem(c, reward)).errors).toBeUndefined(); // takes 30 from the oldest lot

    await travel(new Date("2027-05-20T10:00:00Z"));
    expect((await f.maintenance()).expiringNotices).toBe(1);
    expect((await f.outbox("loyalty.points_expiring", c))[0]).toMatchObject({ points: 70 });
    expect((await f.account(c, p))?.expiringSoon?.amount).toBe(70);

    await travel(new Date("2027-06-16T10:00:00Z"));
    expect((await f.maintenance()).expired).toBe(1);
    expect((await f.account(c, p))?.balance).toBe(50);
    const expire = (await f.ledger(c, p)).edges.find((e) => e.node.kind === "EXPIRE");
    expect(expire?.node.amount).toBe(-70);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("lets the whole balance lapse after months without activity", async () => {
    const p = await program(
      "Inactivity",
      pointsConfig({ expiry: { kind: "inactivity", months: 6 } }),
    );
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 10_000 }]);
    await travel(150 * DAY_MS);
    await f.order(c, [{ amountMinor: 1_000 }]); // activity resets the clock
    await travel(150 * DAY_MS);
    await f.maintenance();
    expect((await f.account(c, p))?.balance).toBe(110);
    await travel(40 * DAY_MS);
    await f.maintenance();
    expect((await f.account(c, p))?.balance).toBe(0);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});

describe("other program families", () => {
  it("punch card: the Nth qualifying purchase fills the card, grants a reward code and resets", async () => {
    const p = await program("Coffee card", {
      type: "punch_card",
      punchesRequired: 3,
      minimumOrderMinor: 300,
      categories: ["coffee"],
      rewardDescription: "Free coffee",
    });
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 350, category: "coffee" }]);
    await f.order(c, [{ amountMinor: 200, category: "coffee" }]); // below the minimum
    await f.order(c, [{ amountMinor: 900, category: "tea" }]); // wrong category
    await f.order(c, [{ amountMinor: 400, category: "coffee" }]);
    expect(await f.account(c, p)).toMatchObject({
      balance: 2,
      punchesRequired: 3,
      completedCards: 0,
    });
    await f.order(c, [{ amountMinor: 500, category: "coffee" }]);
    expect(await f.account(c, p)).toMatchObject({ balance: 0, completedCards: 1 });
    const granted = await t.gql<{
      redemptions: { edges: { node: { source: string; code: string; description: string } }[] };
    }>(
      `query($c: ID!) { redemptions(customerId: $c) { edges { node { source code description } } } }`,
      { c },
      t.admin,
    );
    expect(granted.data!.redemptions.edges[0]!.node).toMatchObject({
      source: "punch_card",
      description: "Free coffee",
    });
    expect(granted.data!.redemptions.edges[0]!.node.code).toMatch(/^TRW-/);
  });

  it("cashback: credits a share of spend with per-order and monthly caps and a minimum payout", async () => {
    const p = await program("Cashback", {
      type: "cashback",
      rateBasisPoints: 500,
      perOrderCapMinor: 1_000,
      perPeriodCap: { amountMinor: 1_500, period: "month" },
      minimumPayoutMinor: 2_000,
    });
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 10_000 }]); // 5% = 500
    expect(await f.account(c, p)).toMatchObject({ balance: 500, creditAvailable: 0 });
    await f.order(c, [{ amountMinor: 40_000 }]); // 2000, capped at 1000 per order
    await f.order(c, [{ amountMinor: 40_000 }]); // month cap 1500 leaves 0
    expect((await f.account(c, p))?.balance).toBe(1_500);
    await travel(new Date("2026-07-02T10:00:00Z"));
    await f.order(c, [{ amountMinor: 20_000 }]); // new month: 1000
    expect(await f.account(c, p)).toMatchObject({ balance: 2_500, creditAvailable: 2_500 });
  });

  it("spend: cumulative thresholds each unlock their reward once, refunds do not re-unlock", async () => {
    const p = await program("Spend", {
      type: "spend",
      thresholds: [
        { code: "t100", spendMinor: 10_000, rewardDescription: "Free shipping for a year" },
        { code: "t500", spendMinor: 50_000, rewardDescription: "Gift box" },
      ],
    });
    const c = await f.customer();
    const o = await f.order(c, [{ amountMinor: 12_000 }]);
    expect((await f.account(c, p))?.reachedThresholds).toEqual(["t100"]);
    await f.refund(o);
    await f.order(c, [{ amountMinor: 12_000 }]);
    const acc = await f.account(c, p);
    expect(acc?.reachedThresholds).toEqual(["t100"]);
    expect(acc?.balance).toBe(12_000);
    const rows = await t.db.read((em) =>
      em.query(`SELECT milestone FROM redemptions WHERE customer_id = $1`, [c]),
    );
    expect(rows).toEqual([{ milestone: "t100" }]);
  });

  it("referral: rewards both sides on the referee's first qualifying order, up to the referrer's limit", async () => {
    const p = await program("Referral", referral({ maxPerReferrer: 1 }));
    const referrer = await f.customer();
    const a = await f.customer();
    const b = await f.customer();
    for (const referred of [a, b]) {
      const res = await t.gql(
        `mutation($i: RecordReferralInput!) { recordReferral(input: $i) { id } }`,
        { i: { referrerId: referrer, referredId: referred } },
        t.writeKey,
      );
      expect(res.errors ?? []).toEqual([]);
    }
    await f.order(a, [{ amountMinor: 5_000 }]);
    await f.order(a, [{ amountMinor: 5_000 }]); // second order: nothing more
    await f.order(b, [{ amountMinor: 5_000 }]); // referrer already at the limit
    expect((await f.account(referrer, p))?.balance).toBe(200);
    expect((await f.account(a, p))?.balance).toBe(100);
    expect((await f.account(b, p))?.balance).toBe(100);
  });

  it("referral: an order below the minimum rewards nobody, the next qualifying one rewards both sides once", async () => {
    const p = await program("Referral first qualifying", referral());
    const referrer = await f.customer();
    const referee = await f.customer();
    await refer(referrer, referee);
    await f.order(referee, [{ amountMinor: 1_999 }]); // below the minimum: no reward yet
    expect((await f.account(referrer, p))?.balance ?? 0).toBe(0);
    expect((await f.account(referee, p))?.balance ?? 0).toBe(0);
    await f.order(referee, [{ amountMinor: 5_000 }], { currency: "USD" }); // other currency
    expect((await f.account(referee, p))?.balance ?? 0).toBe(0);
    await f.order(referee, [{ amountMinor: 2_000 }]); // the first qualifying order
    expect((await f.account(referrer, p))?.balance).toBe(200);
    expect((await f.account(referee, p))?.balance).toBe(100);
    await f.order(referee, [{ amountMinor: 9_000 }]); // a later qualifying order: nothing more
    expect((await f.account(referrer, p))?.balance).toBe(200);
    expect((await f.account(referee, p))?.balance).toBe(100);
    const rewards = (await f.ledger(referee, p)).edges.filter((e) => e.node.kind === "EARN");
    expect(rewards).toHaveLength(1);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("referral: referees ordering at the same time never take the referrer past the limit", async () => {
    const p = await program("Referral race", referral({ maxPerReferrer: 2 }));
    const referrer = await f.customer();
    const referees: string[] = [];
    for (let i = 0; i < 8; i++) {
      const referee = await f.customer();
      await refer(referrer, referee);
      referees.push(referee);
    }
    // Each referee's first qualifying order at once (two each, so a referee races itself too).
    await Promise.all(
      referees.flatMap((r) => [
        f.order(r, [{ amountMinor: 3_000 }]),
        f.order(r, [{ amountMinor: 4_000 }]),
      ]),
    );
    const referrerRewards = (await f.ledger(referrer, p)).edges.filter(
      (e) => e.node.kind === "EARN",
    );
    expect(referrerRewards).toHaveLength(2);
    expect((await f.account(referrer, p))?.balance).toBe(400);
    for (const r of referees) {
      // Every referee is welcomed once, whichever of their two orders came first.
      const earned = (await f.ledger(r, p)).edges.filter((e) => e.node.kind === "EARN");
      expect(earned, r).toHaveLength(1);
      expect((await f.account(r, p))?.balance).toBe(100);
    }
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("referral: refunding the referee's order reverses only the referee's own reward, proportionally", async () => {
    const p = await program("Referral refunds", referral());
    const referrer = await f.customer();
    const referee = await f.customer();
    await refer(referrer, referee);
    const o = await f.order(referee, [{ amountMinor: 10_000 }]);
    expect((await f.account(referrer, p))?.balance).toBe(200);
    expect((await f.account(referee, p))?.balance).toBe(100);
    await f.refund(o, 5_000); // half the order: half the referee's reward
    expect((await f.account(referee, p))?.balance).toBe(50);
    expect((await f.account(referrer, p))?.balance).toBe(200);
    const reversal = (await f.ledger(referee, p)).edges.find((e) => e.node.kind === "REVERSE");
    expect(reversal?.node.amount).toBe(-50);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("paid membership: active from subscription events, lapsed after the period and grace, cancelled on cancel", async () => {
    const p = await program("Plus", {
      type: "paid_membership",
      plan: "plus",
      feeMinor: 4_900,
      billingPeriod: "year",
      graceDays: 7,
      perks: ["Free shipping"],
    });
    const c = await f.customer();
    const sub = (change: string) =>
      t.gql(
        `mutation($i: RecordSubscriptionChangeInput!) { recordSubscriptionChange(input: $i) { id } }`,
        { i: { customerId: c, change, plan: "plus", amountMinor: 4_900, currency: "EUR" } },
        t.writeKey,
      );
    expect((await sub("STARTED")).errors).toBeUndefined();
    expect((await f.account(c, p))?.membershipState).toBe("active");
    await travel(370 * DAY_MS);
    expect((await f.account(c, p))?.membershipState).toBe("active");
    await travel(5 * DAY_MS);
    expect((await f.account(c, p))?.membershipState).toBe("lapsed");
    await sub("RENEWED");
    expect((await f.account(c, p))?.membershipState).toBe("active");
    await sub("CANCELLED");
    expect((await f.account(c, p))?.membershipState).toBe("cancelled");
    expect((await f.outbox("loyalty.membership_changed", c)).map((o) => o.to)).toEqual([
      "active",
      "cancelled",
    ]);
  });
});

describe("campaigns and bonuses", () => {
  it("gives double points only to the targeted segment, capped per customer", async () => {
    const p = await program("Campaign points", pointsConfig());
    const vip = await f.customer({ tags: ["vip"] });
    const other = await f.customer();
    const seg = await t.gql<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      {
        i: {
          name: "VIPs for campaign",
          rule: {
            version: 1,
            root: { type: "condition", kind: "tags", args: { op: "contains_any", tags: ["vip"] } },
          },
        },
      },
      t.admin,
    );
    expect(seg.errors ?? []).toEqual([]);
    const campaign = await t.gql(
      `mutation($p: ID!, $i: CampaignInput!) { createLoyaltyCampaign(programId: $p, input: $i) { id } }`,
      {
        p,
        i: {
          name: "Double points for VIPs",
          segmentId: seg.data!.createSegment.id,
          startsAt: new Date(TEST_NOW.getTime() - DAY_MS).toISOString(),
          endsAt: new Date(TEST_NOW.getTime() + 30 * DAY_MS).toISOString(),
          multiplier: 2,
          capPerCustomer: 150,
        },
      },
      t.admin,
    );
    expect(campaign.errors ?? []).toEqual([]);
    await t.app.services.jobs.runReady(); // materialise the segment's members
    await f.order(vip, [{ amountMinor: 10_000 }]); // 100 + 100 extra
    await f.order(vip, [{ amountMinor: 10_000 }]); // 100 + 50 (cap 150)
    await f.order(other, [{ amountMinor: 10_000 }]); // 100
    expect((await f.account(vip, p))?.balance).toBe(350);
    expect((await f.account(other, p))?.balance).toBe(100);
    const badWindow = await t.gql(
      `mutation($p: ID!, $i: CampaignInput!) { createLoyaltyCampaign(programId: $p, input: $i) { id } }`,
      {
        p,
        i: {
          name: "x",
          startsAt: TEST_NOW.toISOString(),
          endsAt: TEST_NOW.toISOString(),
          multiplier: 2,
        },
      },
      t.admin,
    );
    expect(badWindow.errors?.[0]?.extensions?.problems?.[0]?.path).toBe("endsAt");
  });

  it("awards a custom bonus action once per idempotency key", async () => {
    const p = await program(
      "Bonus actions",
      pointsConfig({
        bonuses: { custom: [{ code: "review", label: "Wrote a review", points: 40 }] },
      }),
    );
    const c = await f.customer();
    await t.gql(
      `mutation($p: ID!, $c: LoyaltyCustomerInput!) { enrolCustomer(programId: $p, customer: $c) { balance } }`,
      { p, c: { customerId: c } },
      t.writeKey,
    );
    const award = (key: string) =>
      t.gql<{ awardBonus: number }>(
        `mutation($i: AwardBonusInput!, $k: String) { awardBonus(input: $i, idempotencyKey: $k) }`,
        { i: { customerId: c, programId: p, action: "review" }, k: key },
        t.writeKey,
      );
    expect((await award("review-1")).data?.awardBonus).toBe(40);
    expect((await award("review-1")).data?.awardBonus).toBe(40);
    expect((await f.account(c, p))?.balance).toBe(40);
    const unknown = await t.gql(
      `mutation($i: AwardBonusInput!) { awardBonus(input: $i) }`,
      { i: { customerId: c, programId: p, action: "nope" } },
      t.writeKey,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("reorder reminders", () => {
  it("lists regular buyers whose usual interval has passed, not those still within it", async () => {
    const regular = await f.customer();
    const fresh = await f.customer();
    for (const daysAgo of [100, 70, 40]) {
      await f.order(regular, [{ amountMinor: 1000 }], {
        occurredAt: new Date(TEST_NOW.getTime() - daysAgo * DAY_MS),
      });
      await f.order(fresh, [{ amountMinor: 1000 }], {
        occurredAt: new Date(TEST_NOW.getTime() - (daysAgo - 30) * DAY_MS),
      });
    }
    const res = await t.gql<{
      reorderReminders: { customerId: string; intervalDays: number; overdueDays: number }[];
    }>(
      `query { reorderReminders(first: 50) { customerId intervalDays overdueDays customer { id } } }`,
      {},
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    const ids = res.data!.reorderReminders.map((r) => r.customerId);
    expect(ids).toContain(regular);
    expect(ids).not.toContain(fresh);
    expect(res.data!.reorderReminders.find((r) => r.customerId === regular)).toMatchObject({
      intervalDays: 30,
      overdueDays: 10,
    });
  });
});

describe("earning simulator on a saved program", () => {
  it("tries a draft edit with the program's running campaigns and a chosen tier, writing nothing", async () => {
    const p = await program("Simulated tiers", tiered());
    const campaign = await t.gql(
      `mutation($p: ID!, $i: CampaignInput!) { createLoyaltyCampaign(programId: $p, input: $i) { id } }`,
      {
        p,
        i: {
          name: "Everyone +10",
          startsAt: new Date(TEST_NOW.getTime() - DAY_MS).toISOString(),
          endsAt: new Date(TEST_NOW.getTime() + DAY_MS).toISOString(),
          bonusPoints: 10,
        },
      },
      t.admin,
    );
    expect(campaign.errors ?? []).toEqual([]);
    const before = await t.count("ledger_entries");
    const simulate = (vars: Record<string, unknown>) =>
      t.gql<{ simulateEarning: { earned: number; explanation: string[] } }>(
        `query($p: ID, $c: JSONObject, $tier: String, $o: SimulatedOrderInput!) {
           simulateEarning(programId: $p, config: $c, tierCode: $tier, order: $o) { earned explanation } }`,
        {
          p,
          o: { currency: "EUR", lines: [{ productId: "x", quantity: 1, amountMinor: 10_000 }] },
          ...vars,
        },
        t.admin,
      );
    // Saved configuration, bronze: 100 + 10 campaign bonus.
    expect((await simulate({})).data?.simulateEarning.earned).toBe(110);
    // As a gold member (2x): 200 + 10.
    expect((await simulate({ tier: "gold" })).data?.simulateEarning.earned).toBe(210);
    // A draft edit doubling the base rate, as gold: 400 + 10.
    const draft = tiered();
    draft.earning = { rate: { points: 2, perMinor: 100 } };
    expect((await simulate({ c: draft, tier: "gold" })).data?.simulateEarning.earned).toBe(410);
    const wrongType = await simulate({ c: { type: "cashback", rateBasisPoints: 100 } });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknownTier = await simulate({ tier: "diamond" });
    expect(unknownTier.errors?.[0]?.extensions?.problems?.[0]?.path).toBe("tierCode");
    expect(await t.count("ledger_entries")).toBe(before);
  });
});
