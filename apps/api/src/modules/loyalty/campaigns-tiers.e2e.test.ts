import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";
import {
  DAY_MS,
  loyaltyFixtures,
  pointsConfig,
  programsPerTest,
} from "../../test-support/loyalty-fixtures";

/**
 * End-to-end (over HTTP) checks of two loyalty behaviours the domain package unit-tests:
 * earning campaigns (stacking, exclusivity, segment targeting, time window, per-customer cap)
 * and tier qualification (spend within a rolling window; points earned, never the balance).
 * Every program earns 1 pt per €1 rounded down unless said otherwise, so the expected numbers
 * below follow from the configuration: base = floor(net / 100).
 */

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

const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);

async function campaign(programId: string, input: Record<string, unknown>): Promise<string> {
  const res = await t.gql<{ createLoyaltyCampaign: { id: string } }>(
    `mutation($p: ID!, $i: CampaignInput!) { createLoyaltyCampaign(programId: $p, input: $i) { id } }`,
    {
      p: programId,
      i: {
        startsAt: at(-DAY_MS).toISOString(),
        endsAt: at(30 * DAY_MS).toISOString(),
        ...input,
      },
    },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.createLoyaltyCampaign.id;
}

let orders = 0;
/** Records an order (at the clock's now unless told) and returns its event id. */
async function order(
  customerId: string,
  lines: { amountMinor: number; discountMinor?: number }[],
  occurredAt: Date = t.clock.now(),
): Promise<{ eventId: string; orderId: string }> {
  const orderId = `ct-${++orders}`;
  const res = await t.gql<{ recordOrder: { id: string } }>(
    `mutation($i: RecordOrderInput!) { recordOrder(input: $i) { id } }`,
    {
      i: {
        customerId,
        orderId,
        currency: "EUR",
        occurredAt: occurredAt.toISOString(),
        lines: lines.map((l, i) => ({ productId: `p${i}`, quantity: 1, ...l })),
      },
    },
    t.writeKey,
  );
  expect(res.errors ?? []).toEqual([]);
  return { eventId: res.data!.recordOrder.id, orderId };
}

type Entry = {
  kind: string;
  amount: number;
  pendingDelta: number;
  reason: string;
  sourceEventId: string | null;
  campaignId: string | null;
  redemptionId: string | null;
  details: Record<string, unknown>;
};

async function entries(customerId: string, programId: string): Promise<Entry[]> {
  const res = await t.gql<{ ledgerEntries: { edges: { node: Entry }[] } }>(
    `query($c: ID!, $p: ID!) { ledgerEntries(customerId: $c, programId: $p, first: 200) {
       edges { node { kind amount pendingDelta reason sourceEventId campaignId redemptionId details } } } }`,
    { c: customerId, p: programId },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.ledgerEntries.edges.map((e) => e.node);
}

/**
 * What one order credited in one program, by source: `order` for the order's own points, and
 * each campaign under the label the test gave its id. Only the keys of what was credited.
 */
async function creditedBy(
  customerId: string,
  programId: string,
  eventId: string,
  labels: Record<string, string>,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of await entries(customerId, programId)) {
    if (e.sourceEventId !== eventId) continue;
    expect(e.kind).toBe("EARN");
    const key = e.campaignId === null ? "order" : (labels[e.campaignId] ?? e.campaignId);
    expect(out[key]).toBeUndefined();
    out[key] = e.amount;
  }
  return out;
}

/** The explanation stored on the first entry an order credited. */
async function explanationOf(customerId: string, programId: string, eventId: string) {
  const first = (await entries(customerId, programId)).find(
    (e) => e.sourceEventId === eventId && Array.isArray(e.details.explanation),
  );
  return (first?.details.explanation ?? []) as string[];
}

describe("campaigns over the API", () => {
  it("applies every stackable campaign on the base points, without compounding the multipliers", async () => {
    const p = await program("Stacking", pointsConfig());
    const double = await campaign(p, { name: "Double", multiplier: 2 });
    const half = await campaign(p, { name: "Half again", multiplier: 1.5, stacking: "STACKABLE" });
    const bonus = await campaign(p, { name: "Bonus ten", bonusPoints: 10 });
    const labels = { [double]: "double", [half]: "half", [bonus]: "bonus" };
    const c = await f.customer();

    const { eventId } = await order(c, [{ amountMinor: 4_599 }]);
    // base: floor(45.99) = 45. Each campaign adds base × (multiplier − 1) + bonus, on the base:
    // ×2 → 45, ×1.5 → floor(22.5) = 22, bonus → 10. Compounding (45 × 2 × 1.5) would give 90 extra.
    const base = Math.floor(4_599 / 100);
    const expected = {
      order: base,
      double: base * (2 - 1),
      half: Math.floor(base * 0.5),
      bonus: 10,
    };
    expect(expected).toEqual({ order: 45, double: 45, half: 22, bonus: 10 });
    expect(await creditedBy(c, p, eventId, labels)).toEqual(expected);
    const acc = await f.account(c, p);
    expect(acc?.balance).toBe(45 + 45 + 22 + 10);
    expect(acc?.lifetimeEarned).toBe(122);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("applies an exclusive campaign alone only when it is worth more than all stackables together", async () => {
    // Three programs, one scenario each, all earning on the same order (base 42).
    // Stackables in each: ×2 (+42) and +10, i.e. +52 together.
    const scenario = async (name: string, exclusive: Record<string, unknown>) => {
      const p = await program(name, pointsConfig());
      const labels = {
        [await campaign(p, { name: "Double", multiplier: 2 })]: "double",
        [await campaign(p, { name: "Ten", bonusPoints: 10 })]: "ten",
        [await campaign(p, { name: "Exclusive", stacking: "EXCLUSIVE", ...exclusive })]:
          "exclusive",
      };
      return { p, labels };
    };
    const triple = await scenario("Exclusive triple", { multiplier: 3 }); // +84 > 52: alone
    const tie = await scenario("Exclusive tie", { bonusPoints: 52 }); // 52 = 52: the stackables
    const above = await scenario("Exclusive by one", { bonusPoints: 53 }); // 53 > 52: alone
    const c = await f.customer();
    const { eventId } = await order(c, [{ amountMinor: 4_200 }]);

    expect(await creditedBy(c, triple.p, eventId, triple.labels)).toEqual({
      order: 42,
      exclusive: 84,
    });
    expect(await creditedBy(c, tie.p, eventId, tie.labels)).toEqual({
      order: 42,
      double: 42,
      ten: 10,
    });
    expect(await creditedBy(c, above.p, eventId, above.labels)).toEqual({
      order: 42,
      exclusive: 53,
    });
    expect((await f.account(c, triple.p))?.balance).toBe(126);
    expect((await f.account(c, tie.p))?.balance).toBe(94);
    expect((await f.account(c, above.p))?.balance).toBe(95);
    // The campaigns were created at the same (frozen) instant, so their order is the ids'.
    expect(await explanationOf(c, triple.p, eventId)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Exclusive is exclusive and worth more: (Double, Ten|Ten, Double) not applied$/,
        ),
      ]),
    );
  });

  it("gives a segment-targeted campaign to the segment's members only", async () => {
    const p = await program("Targeted", pointsConfig());
    const vip = await f.customer({ tags: ["vip-ct"] });
    const other = await f.customer({ tags: ["regular"] });
    const seg = await t.gql<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      {
        i: {
          name: "VIPs (campaign e2e)",
          rule: {
            version: 1,
            root: {
              type: "condition",
              kind: "tags",
              args: { op: "contains_any", tags: ["vip-ct"] },
            },
          },
        },
      },
      t.admin,
    );
    expect(seg.errors ?? []).toEqual([]);
    await t.app.services.jobs.runReady(); // materialise the segment's members
    const targeted = await campaign(p, {
      name: "VIP triple",
      multiplier: 3,
      segmentId: seg.data!.createSegment.id,
    });
    const everyone = await campaign(p, { name: "Everyone +5", bonusPoints: 5 });
    const labels = { [targeted]: "vip", [everyone]: "everyone" };

    const a = await order(vip, [{ amountMinor: 2_000 }]); // base 20
    const b = await order(other, [{ amountMinor: 2_000 }]);
    expect(await creditedBy(vip, p, a.eventId, labels)).toEqual({
      order: 20,
      vip: 40, // 20 × (3 − 1)
      everyone: 5,
    });
    expect(await creditedBy(other, p, b.eventId, labels)).toEqual({ order: 20, everyone: 5 });
    expect((await f.account(vip, p))?.balance).toBe(65);
    expect((await f.account(other, p))?.balance).toBe(25);
  });

  it("applies a campaign only within [startsAt, endsAt)", async () => {
    const p = await program("Windowed", pointsConfig());
    const startsAt = at(2 * DAY_MS);
    const endsAt = at(5 * DAY_MS);
    const windowed = await campaign(p, {
      name: "Later double",
      multiplier: 2,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    });
    const past = await campaign(p, {
      name: "Past bonus",
      bonusPoints: 100,
      startsAt: at(-10 * DAY_MS).toISOString(),
      endsAt: at(-DAY_MS).toISOString(),
    });
    const labels = { [windowed]: "double", [past]: "past" };
    const c = await f.customer();

    const before = await order(c, [{ amountMinor: 3_000 }]); // now: before the start
    expect(await creditedBy(c, p, before.eventId, labels)).toEqual({ order: 30 });

    await travel(startsAt); // the start is included
    const first = await order(c, [{ amountMinor: 3_000 }]);
    expect(await creditedBy(c, p, first.eventId, labels)).toEqual({ order: 30, double: 30 });

    await travel(new Date(endsAt.getTime() - 1)); // the last millisecond
    const last = await order(c, [{ amountMinor: 3_000 }]);
    expect(await creditedBy(c, p, last.eventId, labels)).toEqual({ order: 30, double: 30 });

    await travel(endsAt); // the end is excluded
    const after = await order(c, [{ amountMinor: 3_000 }]);
    expect(await creditedBy(c, p, after.eventId, labels)).toEqual({ order: 30 });

    expect((await f.account(c, p))?.balance).toBe(4 * 30 + 2 * 30);
  });

  it("stops a campaign at its per-customer cap while the base keeps earning", async () => {
    const p = await program("Capped", pointsConfig());
    const cap = 100;
    const capped = await campaign(p, { name: "Capped double", multiplier: 2, capPerCustomer: cap });
    const labels = { [capped]: "double" };
    const c = await f.customer();
    // base 42 per order, the campaign adds 42 until the cap: 42, 42, then 100 − 84 = 16, then 0.
    const got: Record<string, number>[] = [];
    const events: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { eventId } = await order(c, [{ amountMinor: 4_200 }]);
      events.push(eventId);
      got.push(await creditedBy(c, p, eventId, labels));
    }
    expect(got).toEqual([
      { order: 42, double: 42 },
      { order: 42, double: 42 },
      { order: 42, double: cap - 84 },
      { order: 42 },
    ]);
    const campaignTotal = (await entries(c, p))
      .filter((e) => e.campaignId === capped)
      .reduce((s, e) => s + e.amount, 0);
    expect(campaignTotal).toBe(cap);
    expect((await f.account(c, p))?.balance).toBe(4 * 42 + cap);
    expect(await explanationOf(c, p, events[2]!)).toContain(
      `Capped double (campaign): +16 pts (cap reached: ${cap} per customer)`,
    );
    expect(await explanationOf(c, p, events[3]!)).toContain(
      "Capped double (campaign): cap reached",
    );

    // The cap is per customer: someone else still gets the full extra.
    const d = await f.customer();
    const other = await order(d, [{ amountMinor: 4_200 }]);
    expect(await creditedBy(d, p, other.eventId, labels)).toEqual({ order: 42, double: 42 });
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("lets the stackables back in once a capped exclusive campaign is worth less", async () => {
    const p = await program("Capped exclusive", pointsConfig());
    const triple = await campaign(p, {
      name: "Capped triple",
      multiplier: 3,
      stacking: "EXCLUSIVE",
      capPerCustomer: 100,
    });
    const ten = await campaign(p, { name: "Ten", bonusPoints: 10 });
    const labels = { [triple]: "triple", [ten]: "ten" };
    const c = await f.customer();
    const got: Record<string, number>[] = [];
    for (let i = 0; i < 3; i++) {
      const { eventId } = await order(c, [{ amountMinor: 4_200 }]);
      got.push(await creditedBy(c, p, eventId, labels));
    }
    // base 42: the exclusive is worth 84, then what is left of its cap (16), both > 10;
    // then 0 < 10, so the stackable applies.
    expect(got).toEqual([
      { order: 42, triple: 84 },
      { order: 42, triple: 16 },
      { order: 42, ten: 10 },
    ]);
    expect((await f.account(c, p))?.balance).toBe(3 * 42 + 100 + 10);
  });
});

const spendTiers = (months: number) => ({
  type: "tiered",
  earning: { rate: { points: 1, perMinor: 100 } },
  tiers: [
    { code: "bronze", name: "Bronze", threshold: 0 },
    { code: "silver", name: "Silver", threshold: 50_000, earnMultiplier: 1.5 },
    { code: "gold", name: "Gold", threshold: 100_000, earnMultiplier: 2 },
  ],
  qualification: { basis: "spend", window: { kind: "rolling", months } },
  downgradePolicy: "reevaluate",
});

describe("tier qualification over the API", () => {
  it("spend basis: upgrades at once when the net spend crosses a threshold", async () => {
    const p = await program("Spend tiers", spendTiers(12));
    const c = await f.customer();
    await order(c, [{ amountMinor: 30_000 }]);
    let acc = await f.account(c, p);
    expect(acc?.tier).toMatchObject({
      code: "bronze",
      basis: "SPEND",
      qualifyingValue: 30_000,
      nextCode: "silver",
      remainingToNext: 50_000 - 30_000,
    });

    // Net 75 000 − 30 000 = 45 000: 75 000 spent in the window → silver. The gross (105 000)
    // would reach gold, and the points earned (300 + 450) are far from any spend threshold.
    await order(c, [{ amountMinor: 75_000, discountMinor: 30_000 }]);
    acc = await f.account(c, p);
    expect(acc?.tier).toMatchObject({
      code: "silver",
      qualifyingValue: 75_000,
      nextCode: "gold",
      remainingToNext: 100_000 - 75_000,
    });
    // The order that upgrades still earns at the tier it was placed in (bronze ×1).
    expect(acc?.balance).toBe(300 + 450);
    expect((await f.outbox("loyalty.tier_changed", c)).at(-1)).toMatchObject({
      programId: p,
      from: "bronze",
      to: "silver",
      direction: "up",
    });

    // From now on silver's ×1.5: 100 + 50.
    await order(c, [{ amountMinor: 10_000 }]);
    acc = await f.account(c, p);
    expect(acc?.balance).toBe(300 + 450 + 150);
    expect(acc?.tier?.qualifyingValue).toBe(85_000);

    // Crossing the next threshold in one order goes straight to gold.
    await order(c, [{ amountMinor: 15_000 }]);
    acc = await f.account(c, p);
    expect(acc?.tier).toMatchObject({ code: "gold", qualifyingValue: 100_000, nextCode: null });
  });

  it("spend basis: spend before the rolling window's start does not count", async () => {
    const months = 3;
    const p = await program("Rolling spend tiers", spendTiers(months));
    // The window is [now − 3 months, now]: TEST_NOW is 2026-06-15T10:00Z, so it opens 2026-03-15T10:00Z.
    const windowStart = new Date("2026-03-15T10:00:00.000Z");
    const c = await f.customer();

    // Alone enough for silver, but a day before the window opens: it does not count.
    await order(c, [{ amountMinor: 60_000 }], new Date(windowStart.getTime() - DAY_MS));
    let acc = await f.account(c, p);
    expect(acc?.balance).toBe(600); // it earns its points all the same
    expect(acc?.tier).toMatchObject({ code: "bronze", qualifyingValue: 0 });

    // Inside the window (a day after it opens), though recorded late: it counts.
    await order(c, [{ amountMinor: 20_000 }], new Date(windowStart.getTime() + DAY_MS));
    acc = await f.account(c, p);
    expect(acc?.tier).toMatchObject({ code: "bronze", qualifyingValue: 20_000 });

    // 20 000 + 30 000 = 50 000 in the window: silver at once.
    await order(c, [{ amountMinor: 30_000 }]);
    acc = await f.account(c, p);
    expect(acc?.tier).toMatchObject({ code: "silver", qualifyingValue: 50_000 });

    // Two days on, the window has rolled past the 20 000 order: the value drops to 30 000, but
    // the tier holds until the downgrade evaluation (no downgrade on a read).
    await travel(at(2 * DAY_MS));
    acc = await f.account(c, p);
    expect(acc?.tier).toMatchObject({ code: "silver", qualifyingValue: 30_000 });
  });

  // An order that earns no points (here €0.50 at 1 pt per €1, rounded down) still moves the
  // spend that qualifies, so it upgrades at once like any other.
  it("spend basis: an order that crosses the threshold upgrades even when it earns no points", async () => {
    const p = await program("Spend tiers, small order", spendTiers(12));
    const c = await f.customer();
    await order(c, [{ amountMinor: 49_950 }]); // 499 pts, 50 short of silver
    expect((await f.account(c, p))?.tier).toMatchObject({ code: "bronze", remainingToNext: 50 });
    await order(c, [{ amountMinor: 50 }]); // floor(0.5) = 0 pts, spend 50 000
    const acc = await f.account(c, p);
    expect(acc?.balance).toBe(499);
    expect(acc?.tier?.qualifyingValue).toBe(50_000);
    expect(acc?.tier?.code).toBe("silver");
  });

  it("points basis: a redemption lowers the balance, never the points earned that qualify", async () => {
    const p = await program("Points tiers", {
      type: "tiered",
      earning: { rate: { points: 1, perMinor: 100 } },
      tiers: [
        { code: "bronze", name: "Bronze", threshold: 0 },
        { code: "silver", name: "Silver", threshold: 500 },
        { code: "gold", name: "Gold", threshold: 800 },
      ],
      qualification: { basis: "points_earned", window: { kind: "rolling", months: 12 } },
    });
    const c = await f.customer();
    await order(c, [{ amountMinor: 40_000 }]); // 400 earned
    const reward = await f.reward(p, { cost: 300 });
    const redeemed = await f.redeem(c, reward);
    expect(redeemed.errors ?? []).toEqual([]);
    let acc = await f.account(c, p);
    expect(acc?.balance).toBe(100);
    expect(acc?.tier).toMatchObject({
      code: "bronze",
      qualifyingValue: 400,
      remainingToNext: 100,
      basis: "POINTS_EARNED",
    });

    // +150 earned: 550 ≥ 500 → silver at once, although the balance (250) is below 500.
    await order(c, [{ amountMinor: 15_000 }]);
    acc = await f.account(c, p);
    expect(acc?.balance).toBe(250);
    expect(acc?.tier).toMatchObject({ code: "silver", qualifyingValue: 550, nextCode: "gold" });
    expect((await f.outbox("loyalty.tier_changed", c)).at(-1)).toMatchObject({
      from: "bronze",
      to: "silver",
    });

    // Cancelling the redemption gives the 300 back to the balance, but they were not earned
    // again: 550 + 10 = 560 qualifies, not 860 (which would reach gold's 800).
    const cancel = await t.gql(
      `mutation($id: ID!) { cancelRedemption(id: $id, reason: "changed their mind") { status } }`,
      { id: redeemed.data!.redeemReward.id },
      t.writeKey,
    );
    expect(cancel.errors ?? []).toEqual([]);
    await order(c, [{ amountMinor: 1_000 }]);
    acc = await f.account(c, p);
    expect(acc?.balance).toBe(250 + 300 + 10);
    expect(acc?.lifetimeEarned).toBe(560);
    expect(acc?.tier).toMatchObject({ code: "silver", qualifyingValue: 560 });
    const burn = (await entries(c, p)).find((e) => e.kind === "BURN");
    expect(burn?.amount).toBe(-300);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});
